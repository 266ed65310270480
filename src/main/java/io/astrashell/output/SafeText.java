package io.astrashell.output;

import io.astrashell.api.model.UnsafeCharacters;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * The characters that must not reach a terminal from a value the shell did not write itself (a role
 * name, an email, a description, an organization name sent by the server): the C0 controls
 * (U+0000 to U+001F, ESC among them), DEL and the C1 controls (U+007F to U+009F), and the
 * bidirectional formatting characters, which reorder what a terminal shows (U+061C, U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069): one set, {@link UnsafeCharacters}, which the sandbox checks
 * too. Human output and CSV replace each with a space; JSON writes each as a {@code \\uXXXX} escape,
 * which reads back as the same string.
 */
public final class SafeText {

	private SafeText() {
	}

	/** Whether {@code c} is a control or a bidirectional formatting character. */
	public static boolean isUnsafe(int c) {
		return UnsafeCharacters.isUnsafe(c);
	}

	/** The index of the first unsafe character of {@code s}, or -1 (also for null). */
	public static int firstUnsafe(String s) {
		return UnsafeCharacters.firstUnsafe(s);
	}

	/** {@code s} with every unsafe character replaced by a space; null becomes "". */
	public static String replace(String s) {
		if (s == null) {
			return "";
		}
		int first = firstUnsafe(s);
		if (first < 0) {
			return s;
		}
		StringBuilder b = new StringBuilder(s.length()).append(s, 0, first);
		for (int i = first; i < s.length(); i++) {
			char c = s.charAt(i);
			b.append(isUnsafe(c) ? ' ' : c);
		}
		return b.toString();
	}

	/**
	 * Multi-line text (a stack trace) with every unsafe character replaced by a space, but its line
	 * feeds and tabs kept.
	 */
	public static String replaceKeepingLines(String s) {
		if (s == null) {
			return "";
		}
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			b.append(c != '\n' && c != '\t' && isUnsafe(c) ? ' ' : c);
		}
		return b.toString();
	}

	/** How a character is named in a message: {@code U+001B}. */
	public static String codePoint(char c) {
		return String.format("U+%04X", (int) c);
	}

	/**
	 * JSON escapes for the unsafe characters that JSON itself allows raw (DEL, the C1 controls and the
	 * bidirectional ones); the C0 controls are escaped by every JSON writer already.
	 */
	static final class JsonEscapes extends CharacterEscapes {

		private final int[] ascii;

		JsonEscapes() {
			ascii = standardAsciiEscapesForJSON();
			ascii[0x7f] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return ascii;
		}

		@Override
		public SerializableString getEscapeSequence(int ch) {
			return isUnsafe(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
		}

	}

}
