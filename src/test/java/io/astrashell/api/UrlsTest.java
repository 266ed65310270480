package io.astrashell.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** URL text for people: passwords masked, loopback told from the text alone. */
class UrlsTest {

	@Test
	void thePasswordIsMaskedEvenInTextThatIsNoValidUrl() {
		assertThat(Urls.masked("http://admin:s3cret@127.0.0.1:8181")).isEqualTo("http://admin:****@127.0.0.1:8181");
		assertThat(Urls.masked("http://admin:pa/ss@w@host/x")).isEqualTo("http://admin:****@host/x");
		assertThat(Urls.masked("http://admin@host:1")).isEqualTo("http://admin@host:1");
		assertThat(Urls.masked("http://127.0.0.1:8181/v2")).isEqualTo("http://127.0.0.1:8181/v2");
		assertThat(Urls.masked("proxy:3128")).isEqualTo("proxy:3128");
		assertThat(Urls.masked("u:p@proxy:3128")).isEqualTo("u:****@proxy:3128");
		assertThat(Urls.masked(null)).isNull();
	}

	@Test
	void loopbackIsKnownFromTheTextAlone() {
		assertThat(Urls.isLoopback("127.0.0.1")).isTrue();
		assertThat(Urls.isLoopback("127.255.0.9")).isTrue();
		assertThat(Urls.isLoopback("LOCALHOST.")).isTrue();
		assertThat(Urls.isLoopback("[::1]")).isTrue();
		assertThat(Urls.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(Urls.isLoopback("128.0.0.1")).isFalse();
		assertThat(Urls.isLoopback("::2")).isFalse();
		assertThat(Urls.isLoopback("127.0.0.1.example.com")).isFalse();
		assertThat(Urls.isLoopback("localhost.example.com")).isFalse();
		assertThat(Urls.isLoopback("api.astra.datastax.com")).isFalse();
	}

}
