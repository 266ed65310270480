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
 */
public final class Output {

	/** How the human view looks. */
	public enum Kind {

		/** The {@code | Attribute | Value |} table of one object. */
		ATTRIBUTES,
		/** A table with one row per item. */
		TABLE,
		/** A bare value on its own line, so that {@code $(astra org id)} works. */
		VALUE,
		/** An {@code [OK]} line. */
		MESSAGE,
		/** Verbatim text (help pages, history). */
		TEXT,
		/** The lines of a plan ({@code org diff}), each coloured by its first character: + green, ~ yellow, - red. */
		PLAN,
		/** Nothing to show (clear, quit). */
		NONE,
		/** Nothing at all, in any format: what ran printed for itself (a script). */
		SILENT

	}

	/** One row of an attribute table: a single value, or a list drawn as {@code [0] x} rows. */
	public record Attribute(String name, String value, List<String> values) {

		public boolean isList() {
			return values != null;
		}

		/** The value in a CSV cell: a list joined with {@code ;}. */
		public String csvValue() {
			return isList() ? String.join(";", values) : value;
		}

	}

	/** A notice printed to standard error in human mode, e.g. that a secret is shown only once. */
	public record Notice(Level level, String text) {
	}

	private final Kind kind;

	private final String message;

	private final Object data;

	private List<Attribute> attributes = List.of();

	private List<String> columns = List.of();

	private List<List<Object>> rows = List.of();

	private String value;

	private String text;

	private String valueName;

	private String headline;

	private final List<Notice> notices = new ArrayList<>();

	private AfterPrint afterPrint;

	private String ifNotShown;

	private int exitCode;

	/** Work that follows the printing, e.g. serving until interrupted. */
	@FunctionalInterface
	public interface AfterPrint {

		void run() throws Exception;

	}

	private Output(Kind kind, String message, Object data) {
		this.kind = kind;
		this.message = message;
		this.data = data;
	}

	/** One object as an attribute table. {@code data} is what {@code -o json} prints. */
	public static Output attributes(String message, Object data, List<Attribute> attributes) {
		Output o = new Output(Kind.ATTRIBUTES, message, data);
		o.attributes = List.copyOf(attributes);
		return o;
	}

	/**
	 * Items as a table. A cell may be null (an empty cell) or a {@code List<String>}: joined with ", "
	 * for people, ";" in CSV. Build rows with {@link #row}, which takes nulls.
	 */
	public static Output table(String message, Object data, List<String> columns, List<List<Object>> rows) {
		Output o = new Output(Kind.TABLE, message, data);
		o.columns = List.copyOf(columns);
		o.rows = List.copyOf(rows);
		return o;
	}

	/** A bare value, named {@code valueName} in CSV. */
	public static Output value(String valueName, String value, Object data) {
		Output o = new Output(Kind.VALUE, value, data);
		o.value = value;
		o.valueName = valueName;
		return o;
	}

	/** An {@code [OK] message} line; {@code data} is a small result object for JSON and CSV. */
	public static Output message(String message, Object data) {
		return new Output(Kind.MESSAGE, message, data);
	}

	/** Text printed as it is in human mode (help, history); JSON carries it as {@code data}. */
	public static Output text(String message, String text) {
		return text(message, text, text);
	}

	/** Text for people, {@code data} for JSON and CSV. */
	public static Output text(String message, String text, Object data) {
		Output o = new Output(Kind.TEXT, message, data);
		o.text = text;
		return o;
	}

	/** Nothing printed in any format. */
	public static Output silent(String message) {
		return new Output(Kind.SILENT, message, null);
	}

	/** Nothing printed in human mode; JSON still says OK. */
	public static Output none(String message) {
		return new Output(Kind.NONE, message, null);
	}

	public static Attribute attribute(String name, String value) {
		return new Attribute(name, value, null);
	}

	/** A list attribute; a missing list is an empty one, a missing item an empty string. */
	public static Attribute attribute(String name, List<String> values) {
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
	public static List<Object> row(Object... cells) {
		return Collections.unmodifiableList(Arrays.asList(cells.clone()));
	}

	/** A line printed as {@code [OK] headline} above the table in human mode. */
	public Output headline(String headline) {
		this.headline = headline;
		return this;
	}

	/** Runs {@code action} once the output is printed (the command's exit code waits for it). */
	public Output andThen(AfterPrint action) {
		this.afterPrint = action;
		return this;
	}

	public AfterPrint afterPrint() {
		return afterPrint;
	}

	/**
	 * What to tell the user when this output could not be written (standard output full or closed),
	 * e.g. that a secret shown only once is lost and how to undo what was done.
	 */
	public Output ifNotShown(String text) {
		this.ifNotShown = text;
		return this;
	}

	public String ifNotShown() {
		return ifNotShown;
	}

	/** The exit code of a command that succeeded but has something to say by it ({@code org diff}: 2, changes). */
	public Output exitCode(int exitCode) {
		this.exitCode = exitCode;
		return this;
	}

	public int exitCode() {
		return exitCode;
	}

	/** The lines of a plan for people (coloured on a terminal), {@code data} for JSON. */
	public static Output plan(String message, List<String> lines, Object data) {
		Output o = new Output(Kind.PLAN, message, data);
		o.text = String.join("\n", lines);
		return o;
	}

	public Output notice(Level level, String text) {
		notices.add(new Notice(level, text));
		return this;
	}

	public Kind kind() {
		return kind;
	}

	public String message() {
		return message;
	}

	public Object data() {
		return data;
	}

	public List<Attribute> attributes() {
		return attributes;
	}

	public List<String> columns() {
		return columns;
	}

	public List<List<Object>> rows() {
		return rows;
	}

	public String value() {
		return value;
	}

	public String valueName() {
		return valueName;
	}

	public String text() {
		return text;
	}

	public String headline() {
		return headline;
	}

	public List<Notice> notices() {
		return List.copyOf(notices);
	}

	/** A map that keeps the order of its keys, for small JSON result objects. */
	public static Map<String, Object> fields(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
			map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
		}
		return map;
	}

}
