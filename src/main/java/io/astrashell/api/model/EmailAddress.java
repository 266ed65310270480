package io.astrashell.api.model;

import java.util.regex.Pattern;

/**
 * What an email address to invite is, as the client checks it before a request and the sandbox checks
 * it on the wire (one rule, so that the two cannot disagree): {@code name@domain.tld}, with no space and
 * a single {@code @}, domain labels not empty (no {@code a@b..c}, {@code a@.b.c}, {@code a@b.c.}), no
 * control or bidirectional formatting character ({@link UnsafeCharacters}), a local part of at most 64
 * characters and at most 254 in all (RFC 5321).
 */
public final class EmailAddress {

	/** The longest local part (before the {@code @}) of an address, RFC 5321. */
	public static final int MAX_LOCAL_PART = 64;

	/** The longest address that fits a mail path, RFC 5321 (256 with the angle brackets). */
	public static final int MAX_LENGTH = 254;

	private static final Pattern FORM = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	/** Why a text is not an address to invite. */
	public enum Problem {

		/** A control or bidirectional formatting character. */
		UNSAFE_CHARACTER,

		/** Not of the form {@code name@domain.tld}. */
		NOT_AN_ADDRESS,

		/** More than {@link #MAX_LOCAL_PART} characters before the {@code @}. */
		LOCAL_PART_TOO_LONG,

		/** More than {@link #MAX_LENGTH} characters. */
		TOO_LONG

	}

	private EmailAddress() {
	}

	/** Whether {@code s} has the form of an address, {@code name@domain.tld} (lengths not checked). */
	public static boolean hasForm(String s) {
		return s != null && FORM.matcher(s).matches();
	}

	/** What is wrong with {@code s} as an address to invite, in that order of checks; null if nothing. */
	public static Problem problem(String s) {
		if (UnsafeCharacters.firstUnsafe(s) >= 0) {
			return Problem.UNSAFE_CHARACTER;
		}
		if (!hasForm(s)) {
			return Problem.NOT_AN_ADDRESS;
		}
		if (s.indexOf('@') > MAX_LOCAL_PART) {
			return Problem.LOCAL_PART_TOO_LONG;
		}
		if (s.length() > MAX_LENGTH) {
			return Problem.TOO_LONG;
		}
		return null;
	}

	/** Whether {@code s} is an address to invite. */
	public static boolean isValid(String s) {
		return problem(s) == null;
	}

}
