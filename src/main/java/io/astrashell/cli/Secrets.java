package io.astrashell.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of anything written for people or kept on disk: error messages, {@code -v} logs,
 * the history file. The value of {@code --token}, and anything shaped like a token or a client secret,
 * becomes {@code AstraCS:****}; the password of a URL ({@code http://user:password@host}, an endpoint
 * or a proxy) becomes {@code ****}.
 */
public final class Secrets {

	public static final String MASKED_TOKEN = "AstraCS:****";

	/** What the password of a URL is shown as ({@code http://user:****@host}). */
	public static final String MASKED_PASSWORD = "****";

	private static final Pattern TOKEN = Pattern.compile("AstraCS:[A-Za-z0-9][A-Za-z0-9:_+/.=-]*");

	/** The value of {@code --token}; the placeholder {@code AstraCS:...} of the shell's own hints is left alone. */
	private static final Pattern TOKEN_OPTION = Pattern
		.compile("(--token(?:=|\\s+))(?!AstraCS:\\.\\.\\.)(\"[^\"]*\"|'[^']*'|\\S+)");

	/**
	 * The password of a URL ({@code http://user:password@host}): from the first {@code :} after the
	 * user's name to the last {@code @} of the word, so that a password holding {@code @} or {@code /}
	 * is hidden whole.
	 */
	private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/?#@\"']*):[^\\s\"']*@");

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
		out = CLIENT_SECRET.matcher(out).replaceAll(Matcher.quoteReplacement(MASKED_TOKEN));
		return URL_PASSWORD.matcher(out).replaceAll("$1:" + Matcher.quoteReplacement(MASKED_PASSWORD) + "@");
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
