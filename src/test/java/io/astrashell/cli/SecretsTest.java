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
	void wordsOfACommandLine() {
		assertThat(Secrets.redactWords(List.of("org", "--token", "x", "--token=y", TOKEN)))
			.containsExactly("org", "--token", "AstraCS:****", "--token=AstraCS:****", "AstraCS:****");
	}

}
