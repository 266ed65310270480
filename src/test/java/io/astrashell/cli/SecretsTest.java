package io.astrashell.cli;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets never reach logs, errors or history; ordinary words always do. */
class SecretsTest {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0123456789abcdef".repeat(4);

	/** The alphabet of client secrets, as the service and the sandbox draw them. */
	static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,+_-";

	static String randomSecret(SecureRandom random) {
		StringBuilder b = new StringBuilder(128);
		for (int i = 0; i < 128; i++) {
			b.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
		}
		return b.toString();
	}

	@Test
	void tokensAreMaskedWholeCutOrMistyped() {
		assertThat(Secrets.redact("Bearer " + TOKEN)).isEqualTo("Bearer AstraCS:****");
		assertThat(Secrets.redact("x " + TOKEN.substring(0, 40) + " y")).isEqualTo("x AstraCS:**** y");
		assertThat(Secrets.redact("'AstraCS:nope'")).isEqualTo("'AstraCS:****'");
		assertThat(Secrets.redact("AstraCS:abc:123:xyz!")).isEqualTo("AstraCS:****!");
		assertThat(Secrets.redact("see 'AstraCS:' and AstraCS:...")).isEqualTo("see 'AstraCS:' and AstraCS:...");
	}

	/**
	 * A mistyped token is as secret as a good one: a backslash anywhere in it (kept by double quotes),
	 * a client id of the wrong length, a secret part that is not hex, a prefix in another case or
	 * mistyped; the shell's own masked form is left as it is.
	 */
	@Test
	void mistypedTokensAreMaskedByTheirShape() {
		String tail = TOKEN.substring("AstraCS:".length());
		assertThat(Secrets.redact("Token 'Astra\\CS:" + tail + "' not found")).isEqualTo("Token 'AstraCS:****' not found");
		assertThat(Secrets.redact("x Ast\\ra\\CS\\:" + tail.substring(0, 30) + "\\" + tail.substring(30) + " y"))
			.isEqualTo("x AstraCS:**** y");
		assertThat(Secrets.redact("AstraCS:ABCDEFGHIJKLMNOPQRSTU:" + "0123456789abcdef".repeat(4)))
			.isEqualTo("AstraCS:****"); // a client id of 21 letters
		assertThat(Secrets.redact("AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0123456789abcdeZ".repeat(4)))
			.isEqualTo("AstraCS:****"); // not hex
		assertThat(Secrets.redact("(astracs:" + tail + ")")).isEqualTo("(AstraCS:****)");
		assertThat(Secrets.redact("got AstarCS:" + tail + ".")).isEqualTo("got AstraCS:****.");
		assertThat(Secrets.redact("got AstraCS;" + tail + " and " + tail)).isEqualTo("got AstraCS:**** and AstraCS:****");
		assertThat(Secrets.redact("Token AstraCS:ABCD…cdef")).isEqualTo("Token AstraCS:ABCD…cdef");
		// ordinary text with colons and backslashes keeps its words
		for (String ordinary : List.of("C:\\Users\\dana\\astra.yaml", "at 12:30:00 on 2026-01-02T12:30:00Z",
				"Roles: Organization Administrator, RO User", "key:value and a\\b", "see 'AstraCS:' and AstraCS:...",
				"OrganizationAdministrator:ReadWriteEverythingEverywhereAllAtOnce",
				"ThisIsALongCamelCaseName:" + "e316ae89".repeat(3))) {
			assertThat(Secrets.redact(ordinary)).as(ordinary).isEqualTo(ordinary);
		}
	}

	@Test
	void theValueOfTokenIsMaskedInACommandLineWhateverItsShape() {
		assertThat(Secrets.redactLine("org --token " + TOKEN + " -o json")).isEqualTo("org --token AstraCS:**** -o json");
		assertThat(Secrets.redactLine("org --token=hunter2")).isEqualTo("org --token=AstraCS:****");
		assertThat(Secrets.redactLine("org --token 'not a token'")).isEqualTo("org --token AstraCS:****");
		assertThat(Secrets.redactLine("pass --token AstraCS:..., set X")).isEqualTo("pass --token AstraCS:..., set X");
		// a following option is not the token's value: nothing secret to mask, and the line keeps its words
		assertThat(Secrets.redactLine("org --token --env local")).isEqualTo("org --token --env local");
		assertThat(Secrets.redactLine("org --token -o json")).isEqualTo("org --token -o json");
	}

