package io.astrashell.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.astrashell.api.model.WireJson;
import tools.jackson.databind.ObjectWriter;

/**
 * Prints an {@link Output} (or an error) in the chosen format. JSON documents are
 * {@code {"code", "message", "data"}}; CSV is RFC 4180 (quoted where needed, CRLF line ends). No
 * value reaches the output with a control or bidirectional formatting character ({@link SafeText}):
 * human output and CSV replace them with a space, JSON escapes them, so a server value cannot drive
 * the terminal or disguise itself.
 */
public final class Renderer {

	private static final ObjectWriter JSON = WireJson.mapper()
		.writerWithDefaultPrettyPrinter()
		.with(new SafeText.JsonEscapes());

	private final OutputFormat format;

	private final Style style;

	public Renderer(OutputFormat format, Style style) {
		this.format = format;
		this.style = style;
	}

	public OutputFormat format() {
		return format;
	}

	public Style style() {
		return style;
	}

	/**
	 * The JSON envelope of every {@code -o json} document, {@code data} written even when null. A map
	 * rather than an annotated record: Jackson writes a map without introspecting a class, which a
	 * one-shot command would otherwise pay for on every run.
	 */
	private static Map<String, Object> envelope(String code, String message, Object data) {
		return Output.fields("code", code, "message", message, "data", data);
	}

	public void render(Output output, PrintWriter out, PrintWriter err) {
		if (output instanceof Output.Silent) {
			return;
		}
		switch (format) {
			case JSON -> out.print(json(envelope("OK", output.message(), output.data())));
			case CSV -> out.print(csv(output));
			case HUMAN -> human(output, out, err);
		}
		out.flush();
		err.flush();
	}

	/** An error: {@code [ERROR] message} on stderr, or the JSON envelope with {@code data: null} on stdout. */
	public void renderError(String codeName, String message, PrintWriter out, PrintWriter err) {
		if (format == OutputFormat.JSON) {
			out.print(json(envelope(codeName, message, null)));
			out.flush();
		}
		else {
			err.println(Level.ERROR.prefix(style) + clean(message));
			err.flush();
		}
	}

	/** A notice on stderr in every format (stderr never mixes with JSON or CSV data). */
	public void renderNoticeAlways(Level level, String text, PrintWriter err) {
		err.println(level.prefix(style) + clean(text));
		err.flush();
	}

	/** A notice on stderr ({@code [WARN]}, {@code [INFO]}); silent in JSON and CSV modes. */
	public void renderNotice(Level level, String text, PrintWriter err) {
		if (format == OutputFormat.HUMAN) {
			err.println(level.prefix(style) + clean(text));
			err.flush();
		}
	}

	private void human(Output output, PrintWriter out, PrintWriter err) {
		Output.Extras extras = output.extras();
		if (extras.headline() != null) {
			out.println(Level.OK.prefix(style) + clean(extras.headline()));
		}
		if (output instanceof Output.Attributes a) {
			out.print(TextTable.attributes(cleanAttributes(a.attributes())).render(style));
		}
		else if (output instanceof Output.Table t) {
			out.print(TextTable.of(t.columns(), humanRows(t.rows())).render(style));
		}
		else if (output instanceof Output.Value v) {
			out.println(clean(v.value()));
		}
		else if (output instanceof Output.Message m) {
			out.println(Level.OK.prefix(style) + clean(m.message()));
		}
		else if (output instanceof Output.Text t) {
			out.print(t.text().endsWith("\n") ? t.text() : t.text() + "\n");
		}
		else if (output instanceof Output.Plan p) {
			for (String line : p.lines()) {
				String safe = clean(line);
				out.println(safe.startsWith("+") ? style.green(safe)
						: safe.startsWith("~") ? style.yellow(safe) : safe.startsWith("-") ? style.red(safe) : safe);
			}
		}
		// None and Silent: nothing to show
		if (out.checkError()) {
			return; // the data was not written: a notice about it ("shown this once") would be untrue
		}
		for (Output.Notice notice : extras.notices()) {
			err.println(notice.level().prefix(style) + clean(notice.text()));
		}
	}

	private static List<Output.Attribute> cleanAttributes(List<Output.Attribute> attributes) {
		List<Output.Attribute> cleaned = new ArrayList<>(attributes.size());
		for (Output.Attribute a : attributes) {
			cleaned.add(a.isList() ? Output.attribute(a.name(), a.values().stream().map(Renderer::clean).toList())
					: Output.attribute(a.name(), clean(a.value())));
		}
		return cleaned;
	}

	private static List<List<String>> humanRows(List<List<Object>> rows) {
		List<List<String>> out = new ArrayList<>(rows.size());
		for (List<Object> row : rows) {
			List<String> cells = new ArrayList<>(row.size());
			for (Object cell : row) {
				cells.add(clean(cellText(cell, ", ")));
			}
			out.add(cells);
		}
		return out;
	}

	private static String cellText(Object cell, String listSeparator) {
		if (cell == null) {
			return "";
		}
		if (cell instanceof Collection<?> list) {
			List<String> parts = new ArrayList<>(list.size());
			for (Object o : list) {
				parts.add(o == null ? "" : String.valueOf(o));
			}
			return String.join(listSeparator, parts);
		}
		return String.valueOf(cell);
	}

	private String csv(Output output) {
		StringBuilder b = new StringBuilder();
		if (output instanceof Output.Table t) {
			csvLine(b, t.columns());
			for (List<Object> row : t.rows()) {
				List<String> cells = new ArrayList<>(row.size());
				for (Object cell : row) {
					cells.add(cellText(cell, ";"));
				}
				csvLine(b, cells);
			}
		}
		else if (output instanceof Output.Attributes a) {
			csvLine(b, a.attributes().stream().map(Output.Attribute::name).toList());
			csvLine(b, a.attributes().stream().map(Output.Attribute::csvValue).toList());
		}
		else if (output instanceof Output.Value v) {
			csvLine(b, Collections.singletonList(v.name()));
			csvLine(b, Collections.singletonList(v.value()));
		}
		else if (output instanceof Output.Plan p) {
			csvLine(b, List.of("change"));
			for (String line : p.lines()) {
				csvLine(b, List.of(line));
			}
		}
		else if (output.data() instanceof Map<?, ?> map && !map.isEmpty()) {
			// Message, Text, None, Silent: their data as one row, or the code and message
			csvLine(b, map.keySet().stream().map(String::valueOf).toList());
			csvLine(b, map.values().stream().map(v -> cellText(v, ";")).toList());
		}
		else {
			csvLine(b, List.of("code", "message"));
			csvLine(b, Arrays.asList("OK", output.message()));
		}
		return b.toString();
	}

	/** One CSV row; every field's control and bidirectional characters replaced (CSV cannot escape them). */
	private static void csvLine(StringBuilder b, List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				b.append(',');
			}
			b.append(csvField(SafeText.replace(fields.get(i))));
		}
		b.append("\r\n");
	}

	static String csvField(String value) {
		if (value == null) {
			return "";
		}
		boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
				|| value.indexOf('\r') >= 0 || (!value.isEmpty()
						&& (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))));
		return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value) + System.lineSeparator();
	}

	/**
	 * Replaces control characters (escape sequences included) and bidirectional formatting characters
	 * with a space; null becomes "".
	 */
	public static String clean(String s) {
		return SafeText.replace(s);
	}

}
