package io.astrashell.session;

import java.net.URI;
import java.util.List;

import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A local endpoint is checked, and normalized, before any request. */
class EndpointTest {

	static URI endpoint(String text) {
		return Session.endpointUri(text, "--local-endpoint");
	}

	@Test
	void aUsableEndpointIsNormalized() {
		assertThat(endpoint("http://127.0.0.1:8181")).hasToString("http://127.0.0.1:8181");
		assertThat(endpoint(" HTTP://127.0.0.1:8181/ ")).hasToString("http://127.0.0.1:8181");
		assertThat(endpoint("Https://api.example:8443/astra//")).hasToString("https://api.example:8443/astra");
		assertThat(endpoint("http://[::1]:8181")).hasToString("http://[::1]:8181");
		assertThat(endpoint("http://u:p%40ss@127.0.0.1:1")).hasToString("http://u:p%40ss@127.0.0.1:1");
		assertThat(endpoint("http://localhost")).hasToString("http://localhost");
	}

	@Test
	void anUnusableEndpointIsRefusedWithExit13SayingWhy() {
		for (List<String> c : List.of(List.of("http://127.0.0.1:99999", "the port 99999 is out of range (1 to 65535)"),
				List.of("http://127.0.0.1:0", "the port 0 is out of range"),
				List.of("http://127.0.0.1:123456789012", "the port 123456789012 is out of range"),
				List.of("http://127.0.0.1:80a", "the port '80a' is not a number"),
				List.of("http://127.0.0.1:8181/?x=1", "it has a query string ('?x=1')"),
				List.of("http://127.0.0.1:8181#top", "it has a fragment ('#top')"),
				List.of("ftp://127.0.0.1", "its scheme is 'ftp', not http or https"),
				List.of("127.0.0.1:8181", "it has no http:// or https:// in front"),
				List.of("http://", "it is not a URL"),
				List.of("http://bad host:1", "it is not a URL"),
				List.of("http://under_score:1", "it names no valid host"))) {
			assertThatThrownBy(() -> endpoint(c.get(0))).as(c.get(0)).isInstanceOf(AstraError.class)
				.hasMessageContaining("Invalid local endpoint '" + c.get(0) + "' from --local-endpoint: " + c.get(1))
				.satisfies(e -> assertThat(((AstraError) e).exitCode()).isEqualTo(ExitCode.INVALID_OPTION_VALUE));
		}
	}

	@Test
	void aPasswordIsNotRepeatedInTheError() {
		for (String text : List.of("http://admin:s3cret@127.0.0.1:99999", "http://admin:s3/cret@h:1",
				"http://admin:s3cret@h:1/?q", "http://admin:s3 cret@h:1")) {
			assertThatThrownBy(() -> endpoint(text)).as(text).isInstanceOf(AstraError.class)
				.hasMessageContaining("admin:****@").hasMessageNotContaining("s3");
		}
	}

}
