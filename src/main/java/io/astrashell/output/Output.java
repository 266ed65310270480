package io.astrashell.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command returns, ready to print in any format: the human view (an attribute table, a list
 * table, a bare value or an {@code [OK]} message), the JSON {@code message} and {@code data}, and the
 * CSV header and rows. Commands build one and never print themselves.
 * <p>
 * One immutable record per kind of human view; what every kind may carry besides (a headline,
 * notices, work after printing, what to say if it was not shown, an exit code) is in {@link Extras}.
 * The fluent methods ({@link #headline(String)}, {@link #notice}, {@link #andThen}, ...) return a new
 * value and leave this one as it was.
 */
public sealed interface Output
		permits Output.Attributes, Output.Table, Output.Value, Output.Message, Output.Text, Output.Diff, Output.None,
		Output.Silent {

	/** The JSON {@code message}. */
	String message();

	/** The JSON {@code data} (and, for some kinds, the CSV). */
	Object data();

	/** What this output carries besides its view. */
	Extras extras();

	/** The same output with other extras. */
	Output withExtras(Extras extras);

	/** The {@code | Attribute | Value |} table of one object. {@code data} is what {@code -o json} prints. */
	record Attributes(String message, Object data, List<Attribute> attributes, Extras extras) implements Output {

		public Attributes {
			attributes = List.copyOf(attributes);
		}

		@Override
		public Attributes withExtras(Extras extras) {
			return new Attributes(message, data, attributes, extras);
		}

	}

	/**
	 * A table with one row per item. A cell may be null (an empty cell) or a {@code List<String>}:
	 * joined with ", " for people, ";" in CSV.
	 */
	record Table(String message, Object data, List<String> columns, List<List<Object>> rows, Extras extras)
			implements Output {

		public Table {
			columns = List.copyOf(columns);
			rows = List.copyOf(rows);
		}

		@Override
		public Table withExtras(Extras extras) {
			return new Table(message, data, columns, rows, extras);
		}

	}

	/**
	 * A bare value on its own line, so that {@code $(astra org id)} works; named {@code name} in CSV.
	 * The value is the JSON {@code message} too.
	 */
	record Value(String name, String value, Object data, Extras extras) implements Output {

		@Override
		public String message() {
			return value;
		}

		@Override
		public Value withExtras(Extras extras) {
			return new Value(name, value, data, extras);
		}

	}

	/** An {@code [OK] message} line; {@code data} is a small result object for JSON and CSV. */
	record Message(String message, Object data, Extras extras) implements Output {

		@Override
		public Message withExtras(Extras extras) {
			return new Message(message, data, extras);
		}

	}

	/** Verbatim text for people (help pages, history); {@code data} for JSON and CSV. */
	record Text(String message, String text, Object data, Extras extras) implements Output {

		@Override
		public Text withExtras(Extras extras) {
			return new Text(message, text, data, extras);
		}

	}

	/**
	 * The lines of a diff ({@code org diff}, {@code org apply}), each coloured by its first character: + green, ~ yellow,
	 * - red; {@code data} for JSON. A line that holds a line break counts as two, and empty lines at the
	 * end are dropped.
	 */
	record Diff(String message, List<String> lines, Object data, Extras extras) implements Output {

		public Diff {
			List<String> split = new ArrayList<>(lines.size());
			for (String line : lines) {
				if (line.indexOf('\n') < 0) {
					split.add(line); // kept, not copied: a plan of 300,000 lines is held once
				}
				else {
					split.addAll(List.of(line.split("\n", -1)));
				}
			}
			while (!split.isEmpty() && split.get(split.size() - 1).isEmpty()) {
				split.remove(split.size() - 1);
			}
			lines = List.copyOf(split);
		}

		@Override
		public Diff withExtras(Extras extras) {
			return new Diff(message, lines, data, extras);
		}

	}

	/** Nothing to show in human mode (clear, quit); JSON still says OK. */
	record None(String message, Extras extras) implements Output {

		@Override
		public Object data() {
			return null;
		}

		@Override
		public None withExtras(Extras extras) {
			return new None(message, extras);
		}

	}

	/** Nothing at all, in any format: what ran printed for itself (a script). */
	record Silent(String message, Extras extras) implements Output {

		@Override
		public Object data() {
			return null;
		}

		@Override
		public Silent withExtras(Extras extras) {
			return new Silent(message, extras);
		}

	}

	/**
	 * What any output may carry besides its view: a line printed as {@code [OK] headline} above it in
	 * human mode, notices on standard error, work that follows the printing, what to tell the user when
	 * it could not be written, the exit code of a command that succeeded but has something to say by
	 * it, whether it shows a secret on purpose (else whatever has a secret's shape is masked,
	 * {@link SecretText}), and the name of the failure it reports along with its data (null when none).
	 */
	record Extras(String headline, List<Notice> notices, AfterPrint afterPrint, String ifNotShown, int exitCode,
			boolean showsSecret, String failure) {

		/** No headline, no notices, nothing after printing, exit code 0, no secret shown, no failure. */
		public static final Extras NONE = new Extras(null, List.of(), null, null, 0, false, null);

		public Extras {
			notices = List.copyOf(notices);
		}

		public Extras withHeadline(String headline) {
			return new Extras(headline, notices, afterPrint, ifNotShown, exitCode, showsSecret, failure);
		}

		public Extras withNotice(Notice notice) {
			List<Notice> more = new ArrayList<>(notices);
			more.add(notice);
			return new Extras(headline, more, afterPrint, ifNotShown, exitCode, showsSecret, failure);
		}

		public Extras withAfterPrint(AfterPrint afterPrint) {
			return new Extras(headline, notices, afterPrint, ifNotShown, exitCode, showsSecret, failure);
		}

		public Extras withIfNotShown(String ifNotShown) {
			return new Extras(headline, notices, afterPrint, ifNotShown, exitCode, showsSecret, failure);
		}

		public Extras withExitCode(int exitCode) {
			return new Extras(headline, notices, afterPrint, ifNotShown, exitCode, showsSecret, failure);
		}

		public Extras failing(String failure, int exitCode) {
			return new Extras(headline, notices, afterPrint, ifNotShown, exitCode, showsSecret, failure);
		}

		public Extras withSecretShown() {
			return new Extras(headline, notices, afterPrint, ifNotShown, exitCode, true, failure);
		}

	}

	/** One row of an attribute table: a single value, or a list drawn as {@code [0] x} rows. */
	record Attribute(String name, String value, List<String> values) {

		public boolean isList() {
			return values != null;
		}

		/** The value in a CSV cell: a list joined with {@code ;}. */
		public String csvValue() {
			return isList() ? String.join(";", values) : value;
		}

	}

	/** A notice printed to standard error in human mode, e.g. that a secret is shown only once. */
	record Notice(Level level, String text) {
	}

	/** Work that follows the printing, e.g. serving until interrupted. */
	@FunctionalInterface
	interface AfterPrint {

		void run() throws Exception;

	}

	/** A line printed as {@code [OK] headline} above the view in human mode. */
	default Output headline(String headline) {
		return withExtras(extras().withHeadline(headline));
	}

	/** A notice on standard error in human mode, after the view. */
	default Output notice(Level level, String text) {
		return withExtras(extras().withNotice(new Notice(level, text)));
	}

	/** Runs {@code action} once the output is printed (the command's exit code waits for it). */
	default Output andThen(AfterPrint action) {
		return withExtras(extras().withAfterPrint(action));
	}

	/**
	 * What to tell the user when this output could not be written (standard output full or closed),
	 * e.g. that a secret shown only once is lost and how to undo what was done.
	 */
	default Output ifNotShown(String text) {
		return withExtras(extras().withIfNotShown(text));
	}

	/** The exit code of a command that succeeded but has something to say by it ({@code org diff}: 2, changes). */
	default Output exitCode(int exitCode) {
		return withExtras(extras().withExitCode(exitCode));
	}

	/**
	 * A failure reported along with the data that must not be lost ({@code token rotate}'s new token
	 * when it could not be written): exit {@code exitCode}, {@code why} as an error on standard error,
	 * and in JSON the envelope's code {@code failure} (the exit code's name) and its message followed
	 * by {@code why}.
	 */
	default Output failed(String failure, int exitCode, String why) {
		return withExtras(notice(Level.ERROR, why).extras().failing(failure, exitCode));
	}

	/**
	 * The same output, printed with the secret it shows ({@code token create}'s new secret,
	 * {@code token get}'s token); every other output has whatever is shaped like a secret masked.
	 */
	default Output showingSecret() {
		return withExtras(extras().withSecretShown());
	}

	/** One object as an attribute table. {@code data} is what {@code -o json} prints. */
	static Output attributes(String message, Object data, List<Attribute> attributes) {
		return new Attributes(message, data, attributes, Extras.NONE);
	}

	/**
	 * Items as a table. A cell may be null (an empty cell) or a {@code List<String>}: joined with ", "
	 * for people, ";" in CSV. Build rows with {@link #row}, which takes nulls.
	 */
	static Output table(String message, Object data, List<String> columns, List<List<Object>> rows) {
		return new Table(message, data, columns, rows, Extras.NONE);
	}

	/** A bare value, named {@code valueName} in CSV. */
	static Output value(String valueName, String value, Object data) {
		return new Value(valueName, value, data, Extras.NONE);
	}

	/** An {@code [OK] message} line; {@code data} is a small result object for JSON and CSV. */
	static Output message(String message, Object data) {
		return new Message(message, data, Extras.NONE);
	}

	/** Text printed as it is in human mode (help, history); JSON carries it as {@code data}. */
	static Output text(String message, String text) {
		return text(message, text, text);
	}

	/** Text for people, {@code data} for JSON and CSV. */
	static Output text(String message, String text, Object data) {
		return new Text(message, text, data, Extras.NONE);
	}

	/** The lines of a plan for people (coloured on a terminal), {@code data} for JSON. */
	static Output diff(String message, List<String> lines, Object data) {
		return new Diff(message, lines, data, Extras.NONE);
	}

	/** Nothing printed in any format. */
	static Output silent(String message) {
		return new Silent(message, Extras.NONE);
	}

	/** Nothing printed in human mode; JSON still says OK. */
	static Output none(String message) {
		return new None(message, Extras.NONE);
	}

	static Attribute attribute(String name, String value) {
		return new Attribute(name, value, null);
	}

	/** A list attribute; a missing list is an empty one, a missing item an empty string. */
	static Attribute attribute(String name, List<String> values) {
		if (values == null) {
			return new Attribute(name, null, List.of());
		}
		List<String> copy = new ArrayList<>(values.size());
		for (String v : values) {
			copy.add(v == null ? "" : v);
		}
		return new Attribute(name, null, Collections.unmodifiableList(copy));
	}

	/**
	 * One row of a table. A cell may be null (a field the API left out: an empty cell) or a
	 * {@code List<String>}.
	 */
	static List<Object> row(Object... cells) {
		return Collections.unmodifiableList(Arrays.asList(cells.clone()));
	}

	/** A map that keeps the order of its keys, for small JSON result objects. */
	static Map<String, Object> fields(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
			map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
		}
		return map;
	}

}
