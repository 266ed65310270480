package io.astrashell.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets never reach logs, errors or history. */
class SecretsTest {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0123456789abcdef".repeat(4);

	@Test
	void tokensAndTokenValuesAreMasked() {
		assertThat(Secrets.redact("org --token " + TOKEN + " -o json")).isEqualTo("org --token AstraCS:**** -o json");
		assertThat(Secrets.redact("org --token=hunter2")).isEqualTo("org --token=AstraCS:****");
		assertThat(Secrets.redact("org --token 'not a token'")).isEqualTo("org --token AstraCS:****");
		assertThat(Secrets.redact("Bearer " + TOKEN)).isEqualTo("Bearer AstraCS:****");
		assertThat(Secrets.redact("see 'AstraCS:' and AstraCS:...")).isEqualTo("see 'AstraCS:' and AstraCS:...");
		assertThat(Secrets.redact("pass --token AstraCS:..., set X")).isEqualTo("pass --token AstraCS:..., set X");
	}

	@Test
	void clientSecretsAreMasked() {
		String secret = "8wAswCxcmIxLtj4g812s2mekoPLWSDXQGQsf+OzQyRhXAUp0aFfCSHqP2gwvDqS51Uxngu+56DuUttT506M64DSnJMXmGiEtZjgi2e+vCgpiOcepX6bmIja9.rGTKuuo";
		assertThat(Secrets.redact("secret: " + secret + " end")).isEqualTo("secret: AstraCS:**** end");
		assertThat(Secrets.redact("a normal sentence with words")).isEqualTo("a normal sentence with words");
	}

	@Test
	void passwordsInUrlsAreMasked() {
		assertThat(Secrets.redact("org --local-endpoint http://admin:s3cret@127.0.0.1:8181 -v"))
			.isEqualTo("org --local-endpoint http://admin:****@127.0.0.1:8181 -v");
		assertThat(Secrets.redact("Cannot reach https://u:p@ss/w:rd@api.example:8443/v2 now"))
			.isEqualTo("Cannot reach https://u:****@api.example:8443/v2 now");
		assertThat(Secrets.redact("proxy 'HTTP://:only-password@proxy:3128' (HTTPS_PROXY)"))
			.isEqualTo("proxy 'HTTP://:****@proxy:3128' (HTTPS_PROXY)");
		assertThat(Secrets.redact("I/O error on GET request for \"http://a:b@h:1/v2/x\": refused"))
			.isEqualTo("I/O error on GET request for \"http://a:****@h:1/v2/x\": refused");
		// no password, nothing to mask: a user alone, a port, an email
		assertThat(Secrets.redact("http://user@h:1 and http://127.0.0.1:8181/v2 and dana@example.com"))
			.isEqualTo("http://user@h:1 and http://127.0.0.1:8181/v2 and dana@example.com");
		assertThat(Secrets.redactWords(List.of("org", "--local-endpoint", "http://a:b@h:1")))
			.containsExactly("org", "--local-endpoint", "http://a:****@h:1");
	}

	@Test
	void wordsOfACommandLine() {
		assertThat(Secrets.redactWords(List.of("org", "--token", "x", "--token=y", TOKEN)))
			.containsExactly("org", "--token", "AstraCS:****", "--token=AstraCS:****", "AstraCS:****");
	}

}
