package io.astrashell.completion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.astrashell.api.model.UnsafeCharacters;
import io.astrashell.cli.Secrets;

/**
 * What Tab may show and insert, applied where values enter completion (the fetcher, the cache on
 * disk, the shell's own changes, the profiles file, file names), so that the prompt's candidates,
 * their descriptions and the bash and zsh scripts' values are all clean. A value from the server or
 * a hand-edited file may hold a control character (ESC: an escape sequence that retitles the window,
 * clears the screen or writes the clipboard) or a bidirectional formatting character (U+202E
 * reverses what follows), the set of {@link UnsafeCharacters}:
 * <ul>
 * <li>a <b>description</b> has each such character replaced with a space, and anything shaped like a
 * secret masked;</li>
 * <li>a <b>value</b> (what Tab inserts) holding one is never offered as it is: it could not be typed
 * back (the prompt refuses typed control characters, and the cleaned form would name another value).
 * A role or a user is offered by its id instead, which every command takes; a profile, a client id or
 * a file name is left out. A value shaped like a secret is treated the same way.</li>
 * </ul>
 */
final class SafeValues {

	private SafeValues() {
	}

	/** Whether Tab may insert {@code value} as it is: no control or bidirectional character, no secret's shape. */
	static boolean typable(String value) {
		return value != null && !value.isEmpty() && UnsafeCharacters.firstUnsafe(value) < 0
				&& Secrets.redact(value).equals(value);
	}

	/** A description as Tab shows it: unsafe characters replaced with a space, secrets masked; null becomes "". */
	static String description(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder b = null;
		for (int i = 0; i < text.length(); i++) {
			if (UnsafeCharacters.isUnsafe(text.charAt(i))) {
				if (b == null) {
					b = new StringBuilder(text);
				}
				b.setCharAt(i, ' ');
			}
		}
		return Secrets.redact(b == null ? text : b.toString());
	}

	/**
	 * The shell function {@code _astra_safe [GREP_OPTION]... [FILE]}: the lines of FILE (or standard
	 * input) without a control or bidirectional formatting character ({@link UnsafeCharacters}; a tab
	 * aside, the cache's separator), which would drive the terminal and could not be typed back: the
	 * values the prompt leaves out. The bash and zsh scripts read the cache and the profiles through
	 * it. One {@code grep -v} on bytes ({@code LC_ALL=C}, whatever the locale), its patterns the UTF-8
	 * forms of the characters, written from {@link UnsafeCharacters} itself; bash and zsh read
	 * {@code $'...'} alike.
	 */
	static String shellFilter() {
		StringBuilder b = new StringBuilder();
		b.append("# The lines of file $1 (or standard input) without a control or bidirectional formatting\n");
		b.append("# character, a tab aside: they would drive the terminal, and could not be typed back.\n");
		b.append("_astra_safe() {\n  LC_ALL=C grep -v");
		for (String pattern : unsafePatterns()) {
			b.append(" -e $'").append(pattern).append('\'');
		}
		b.append(" \"$@\"\n}\n\n");
		return b.toString();
	}

	/**
	 * Byte patterns (grep, C locale, {@code \xHH} escapes of {@code $'...'}) that together match the
	 * UTF-8 form of every unsafe character but NUL (a shell string cannot hold one), the tab and the
	 * line feed: per leading bytes, a bracket of the last bytes.
	 */
	static List<String> unsafePatterns() {
		Map<String, TreeSet<Integer>> lastBytes = new LinkedHashMap<>();
		for (int c = 1; c < 0x10000; c++) {
			if (c == '\t' || c == '\n' || !UnsafeCharacters.isUnsafe(c)) {
				continue;
			}
			byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
			StringBuilder lead = new StringBuilder();
			for (int i = 0; i < utf8.length - 1; i++) {
				lead.append(String.format("\\x%02x", utf8[i] & 0xff));
			}
			lastBytes.computeIfAbsent(lead.toString(), k -> new TreeSet<>()).add(utf8[utf8.length - 1] & 0xff);
		}
		List<String> patterns = new ArrayList<>();
		lastBytes.forEach((lead, last) -> {
			StringBuilder bracket = new StringBuilder();
			Integer start = null;
			Integer previous = null;
			for (int x : last) {
				if (previous != null && x == previous + 1) {
					previous = x;
					continue;
				}
				if (start != null) {
					bracket.append(range(start, previous));
				}
				start = x;
				previous = x;
			}
			bracket.append(range(start, previous));
			patterns.add(lead + (last.size() == 1 ? bracket : "[" + bracket + "]"));
		});
		return patterns;
	}

	private static String range(int from, int to) {
		return to == from ? String.format("\\x%02x", from)
				: to == from + 1 ? String.format("\\x%02x\\x%02x", from, to)
						: String.format("\\x%02x-\\x%02x", from, to);
	}

}
