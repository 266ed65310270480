package io.astrashell.api;

import java.util.Locale;

/** URL text for people: a password in a URL is never shown; loopback hosts are told apart. */
public final class Urls {

	/** What a password in a URL is shown as: {@code http://user:****@host}. */
	public static final String MASK = "****";

	private Urls() {
	}

	/**
	 * The URL with the password of its user info, if any, replaced by {@link #MASK}. It also works on
	 * text that is not a valid URL (an endpoint being refused): everything between the user's name and
	 * the last {@code @} of the text is masked, so a password holding {@code /} or {@code @} is hidden
	 * too.
	 */
	public static String masked(String url) {
		if (url == null) {
			return null;
		}
		int scheme = url.indexOf("://");
		int start = scheme < 0 ? 0 : scheme + 3;
		int at = url.lastIndexOf('@');
		if (at < start) {
			return url;
		}
		int colon = url.indexOf(':', start);
		if (colon < 0 || colon > at) {
			return url; // a user name alone
		}
		return url.substring(0, colon + 1) + MASK + url.substring(at);
	}

	/**
	 * Whether a host names this machine's loopback interface: {@code localhost} (and names under it),
	 * an address of 127.0.0.0/8, or {@code ::1}. Decided from the text alone: nothing is looked up.
	 */
	public static boolean isLoopback(String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		String h = bare(host);
		if (h.equals("localhost") || h.endsWith(".localhost")) {
			return true;
		}
		byte[] v4 = NoProxy.ipv4(h);
		if (v4 != null) {
			return v4[0] == 127;
		}
		byte[] v6 = NoProxy.ipv6(h);
		if (v6 != null) {
			for (int i = 0; i < 15; i++) {
				if (v6[i] != 0) {
					return false;
				}
			}
			return v6[15] == 1;
		}
		return false;
	}

	/** A host name in lower case without the brackets of an IPv6 literal or a trailing dot. */
	static String bare(String host) {
		String h = host.trim().toLowerCase(Locale.ROOT);
		if (h.startsWith("[") && h.endsWith("]")) {
			h = h.substring(1, h.length() - 1);
		}
		while (h.endsWith(".")) {
			h = h.substring(0, h.length() - 1);
		}
		return h;
	}

}
