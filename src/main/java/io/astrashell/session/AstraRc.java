package io.astrashell.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.astrashell.error.AstraError;
import io.astrashell.cli.FewNames;

/**
 * The profiles file ({@code ~/.astrarc}), an INI file as the original Astra CLI writes it:
 * {@code [section]} headers, {@code KEY=value} lines, {@code #} or {@code ;} comments. Every line is
 * kept as read so that a rewrite changes only what it must.
 */
public final class AstraRc {

	public static final String TOKEN_KEY = "ASTRA_DB_APPLICATION_TOKEN";

	public static final String ENV_KEY = "ASTRA_ENV";

	public static final String ENDPOINT_KEY = "ASTRA_LOCAL_ENDPOINT";

	public static final String DEFAULT_SECTION = "default";

	/**
	 * The keys the shell owns, the only ones a change of a profile rewrites or removes: every other
	 * line (a key of another tool, {@code astra_db_application_token} in lower case, a comment, a
	 * line spaced oddly) is kept byte for byte.
	 */
	public static final Set<String> OWNED_KEYS = Set.of("ASTRA_DB_APPLICATION_TOKEN", "ASTRA_ENV",
			"ASTRA_LOCAL_ENDPOINT");

	/** The largest profiles file read (1 MiB): a larger one is refused, naming its size (exit 9). */
	public static final long MAX_SIZE = 1024 * 1024;

	enum Kind {

		SECTION, ENTRY, OTHER

	}

	/** One line of the file: its text, and what it holds. */
	record Line(String raw, Kind kind, String name, String value) {

		static Line section(String name) {
			return new Line("[" + name + "]", Kind.SECTION, name, null);
		}

		static Line entry(String key, String value) {
			return new Line(key + "=" + value, Kind.ENTRY, key, value);
		}

		static Line blank() {
			return new Line("", Kind.OTHER, null, null);
		}

	}

	private final Path path;

	private final List<Line> lines;

	private final boolean exists;

	AstraRc(Path path, List<Line> lines, boolean exists) {
		this.path = path;
		this.lines = lines;
		this.exists = exists;
	}

	/**
	 * Reads the file ({@link ProfilesFileReader}); a missing file reads as empty, one that cannot be
	 * read or parsed fails with exit 9, naming the file, the line and what to do.
	 */
	public static AstraRc read(Path path) {
		return ProfilesFileReader.read(path);
	}

