package io.astrashell.session;

import java.net.URI;

import io.astrashell.api.Urls;

/**
 * Whom a command talks to and as whom: the environment, the API base URL, the token, and the
 * profile it came from (null when it came from {@code --token} or the environment variable).
 * {@link #identity()} keys caches; {@link #toString()} never shows the token, nor a password in the URL.
 */
public record Connection(AstraEnvironment environment, URI baseUrl, String token, String profile,
		String tokenSource) {

	/** Environment, endpoint and token: two connections with the same identity see the same organization. */
	public String identity() {
		return environment + "|" + baseUrl + "|" + token;
	}

	@Override
	public String toString() {
		return "Connection[" + environment + ", " + Urls.masked(String.valueOf(baseUrl)) + ", " + TokenFormat.mask(token) + ", profile=" + profile
				+ "]";
	}

}
