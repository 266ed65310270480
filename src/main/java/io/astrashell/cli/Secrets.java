package io.astrashell.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.astrashell.output.SecretText;

/**
 * Keeps secrets out of anything written for people or kept on disk: error messages, {@code -v} logs,
 * the history file. What has the shape of a secret becomes {@code AstraCS:****}, as
 * {@link SecretText} defines the shapes (a token, whole, cut or mistyped, stray backslashes and all;
 * a client secret; the password of a URL, which becomes {@code ****}); in a command line
 * ({@link #redactLine}, {@link #redactWords}) also the value of {@code --token}, and of {@code -t}
 * (its short form in {@code config create}), whatever its shape. Prose ({@link #redact}) is masked by
 * shape alone, so an error message that names the option ({@code Option --token needs a value})
 * keeps its words.
 */
public final class Secrets {

	public static final String MASKED_TOKEN = SecretText.MASKED_TOKEN;

	/** What the password of a URL is shown as ({@code http://user:****@host}). */
	public static final String MASKED_PASSWORD = SecretText.MASKED_PASSWORD;

	/**
	 * The value of {@code --token} (or {@code -t}) in a command line; neither the placeholder {@code AstraCS:...} nor a
	 * command substitution {@code "$(astra token get ...)"} of the shell's own hints, nor a following
	 * option ({@code --token --env local}: the token is missing).
	 */
	private static final Pattern TOKEN_OPTION = Pattern
		.compile("((?<![\\w-])(?:--token|-t)(?:=|\\s+(?!-{1,2}[A-Za-z][A-Za-z-]*(?:[\\s=]|$))))(?!AstraCS:\\.\\.\\.|\"\\$\\(astra token get[^\"]*\\)\")(\"[^\"]*\"|'[^']*'|\\S+)");

	private Secrets() {
	}

	/** Text (a message, a log line, a stack trace) with every token- or secret-shaped string masked. */
	public static String redact(String text) {
		return SecretText.redact(text);
	}

	/**
	 * A command line as typed (history, a script's line): {@link #redact}, and the value of
	 * {@code --token} or {@code -t}.
	 */
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

	/** The names of the token's option: {@code --token}, and {@code -t} of {@code config create}. */
	private static final List<String> TOKEN_OPTIONS = List.of("--token", "-t");

	/**
	 * The words of a command line with the value of {@code --token} or {@code -t} masked (whatever its
	 * shape), and every other word {@link #redact}ed.
	 */
	public static List<String> redactWords(List<String> words) {
		String[] out = words.toArray(String[]::new);
		for (int i = 0; i < out.length; i++) {
			String option = tokenOption(out[i]);
			if (option != null && out[i].equals(option) && i + 1 < out.length) {
				out[i + 1] = MASKED_TOKEN;
				i++;
			}
			else if (option != null && !out[i].equals(option)) {
				out[i] = option + "=" + MASKED_TOKEN;
			}
			else {
				out[i] = redact(out[i]);
			}
		}
		return List.of(out);
	}

	/** The token option that {@code word} is ({@code --token}) or starts ({@code --token=...}), or null. */
	private static String tokenOption(String word) {
		for (String option : TOKEN_OPTIONS) {
			if (word.equals(option) || word.startsWith(option + "=")) {
				return option;
			}
		}
		return null;
	}

}
