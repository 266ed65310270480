package io.astrashell.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of anything written for people or kept on disk: error messages, {@code -v} logs,
 * the history file. The value of {@code --token}, and anything shaped like a token or a client secret,
 * becomes {@code AstraCS:****}.
 */
public final class Secrets {

	public static final String MASKED_TOKEN = "AstraCS:****";

	private static final Pattern TOKEN = Pattern.compile("AstraCS:[A-Za-z0-9][A-Za-z0-9:_+/.=-]*");

	/**
	 * The value of {@code --token}; the placeholder {@code AstraCS:...} and a command substitution
	 * {@code "$(astra token get ...)"} of the shell's own hints are left alone.
	 */
	private static final Pattern TOKEN_OPTION = Pattern
		.compile("(--token(?:=|\\s+))(?!AstraCS:\\.\\.\\.|\"\\$\\(astra token get[^\"]*\\)\")(\"[^\"]*\"|'[^']*'|\\S+)");

	/** 100 or more characters of the alphabet of client secrets, with no space. */
	private static final Pattern CLIENT_SECRET = Pattern.compile("(?<![A-Za-z0-9.,+_-])[A-Za-z0-9.,+_-]{100,}");

	private Secrets() {
	}

	public static String redact(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String out = TOKEN.matcher(text).replaceAll(MASKED_TOKEN);
		Matcher m = TOKEN_OPTION.matcher(out);
		StringBuilder b = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + MASKED_TOKEN));
		}
		m.appendTail(b);
		out = b.toString();
		return CLIENT_SECRET.matcher(out).replaceAll(Matcher.quoteReplacement(MASKED_TOKEN));
	}

	/** The words of a command line with the value of {@code --token} masked. */
	public static List<String> redactWords(List<String> words) {
		String[] out = words.toArray(String[]::new);
		for (int i = 0; i < out.length; i++) {
			if (out[i].equals("--token") && i + 1 < out.length) {
				out[i + 1] = MASKED_TOKEN;
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
