package io.astrashell.api.model;

/**
 * The characters that no text kept by the server may hold, as the client and the sandbox both check
 * them: the C0 controls (U+0000 to U+001F, ESC among them), DEL and the C1 controls (U+007F to U+009F),
 * and the bidirectional formatting characters, which reorder what a terminal shows (U+061C, U+200E,
 * U+200F, U+202A to U+202E, U+2066 to U+2069). The shell's output replaces or escapes the same set
 * ({@code io.astrashell.output.SafeText}).
 */
public final class UnsafeCharacters {

	private UnsafeCharacters() {
	}

	/** Whether {@code c} is a control or a bidirectional formatting character. */
	public static boolean isUnsafe(int c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
				|| (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
	}

	/** The index of the first unsafe character of {@code s}, or -1 (also for null). */
	public static int firstUnsafe(String s) {
		if (s == null) {
			return -1;
		}
		for (int i = 0; i < s.length(); i++) {
			if (isUnsafe(s.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
