package io.astrashell.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What has the shape of a secret, wherever it stands (a value under any key, a cell, a message, a
 * log line): masked by its shape, not by where it came from. {@link Renderer} applies it to every
 * string it prints, in every format, but for the few outputs that show a secret on purpose
 * ({@code token create}, {@code token get}, {@code sandbox serve}); the command line's own rules (the
 * value of {@code --token}, whatever its shape) are {@code cli.Secrets}'s, which uses this class.
 * <ul>
 * <li>a token, or anything that starts like one: {@code AstraCS:} (in any case) followed by a letter
 * or digit and the characters of a token ({@code AstraCS:} + 24 letters + {@code :} + 64 hex
 * characters when whole; a mistyped or cut token is as secret). Stray backslashes do not hide it:
 * {@code Astra\CS:...} (a backslash kept inside double quotes) is a token. The shell's own masked
 * form {@code AstraCS:abcd…wxyz} is left as it is;</li>
 * <li>a token whose prefix is mistyped or missing: a client id (16 to 32 letters), {@code :}, and a
 * run of at least 40 letters and digits holding a digit ({@code AstarCS:abc...x:0123...});</li>
 * <li>a client secret: a run of at least {@value #SECRET_MIN_LENGTH} characters of the secrets'
 * alphabet {@code [A-Za-z0-9.,+_-]} (a whole secret has 128) that mixes upper-case letters,
 * lower-case letters and digits, as every random secret does (one without a digit comes once in a
 * billion). Words, names and sentences, however long, are left alone: a run of letters alone, or of
 * lower-case letters and digits (ids, hashes), is not a secret's shape.</li>
 * </ul>
 * Each becomes {@value #MASKED_TOKEN}. The password of a URL ({@code http://user:password@host}, an
 * endpoint or a proxy) becomes {@value #MASKED_PASSWORD}.
 */
public final class SecretText {

	public static final String MASKED_TOKEN = "AstraCS:****";

	/** What the password of a URL is shown as ({@code http://user:****@host}). */
	public static final String MASKED_PASSWORD = "****";

	/** The shortest run of the secrets' alphabet taken for a (possibly cut) client secret. */
	public static final int SECRET_MIN_LENGTH = 100;

	/** The characters a token is made of, and what may stand around its parts. */
	private static final String TOKEN_CHARS = "A-Za-z0-9:_+/.=-";

	/** A token by its prefix, in any case; not the masked form of {@code TokenFormat.mask} ({@code AstraCS:abcd…wxyz}). */
	private static final Pattern TOKEN = Pattern.compile("(?i:astracs):(?![A-Za-z]{4}…)[A-Za-z0-9][" + TOKEN_CHARS + "]*");

	/** The body of a token, whatever stands before it: a client id, ':', the secret part. */
	private static final Pattern TOKEN_BODY = Pattern
		.compile("(?<![A-Za-z0-9])[A-Za-z]{16,32}:(?=[A-Za-z]*[0-9])[A-Za-z0-9]{40,}(?![A-Za-z0-9])");

	/** A run of the secrets' alphabet long enough to be one; {@link #isSecret} decides. */
	private static final Pattern SECRET_RUN = Pattern
		.compile("(?<![A-Za-z0-9.,+_-])[A-Za-z0-9.,+_-]{" + SECRET_MIN_LENGTH + ",}(?![A-Za-z0-9.,+_-])");

	/**
	 * The password of a URL ({@code http://user:password@host}): from the first {@code :} after the
	 * user's name to the last {@code @} of the word, so that a password holding {@code @} or {@code /}
	 * is hidden whole.
	 */
	private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/?#@\"']*):[^\\s\"']*@");

	private SecretText() {
	}

	/** Text (a value, a message, a log line, a stack trace) with every token- or secret-shaped string masked. */
	public static String redact(String text) {
		if (text == null || text.isEmpty() || (text.indexOf(':') < 0 && text.length() < SECRET_MIN_LENGTH)) {
			return text; // nothing of a secret's shape can be there: the common case, kept cheap
		}
		// a token is looked for with the backslashes taken out: view[i] is text[at[i]]
		String view = text;
		int[] at = null;
		if (text.indexOf('\\') >= 0) {
			StringBuilder b = new StringBuilder(text.length());
			at = new int[text.length()];
			for (int i = 0; i < text.length(); i++) {
				if (text.charAt(i) != '\\') {
					at[b.length()] = i;
					b.append(text.charAt(i));
				}
			}
			view = b.toString();
		}
		List<int[]> regions = new ArrayList<>();
		Matcher m = TOKEN.matcher(view);
		while (m.find()) {
			regions.add(region(at, m.start(), m.end()));
		}
		m = TOKEN_BODY.matcher(view);
		while (m.find()) {
			int start = m.start();
			while (start > 0 && isTokenChar(view.charAt(start - 1))) {
				start--; // a mistyped prefix goes with it
			}
			regions.add(region(at, start, m.end()));
		}
		if (text.length() >= SECRET_MIN_LENGTH) {
			m = SECRET_RUN.matcher(text);
			while (m.find()) {
				if (isSecret(m.group())) {
					regions.add(new int[] { m.start(), m.end() });
				}
			}
		}
		String out = regions.isEmpty() ? text : mask(text, regions);
		return out.indexOf("://") < 0 ? out
				: URL_PASSWORD.matcher(out).replaceAll("$1:" + Matcher.quoteReplacement(MASKED_PASSWORD) + "@");
	}

	/** Whether {@code text} holds anything {@link #redact} would mask. */
	public static boolean holdsSecret(String text) {
		return text != null && !text.equals(redact(text));
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == ';'
				|| c == '_' || c == '+' || c == '/' || c == '.' || c == '=' || c == '-';
	}

	/** The region of the text that {@code [start, end)} of the view stands for. */
	private static int[] region(int[] at, int start, int end) {
		return at == null ? new int[] { start, end } : new int[] { at[start], at[end - 1] + 1 };
	}

	/** The text with each region (they may overlap) replaced by {@link #MASKED_TOKEN}. */
	private static String mask(String text, List<int[]> regions) {
		regions.sort((a, b) -> Integer.compare(a[0], b[0]));
		StringBuilder b = new StringBuilder(text.length());
		int done = 0;
		int i = 0;
		while (i < regions.size()) {
			int start = regions.get(i)[0];
			int end = regions.get(i)[1];
			for (i++; i < regions.size() && regions.get(i)[0] <= end; i++) {
				end = Math.max(end, regions.get(i)[1]);
			}
			b.append(text, done, start).append(MASKED_TOKEN);
			done = end;
		}
		return b.append(text, done, text.length()).toString();
	}

	/** Whether a run of the secrets' alphabet has a secret's mix: upper case, lower case and digits. */
	public static boolean isSecret(String run) {
		boolean upper = false;
		boolean lower = false;
		boolean digit = false;
		for (int i = 0; i < run.length(); i++) {
			char c = run.charAt(i);
			upper |= c >= 'A' && c <= 'Z';
			lower |= c >= 'a' && c <= 'z';
			digit |= c >= '0' && c <= '9';
		}
		return upper && lower && digit;
	}

}
