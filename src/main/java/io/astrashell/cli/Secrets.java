package io.astrashell.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of anything written for people or kept on disk: error messages, {@code -v} logs,
 * the history file. What has the shape of a secret becomes {@code AstraCS:****}:
 * <ul>
 * <li>a token, or anything that starts like one: {@code AstraCS:} followed by a letter or digit and
 * the characters of a token ({@code AstraCS:} + 24 letters + {@code :} + 64 hex characters when
 * whole; a mistyped or cut token is as secret);</li>
 * <li>a client secret: a run of at least {@value #SECRET_MIN_LENGTH} characters of the secrets'
 * alphabet {@code [A-Za-z0-9.,+_-]} (a whole secret has 128) that mixes upper-case letters,
 * lower-case letters and digits, as every random secret does (one without a digit comes once in a
 * billion). Words, names and sentences, however long, are left alone: a run of letters alone, or of
 * lower-case letters and digits (ids, hashes), is not a secret's shape;</li>
 * <li>in a command line ({@link #redactLine}, {@link #redactWords}) also the value of {@code --token},
 * whatever its shape.</li>
 * </ul>
 * The password of a URL ({@code http://user:password@host}, an endpoint or a proxy) becomes
 * {@code ****}. Prose ({@link #redact}) is masked by shape alone, so an error message that names the
 * option ({@code Option --token needs a value}) keeps its words.
 */
public final class Secrets {

	public static final String MASKED_TOKEN = "AstraCS:****";

	/** The shortest run of the secrets' alphabet taken for a (possibly cut) client secret. */
	static final int SECRET_MIN_LENGTH = 100;

	/** What the password of a URL is shown as ({@code http://user:****@host}). */
	public static final String MASKED_PASSWORD = "****";

	private static final Pattern TOKEN = Pattern.compile("AstraCS:[A-Za-z0-9][A-Za-z0-9:_+/.=-]*");

	/**
	 * The value of {@code --token} in a command line; neither the placeholder {@code AstraCS:...} nor a
	 * command substitution {@code "$(astra token get ...)"} of the shell's own hints, nor a following
	 * option ({@code --token --env local}: the token is missing).
	 */
	private static final Pattern TOKEN_OPTION = Pattern
		.compile("(--token(?:=|\\s+(?!-{1,2}[A-Za-z][A-Za-z-]*(?:[\\s=]|$))))(?!AstraCS:\\.\\.\\.|\"\\$\\(astra token get[^\"]*\\)\")(\"[^\"]*\"|'[^']*'|\\S+)");

	/** A run of the secrets' alphabet long enough to be one; {@link #isSecret} decides. */
	private static final Pattern SECRET_RUN = Pattern
		.compile("(?<![A-Za-z0-9.,+_-])[A-Za-z0-9.,+_-]{" + SECRET_MIN_LENGTH + ",}(?![A-Za-z0-9.,+_-])");

	/**
	 * The password of a URL ({@code http://user:password@host}): from the first {@code :} after the
	 * user's name to the last {@code @} of the word, so that a password holding {@code @} or {@code /}
	 * is hidden whole.
	 */
	private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/?#@\"']*):[^\\s\"']*@");

	private Secrets() {
	}

	/** Text (a message, a log line, a stack trace) with every token- or secret-shaped string masked. */
	public static String redact(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String out = TOKEN.matcher(text).replaceAll(MASKED_TOKEN);
		Matcher m = SECRET_RUN.matcher(out);
		StringBuilder b = null;
		while (m.find()) {
			if (b == null) {
				b = new StringBuilder();
			}
			m.appendReplacement(b, Matcher.quoteReplacement(isSecret(m.group()) ? MASKED_TOKEN : m.group()));
		}
		if (b != null) {
			m.appendTail(b);
			out = b.toString();
		}
		return out.indexOf("://") < 0 ? out
				: URL_PASSWORD.matcher(out).replaceAll("$1:" + Matcher.quoteReplacement(MASKED_PASSWORD) + "@");
	}

	/** A command line as typed (history, a script's line): {@link #redact}, and the value of {@code --token}. */
	public static String redactLine(String line) {
		if (line == null || line.isEmpty()) {
			return line;
		}
		Matcher m = TOKEN_OPTION.matcher(redact(line));
		StringBuilder b = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + MASKED_TOKEN));
		}
		m.appendTail(b);
		return b.toString();
	}

	/** Whether a run of the secrets' alphabet has a secret's mix: upper case, lower case and digits. */
	static boolean isSecret(String run) {
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

	/** The words of a command line with the value of {@code --token} masked. */
	public static List<String> redactWords(List<String> words) {
		String[] out = words.toArray(String[]::new);
		for (int i = 0; i < out.length; i++) {
			if (out[i].equals("--token") && i + 1 < out.length) {
				out[i + 1] = MASKED_TOKEN;
				i++;
			}
			else if (out[i].startsWith("--token=")) {
				out[i] = "--token=" + MASKED_TOKEN;
			}
			else {
				out[i] = redact(out[i]);
			}
		}
		return List.of(out);
	}

}
