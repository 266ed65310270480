package io.astrashell.session;

import java.net.URI;

import io.astrashell.api.Urls;

/**
 * Whom a command talks to and as whom: the environment, the API base URL, the token, and the
 * profile it came from (null when it came from {@code --token} or the environment variable). It is
 * an identity, not a connection (the HTTP connections are the client's). {@link #key()} keys caches; {@link #toString()} never shows the token, nor a password in the URL.
 */
public record Identity(AstraEnvironment environment, URI baseUrl, String token, String profile,
		String tokenSource) {

	/** Environment, endpoint and token: two identities with the same key see the same organization. */
	public String key() {
		return environment + "|" + baseUrl + "|" + token;
	}

	@Override
	public String toString() {
		return "Identity[" + environment + ", " + Urls.masked(String.valueOf(baseUrl)) + ", " + TokenFormat.mask(token) + ", profile=" + profile
				+ "]";
	}

}