	/**
	 * Parses the text. A repeated section, or a key repeated within a section, is refused as any other
	 * malformed line: which one would count is not clear, and no edit could change all of them.
	 */
	static AstraRc parse(Path path, String text) {
		List<Line> lines = new ArrayList<>();
		String[] raw = text.split("\r?\n", -1);
		int count = raw.length;
		if (count > 0 && raw[count - 1].isEmpty()) {
			count--; // the newline that ends the file
		}
		Map<String, Integer> sectionLines = new HashMap<>();
		Map<String, Integer> keyLines = new HashMap<>();
		String current = null;
		for (int i = 0; i < count; i++) {
			String line = raw[i];
			String t = line.strip();
			if (i == 0 && t.startsWith("\uFEFF")) {
				t = t.substring(1).strip();
			}
			if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
				lines.add(new Line(line, Kind.OTHER, null, null));
			}
			else if (t.startsWith("[")) {
				if (!t.endsWith("]") || t.length() < 3 || t.substring(1, t.length() - 1).isBlank()) {
					throw unreadable(path, i + 1, "a section header must look like [name]");
				}
				current = t.substring(1, t.length() - 1).strip();
				Integer first = sectionLines.putIfAbsent(current, i + 1);
				if (first != null) {
					throw unreadable(path, i + 1, "profile [" + current + "] is there twice, at lines " + first + " and "
							+ (i + 1) + ": merge the two into one, or delete one of them");
				}
				keyLines.clear();
				lines.add(new Line(line, Kind.SECTION, current, null));
			}
			else {
				int eq = t.indexOf('=');
				if (eq <= 0) {
					throw unreadable(path, i + 1, "expected KEY=value, a [section] header or a # comment");
				}
				if (current == null) {
					throw unreadable(path, i + 1, "a KEY=value line must come after a [section] header");
				}
				String key = t.substring(0, eq).strip();
				Integer first = keyLines.putIfAbsent(key, i + 1);
				if (first != null) {
					throw unreadable(path, i + 1, "profile [" + current + "] sets " + key + " twice, at lines " + first
							+ " and " + (i + 1) + ": keep one of them");
				}
				lines.add(new Line(line, Kind.ENTRY, key, unquote(t.substring(eq + 1).strip())));
			}
		}
		return new AstraRc(path, lines, true);
	}

	private static String unquote(String v) {
		if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
			return v.substring(1, v.length() - 1);
		}
		return v;
	}

	private static AstraError unreadable(Path path, int lineNumber, String why) {
		return AstraError.configuration("Cannot parse the configuration file " + path + " at line " + lineNumber
				+ ": " + why + ". Fix that line (the file was left unchanged).");
	}

	/**
	 * Refuses a value that cannot be written as one line of the file and read back the same: a line
	 * break or any other control character (a name or value with a line break would add lines of
	 * its own, such as a second {@code [default]}). {@code what} names the value; the value itself
	 * is never repeated, as it may be a token.
	 */
	public static void checkWritable(String what, String value) {
		if (value == null) {
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
				throw AstraError.invalidInput(what + " holds " + (c == '\n' || c == '\r' || c == '\u2028'
						|| c == '\u2029' ? "a line break" : "a control character") + " (character " + (i + 1)
						+ "): give it on one line, without control characters. Nothing was written.");
			}
		}
	}

	public Path path() {
		return path;
	}

	public boolean exists() {
		return exists;
	}

	/** The section names in file order. */
	public List<String> sections() {
		List<String> names = new ArrayList<>();
		for (Line l : lines) {
			if (l.kind() == Kind.SECTION && !names.contains(l.name())) {
				names.add(l.name());
			}
		}
		return names;
	}

	public boolean hasSection(String name) {
		return sections().contains(name);
	}

	/** The keys and values of a section, if it exists. */
	public Optional<Map<String, String>> section(String name) {
		Map<String, String> values = new LinkedHashMap<>();
		boolean found = false;
		String current = null;
		for (Line l : lines) {
			if (l.kind() == Kind.SECTION) {
				current = l.name();
				found |= current.equals(name);
			}
			else if (l.kind() == Kind.ENTRY && name.equals(current)) {
				values.put(l.name(), l.value());
			}
		}
		return found ? Optional.of(values) : Optional.empty();
	}

	public String value(String section, String key) {
		return section(section).map(s -> s.get(key)).orElse(null);
	}

	List<Line> lines() {
		return lines;
	}

	/** The file's text: every line as read, changed lines rewritten. */
	public String render() {
		StringBuilder b = new StringBuilder();
		for (Line l : lines) {
			b.append(l.raw()).append('\n');
		}
		return b.toString();
	}

	private int sectionStart(String name) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).kind() == Kind.SECTION && lines.get(i).name().equals(name)) {
				return i;
			}
		}
		return -1;
	}

	/** The index after the last line of the section starting at {@code start} (the next header or the end). */
	private int sectionEnd(int start) {
		int i = start + 1;
		while (i < lines.size() && lines.get(i).kind() != Kind.SECTION) {
			i++;
		}
		return i;
	}

	/** Sets a key of a section, adding the section at the end of the file if missing. */
	public void set(String section, String key, String value) {
		checkWritable("The profile name", section);
		checkWritable("The key name", key);
		checkWritable("The value of " + key, value);
		if (section.isBlank() || !section.equals(section.strip()) || section.contains("[") || section.contains("]")) {
			throw AstraError.invalidInput("A profile name cannot be blank, start or end with a space, or hold '[' "
					+ "or ']'. Nothing was written.");
		}
		if (!value.equals(value.strip())) {
			throw AstraError.invalidInput("The value of " + key + " cannot start or end with a space. Nothing was "
					+ "written.");
		}
		int start = sectionStart(section);
		if (start < 0) {
			if (!lines.isEmpty() && !lines.get(lines.size() - 1).raw().isBlank()) {
				lines.add(Line.blank());
			}
			lines.add(Line.section(section));
			lines.add(Line.entry(key, value));
			return;
		}
		int end = sectionEnd(start);
		int lastEntry = start;
		for (int i = start + 1; i < end; i++) {
			Line l = lines.get(i);
			if (l.kind() == Kind.ENTRY) {
				if (l.name().equals(key)) {
					if (!value.equals(l.value())) {
						lines.set(i, Line.entry(key, value)); // an unchanged value keeps its line as written
					}
					return;
				}
				lastEntry = i;
			}
		}
		lines.add(lastEntry + 1, Line.entry(key, value));
	}

	/** Removes a key from a section (every occurrence). */
	public void unset(String section, String key) {
		int start = sectionStart(section);
		if (start < 0) {
			return;
		}
		for (int i = sectionEnd(start) - 1; i > start; i--) {
			Line l = lines.get(i);
			if (l.kind() == Kind.ENTRY && l.name().equals(key)) {
				lines.remove(i);
			}
		}
	}

	/**
	 * Makes a section hold exactly these values of the keys the shell owns ({@link #OWNED_KEYS}), in
	 * this order: an owned key not among them is removed. Any other key of {@code values} (copied
	 * from another profile) is not copied, and every line of the section the shell does not own stays
	 * as it is.
	 */
	public void replace(String section, Map<String, String> values) {
		Optional<Map<String, String>> old = section(section);
		if (old.isPresent()) {
			for (String key : old.get().keySet()) {
				if (OWNED_KEYS.contains(key) && !values.containsKey(key)) {
					unset(section, key);
				}
			}
		}
		values.forEach((k, v) -> {
			if (OWNED_KEYS.contains(k)) {
				set(section, k, v);
			}
		});
	}

	/**
	 * Removes a section: its header and the lines of the keys the shell owns. Its comments and blank
	 * lines stay where they are (a blank line the removal doubles is dropped). A section holding a key
	 * the shell does not own (another tool's, a token under another name) is not removed at all: that
	 * line cannot be kept without its header, and is never dropped (exit 11, naming the keys).
	 */
	public boolean remove(String section) {
		int start = sectionStart(section);
		if (start < 0) {
			return false;
		}
		int end = sectionEnd(start);
		List<String> foreign = new ArrayList<>();
		for (int i = start + 1; i < end; i++) {
			Line l = lines.get(i);
			if (l.kind() == Kind.ENTRY && !OWNED_KEYS.contains(l.name())) {
				foreign.add(l.name() + " (line " + (i + 1) + ")");
			}
		}
		if (!foreign.isEmpty()) {
			throw AstraError.invalidInput("Profile [" + section + "] in " + path + " also holds "
					+ String.join(", ", foreign) + ", which the shell does not manage, so it was not deleted (that line "
					+ "would be lost): move or delete it by hand first. Nothing was changed.");
		}
		for (int i = end - 1; i >= start; i--) {
			Line l = lines.get(i);
			if (l.kind() == Kind.SECTION || l.kind() == Kind.ENTRY) {
				lines.remove(i);
			}
		}
		// the blank lines that separated the section from its neighbours: one is enough
		int at = Math.min(start, lines.size());
		while (at > 0 && at < lines.size() && lines.get(at - 1).raw().isBlank() && lines.get(at).raw().isBlank()) {
			lines.remove(at);
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).raw().isBlank()) {
			lines.remove(lines.size() - 1);
		}
		return true;
	}

	private static boolean isComment(Line line) {
		String t = line.raw().strip();
		return line.kind() == Kind.OTHER && (t.startsWith("#") || t.startsWith(";"));
	}

	/** Makes the {@code [default]} section the first one, as the original CLI writes it. */
	public void moveFirst(String section) {
		int start = sectionStart(section);
		if (start < 0) {
			return;
		}
		int firstSection = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).kind() == Kind.SECTION) {
				firstSection = i;
				break;
			}
		}
		if (firstSection == start) {
			return;
		}
		int end = sectionEnd(start);
		List<Line> moved = new ArrayList<>(lines.subList(start, end));
		lines.subList(start, end).clear();
		while (!moved.isEmpty() && moved.get(moved.size() - 1).raw().isBlank()) {
			moved.remove(moved.size() - 1);
		}
		moved.add(Line.blank());
		lines.addAll(firstSection, moved);
		while (!lines.isEmpty() && lines.get(lines.size() - 1).raw().isBlank()) {
			lines.remove(lines.size() - 1);
		}
	}

	/** Exit 5 (not found) naming the sections that do exist. */
	public AstraError missingSection(String name) {
		List<String> names = sections();
		return AstraError.notFound("Profile '" + name + "' is not in " + path + "."
				+ (names.isEmpty() ? " The file has no profiles yet: run 'astra setup'."
						: " Profiles there: " + FewNames.join(", ", names) + "."));
	}

}
