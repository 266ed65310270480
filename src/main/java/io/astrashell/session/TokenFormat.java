package io.astrashell.session;

import io.astrashell.error.AstraError;

/**
 * The shape of an application token: {@code AstraCS:} + a 24-letter client id + {@code :} + 64
 * lowercase hex characters (97 in all). A token of another shape is refused before any request,
 * with a message that says what is wrong and never repeats the token.
 */
public final class TokenFormat {

	public static final String PREFIX = "AstraCS:";

	public static final int LENGTH = 97;

	private TokenFormat() {
	}

	/**
	 * A token as given, without the spaces and line breaks around it (a token from
	 * {@code $(cat file)}, a variable or a paste often ends with one). Spaces inside are kept, and
	 * refused by {@link #problem(String)}.
	 */
	public static String clean(String token) {
		return token == null ? null : token.strip();
	}

	/** What is wrong with the token, or null when its shape is right. */
	public static String problem(String token) {
		if (token == null || token.isBlank()) {
			return "the token is empty";
		}
		if (!token.startsWith(PREFIX)) {
			if (token.startsWith("Bearer ")) {
				return "the token starts with 'Bearer ': give the token alone, starting with 'AstraCS:'";
			}
			return "the token does not start with 'AstraCS:' (a client secret or a database password is not an "
					+ "application token)";
		}
		if (token.length() != LENGTH) {
			return "the token has " + token.length() + " characters; an application token has " + LENGTH
					+ " ('AstraCS:', a 24-letter client id, ':', 64 hex characters)";
		}
		String clientId = token.substring(PREFIX.length(), PREFIX.length() + 24);
		for (int i = 0; i < clientId.length(); i++) {
			char c = clientId.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				return "the client id part of the token (24 characters after 'AstraCS:') must be letters only";
			}
		}
		if (token.charAt(PREFIX.length() + 24) != ':') {
			return "the token needs a ':' after its 24-letter client id";
		}
		String hex = token.substring(PREFIX.length() + 25);
		for (int i = 0; i < hex.length(); i++) {
			char c = hex.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return "the last part of the token must be 64 lowercase hexadecimal characters";
			}
		}
		return null;
	}

	public static boolean isValid(String token) {
		return problem(token) == null;
	}

	/** Refuses a malformed token (exit 9), naming the problem and where the token came from. */
	public static void check(String token, String source) {
		String problem = problem(token);
		if (problem != null) {
			throw AstraError.configuration("Invalid token from " + source + ": " + problem + ".");
		}
	}

	/** {@code AstraCS:abcd…wxyz}: enough to tell tokens apart, never enough to use one. */
	public static String mask(String token) {
		if (token == null) {
			return "";
		}
		if (isValid(token)) {
			return PREFIX + token.substring(8, 12) + "…" + token.substring(token.length() - 4);
		}
		return token.length() <= 8 ? "****" : token.substring(0, Math.min(4, token.length())) + "…";
	}

	/** The client id inside a well-formed token. */
	public static String clientId(String token) {
		return isValid(token) ? token.substring(PREFIX.length(), PREFIX.length() + 24) : null;
	}

}
