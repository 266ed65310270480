package io.astrashell.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.astrashell.api.model.WireJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.ObjectWriter;

/**
 * Prints an {@link Output} (or an error) in the chosen format. JSON documents are
 * {@code {"code", "message", "data"}}; CSV is RFC 4180 (quoted where needed, CRLF line ends). No
 * value reaches the output with a control or bidirectional formatting character ({@link SafeText}):
 * human output and CSV replace them with a space, JSON escapes them, so a server value cannot drive
 * the terminal or disguise itself. Whatever has the shape of a secret ({@link SecretText}) is masked,
 * in every string of every format (a value under any key, a cell, a message, a notice), unless the
 * output shows a secret on purpose ({@link Output#showingSecret()}). A CSV cell that a spreadsheet
 * would read as a formula is neutralised ({@link #csvCell}).
 */
public final class Renderer {

	/**
	 * The writer of {@code -o json}: the wire's mapper, but writing null values too, so that every
	 * declared key of a command's JSON ({@code cli/JsonShape}) is there whatever the data (a token
	 * without a description, a profile without an endpoint). Made on the first JSON output only.
	 */
	private static final class Json {

		static final ObjectWriter WRITER = WireJson.mapper()
			.rebuild()
			.changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.ALWAYS))
			.build()
			.writerWithDefaultPrettyPrinter()
		.with(new SafeText.JsonEscapes())
			.without(StreamWriteFeature.AUTO_CLOSE_TARGET); // the shell's stdout stays open

	}

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
		boolean secret = output.extras().showsSecret();
		switch (format) {
			case JSON -> json(envelope(codeName(output), message(output), output.data()), secret, out);
			case CSV -> {
				out.print(csv(output, secret));
				// the data is the document; why the command failed goes to standard error, as an error does
				for (Output.Notice notice : output.extras().notices()) {
					if (notice.level() == Level.ERROR) {
						err.println(notice.level().prefix(style) + clean(notice.text()));
					}
				}
			}
			case HUMAN -> human(output, secret ? SafeText::replace : Renderer::clean, out, err);
		}
		out.flush();
		err.flush();
	}

	/** Whether the output reports a failure along with its data ({@link Output#failed}). */
	private static boolean failed(Output output) {
		return output.extras().failure() != null;
	}

	/** The envelope's code: {@code OK}, or the name of the failure the output reports. */
	private static String codeName(Output output) {
		return failed(output) ? output.extras().failure() : "OK";
	}

	/** The envelope's message: the output's, followed by its errors' sentences when it reports a failure. */
	private static String message(Output output) {
		if (!failed(output)) {
			return output.message();
		}
		StringBuilder b = new StringBuilder(output.message() == null ? "" : output.message());
		for (Output.Notice notice : output.extras().notices()) {
			if (notice.level() == Level.ERROR) {
				b.append(b.isEmpty() ? "" : " ").append(notice.text());
			}
		}
		return b.toString();
	}

	/** An error: {@code [ERROR] message} on stderr, or the JSON envelope with {@code data: null} on stdout. */
	public void renderError(String codeName, String message, PrintWriter out, PrintWriter err) {
		if (format == OutputFormat.JSON) {
			json(envelope(codeName, message, null), false, out);
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

	/** Human output; {@code clean} is what every string goes through before it is shown. */
	private void human(Output output, UnaryOperator<String> clean, PrintWriter out, PrintWriter err) {
		Output.Extras extras = output.extras();
		if (extras.headline() != null) {
			out.println(Level.OK.prefix(style) + clean(extras.headline()));
		}
		if (output instanceof Output.Attributes a) {
			out.print(TextTable.attributes(cleanAttributes(a.attributes(), clean)).render(style));
		}
		else if (output instanceof Output.Table t) {
			out.print(TextTable.of(t.columns(), humanRows(t.rows(), clean)).render(style));
		}
		else if (output instanceof Output.Value v) {
			out.println(clean.apply(v.value()));
		}
		else if (output instanceof Output.Message m) {
			out.println(Level.OK.prefix(style) + clean.apply(m.message()));
		}
		else if (output instanceof Output.Text t) {
			// verbatim (help pages, history, a YAML file), but never a secret
			String text = output.extras().showsSecret() ? t.text() : SecretText.redact(t.text());
			out.print(text.endsWith("\n") ? text : text + "\n");
		}
		else if (output instanceof Output.Diff p) {
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

	private static List<Output.Attribute> cleanAttributes(List<Output.Attribute> attributes, UnaryOperator<String> clean) {
		List<Output.Attribute> cleaned = new ArrayList<>(attributes.size());
		for (Output.Attribute a : attributes) {
			cleaned.add(a.isList() ? Output.attribute(clean(a.name()), a.values().stream().map(clean).toList())
					: Output.attribute(clean(a.name()), clean.apply(a.value())));
		}
		return cleaned;
	}

	private static List<List<String>> humanRows(List<List<Object>> rows, UnaryOperator<String> clean) {
		List<List<String>> out = new ArrayList<>(rows.size());
		for (List<Object> row : rows) {
			List<String> cells = new ArrayList<>(row.size());
			for (Object cell : row) {
				cells.add(clean.apply(cellText(cell, ", ")));
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

	private String csv(Output output, boolean secret) {
		StringBuilder b = new StringBuilder();
		if (output instanceof Output.Table t) {
			csvLine(b, t.columns(), secret);
			for (List<Object> row : t.rows()) {
				List<String> cells = new ArrayList<>(row.size());
				for (Object cell : row) {
					cells.add(cellText(cell, ";"));
				}
				csvLine(b, cells, secret);
			}
		}
		else if (output instanceof Output.Attributes a) {
			csvLine(b, a.attributes().stream().map(Output.Attribute::name).toList(), secret);
			csvLine(b, a.attributes().stream().map(Output.Attribute::csvValue).toList(), secret);
		}
		else if (output instanceof Output.Value v) {
			csvLine(b, Collections.singletonList(v.name()), secret);
			csvLine(b, Collections.singletonList(v.value()), secret);
		}
		else if (output instanceof Output.Diff p) {
			csvLine(b, List.of("change"), secret);
			for (String line : p.lines()) {
				csvLine(b, List.of(line), secret);
			}
		}
		else if (output.data() instanceof Map<?, ?> map && !map.isEmpty()) {
			// Message, Text, None, Silent: their data as one row, or the code and message
			csvLine(b, map.keySet().stream().map(String::valueOf).toList(), secret);
			csvLine(b, map.values().stream().map(v -> cellText(v, ";")).toList(), secret);
		}
		else {
			csvLine(b, List.of("code", "message"), secret);
			csvLine(b, Arrays.asList("OK", output.message()), secret);
		}
		return b.toString();
	}

	/**
	 * One CSV row: every field's control and bidirectional characters replaced (CSV cannot escape
	 * them), secrets masked unless shown on purpose, formulas neutralised, quoted where needed.
	 */
	private static void csvLine(StringBuilder b, List<String> fields, boolean secret) {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				b.append(',');
			}
			String text = SafeText.replace(fields.get(i));
			b.append(csvField(secret ? text : csvCell(SecretText.redact(text))));
		}
		b.append("\r\n");
	}

	/** The characters that make a spreadsheet read a cell as a formula when it starts with one (OWASP). */
	private static final String FORMULA_START = "=+-@\t\r";

	/**
	 * A cell that a spreadsheet will not run: one that starts with {@code =}, {@code +}, {@code -},
	 * {@code @}, a tab or a carriage return (after any spaces, which spreadsheets skip) gets a leading
	 * {@code '}, as the OWASP guidance on CSV injection says, so that it reads as text
	 * ({@code =HYPERLINK(...)} becomes {@code '=HYPERLINK(...)}). So does each part after a {@code ;}
	 * (the separator of this tool's list cells, and the field separator of spreadsheets in many
	 * locales). This tool's tables hold no numbers (ids, names, dates and statuses are text), so no
	 * negative number is changed; {@code -o json} keeps every value exact. The credentials of an
	 * output that shows a secret on purpose ({@code token create}) are written exactly: they must be
	 * copied as they are.
	 */
	static String csvCell(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		StringBuilder b = null;
		int part = 0;
		while (part >= 0) {
			int i = part;
			while (i < value.length() && value.charAt(i) == ' ') {
				i++;
			}
			if (i < value.length() && FORMULA_START.indexOf(value.charAt(i)) >= 0) {
				if (b == null) {
					b = new StringBuilder(value.length() + 4).append(value, 0, part);
				}
				b.append('\'');
			}
			int next = value.indexOf(';', part);
			if (b != null) {
				b.append(value, part, next < 0 ? value.length() : next + 1);
			}
			part = next < 0 ? -1 : next + 1;
		}
		return b == null ? value : b.toString();
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

	/** A JSON document; every string in it (names too) masked by shape, unless it shows a secret on purpose. */
	private static void json(Object value, boolean secret, PrintWriter out) {
		// written as it is made: a document of 300,000 changes is never held as one string
		if (secret) {
			Json.WRITER.writeValue(out, value);
		}
		else {
			try (JsonGenerator g = new MaskingGenerator(Json.WRITER.createGenerator(out))) {
				Json.WRITER.writeValue(g, value);
			}
		}
		out.print(System.lineSeparator());
	}

	/** Writes every string and name of a document with its secrets masked ({@link SecretText}). */
	private static final class MaskingGenerator extends JsonGeneratorDelegate {

		MaskingGenerator(JsonGenerator g) {
			super(g, true);
		}

		@Override
		public JsonGenerator writeString(String text) {
			return super.writeString(SecretText.redact(text));
		}

		@Override
		public JsonGenerator writeString(char[] text, int offset, int length) {
			return super.writeString(SecretText.redact(new String(text, offset, length)));
		}

		@Override
		public JsonGenerator writeName(String name) {
			return super.writeName(SecretText.redact(name));
		}

	}

	/**
	 * Replaces control characters (escape sequences included) and bidirectional formatting characters
	 * with a space, and masks whatever has a secret's shape ({@link SecretText}); null becomes "".
	 * What every string shown to people goes through.
	 */
	public static String clean(String s) {
		return SecretText.redact(SafeText.replace(s));
	}

}
