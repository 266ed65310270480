package io.astrashell.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Application tokens as the service makes them: {@code AstraCS:} + client id (24 ASCII letters) + {@code :}
 * + hex(SHA-256(client secret)); secrets are 128 characters from {@code [A-Za-z0-9.,+_-]}. Also the
 * RFC 3339 timestamps of the wire.
 */
final class SandboxCredentials {

	static final String TOKEN_PREFIX = "AstraCS:";

	static final Pattern TOKEN = Pattern.compile("AstraCS:([A-Za-z]{24}):([0-9a-f]{64})");

	private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final String SECRET_CHARACTERS = LETTERS + "0123456789.,+_-";

	private static final int CLIENT_ID_LENGTH = 24;

	private static final int SECRET_LENGTH = 128;

	private static final DateTimeFormatter RFC_3339_MILLIS = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final SecureRandom RANDOM = new SecureRandom();

	private SandboxCredentials() {
	}

	static String newClientId() {
		return randomString(LETTERS, CLIENT_ID_LENGTH);
	}

	static String newSecret() {
		return randomString(SECRET_CHARACTERS, SECRET_LENGTH);
	}

	/** hex(SHA-256(secret)): what the state keeps, and the last part of the token. */
	static String hash(String secret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	static String token(String clientId, String tokenHash) {
		return TOKEN_PREFIX + clientId + ":" + tokenHash;
	}

	/** Compares two hex hashes in constant time. */
	static boolean sameHash(String a, String b) {
		return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
				b.getBytes(StandardCharsets.US_ASCII));
	}

	/** An instant as the wire writes it: RFC 3339, UTC, milliseconds ({@code 2025-06-17T02:26:29.846Z}). */
	static String timestamp(Instant instant) {
		return RFC_3339_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Reads an RFC 3339 date-time ({@code 2026-01-31T00:00:00Z}, any offset, optional fraction).
	 * @throws DateTimeParseException when the text is not one
	 */
	static Instant parseTimestamp(String text) {
		return OffsetDateTime.parse(text.trim().toUpperCase(Locale.ROOT)).toInstant();
	}

	private static String randomString(String alphabet, int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return sb.toString();
	}

}