	@Test
	void messagesThatNameTheOptionKeepTheirWords() {
		// the message of 'org --token' with no value, which used to read 'Option --token AstraCS:**** a value'
		String message = "Option --token needs a value: <AUTH_TOKEN>. See 'astra help org'.";
		assertThat(Secrets.redact(message)).isEqualTo(message);
		assertThat(Secrets.redact("Invalid token from --token: the token has 12 characters"))
			.isEqualTo("Invalid token from --token: the token has 12 characters");
	}

	@Test
	void clientSecretsAreMasked() {
		String secret = "8wAswCxcmIxLtj4g812s2mekoPLWSDXQGQsf+OzQyRhXAUp0aFfCSHqP2gwvDqS51Uxngu+56DuUttT506M64DSnJMXmGiEtZjgi2e+vCgpiOcepX6bmIja9.rGTKuuo";
		assertThat(Secrets.redact("secret: " + secret + " end")).isEqualTo("secret: AstraCS:**** end");
		assertThat(Secrets.redact("clientId,secret\r\nABCDEFGHIJKLMNOPQRSTUVWX," + secret))
			.isEqualTo("clientId,secret\r\nAstraCS:****");
		assertThat(Secrets.redact("cut: " + secret.substring(0, 110))).isEqualTo("cut: AstraCS:****");
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < 10_000; i++) {
			String s = randomSecret(random);
			assertThat(Secrets.redact("\"secret\" : \"" + s + "\",")).as(s).isEqualTo("\"secret\" : \"AstraCS:****\",");
		}
	}

	@Test
	void ordinaryWordsHoweverLongAreLeftAlone() {
		String letters = "a".repeat(20_000);
		assertThat(Secrets.redact("Role '" + letters + "' has not been found.")).contains(letters);
		String mixedLetters = "Pipeline".repeat(30); // 240 letters, both cases, no digit
		assertThat(Secrets.redact(mixedLetters)).isEqualTo(mixedLetters);
		String hash = "0123456789abcdef".repeat(16); // lower-case hex, 256 characters
		assertThat(Secrets.redact(hash)).isEqualTo(hash);
		String ids = String.join(",", Collections.nCopies(8, "e316ae89-2fcb-4a60-b703-80fa81b2dc2c"));
		assertThat(Secrets.redact(ids)).isEqualTo(ids);
		String upperAndDigits = "ABC123".repeat(40);
		assertThat(Secrets.redact(upperAndDigits)).isEqualTo(upperAndDigits);
		String sentence = "A Normal Sentence with 2024 words, Each one short. ".repeat(20);
		assertThat(Secrets.redact(sentence)).isEqualTo(sentence);
		String shortMix = "Ab1".repeat(33); // 99 characters: shorter than any secret
		assertThat(Secrets.redact(shortMix)).isEqualTo(shortMix);
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
		// -t, config create's short form of --token, whatever its value's shape
		assertThat(Secrets.redactWords(List.of("config", "create", "p", "-t", "Astra\\CS:x", "-t=nope", "-e", "DEV")))
			.containsExactly("config", "create", "p", "-t", "AstraCS:****", "-t=AstraCS:****", "-e", "DEV");
		assertThat(Secrets.redactLine("config create p -t hunter2 -e DEV")).isEqualTo("config create p -t AstraCS:**** -e DEV");
		assertThat(Secrets.redactLine("role create x -d 'no-t here' -a org-read")).isEqualTo("role create x -d 'no-t here' -a org-read");
		String letters = "b".repeat(20_000);
		assertThat(Secrets.redactWords(List.of("role", "get", letters))).containsExactly("role", "get", letters);
	}

}
