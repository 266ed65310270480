package io.astrashell.output;

import java.util.ArrayList;
import java.util.List;

/**
 * The bordered tables of the original CLI: {@code +---+} borders, one space of padding in each cell,
 * every column as wide as its longest cell. The attribute table keeps the minimum widths of the
 * original ({@code Attribute} 14, {@code Value} 39) and draws list values as {@code [0] x} rows
 * framed by blank rows.
 */
public final class TextTable {

	static final int ATTRIBUTE_MIN_WIDTH = 14;

	static final int VALUE_MIN_WIDTH = 39;

	private final List<String> header;

	private final List<List<String>> rows;

	private final int[] minWidths;

	private TextTable(List<String> header, List<List<String>> rows, int[] minWidths) {
		this.header = header;
		this.rows = rows;
		this.minWidths = minWidths;
	}

	/** A list table: one header row, one row per item. */
	public static TextTable of(List<String> header, List<List<String>> rows) {
		return new TextTable(header, rows, new int[header.size()]);
	}

	/** The two-column {@code | Attribute | Value |} table. */
	public static TextTable attributes(List<Output.Attribute> attributes) {
		List<List<String>> rows = new ArrayList<>();
		for (Output.Attribute a : attributes) {
			if (a.isList()) {
				rows.add(List.of("", ""));
				List<String> values = a.values();
				for (int i = 0; i < values.size(); i++) {
					rows.add(List.of(i == 0 ? a.name() : "", "[" + i + "] " + values.get(i)));
				}
				if (values.isEmpty()) {
					rows.add(List.of(a.name(), ""));
				}
				rows.add(List.of("", ""));
			}
			else {
				rows.add(List.of(a.name(), a.value() == null ? "" : a.value()));
			}
		}
		return new TextTable(List.of("Attribute", "Value"), rows, new int[] { ATTRIBUTE_MIN_WIDTH, VALUE_MIN_WIDTH });
	}

	public String render(Style style) {
		int[] widths = new int[header.size()];
		for (int c = 0; c < widths.length; c++) {
			widths[c] = Math.max(minWidths[c], header.get(c).length());
		}
		for (List<String> row : rows) {
			for (int c = 0; c < widths.length; c++) {
				widths[c] = Math.max(widths[c], cell(row, c).length());
			}
		}
		StringBuilder out = new StringBuilder();
		String border = border(widths);
		out.append(border).append('\n');
		appendRow(out, header, widths, style, true);
		out.append(border).append('\n');
		for (List<String> row : rows) {
			appendRow(out, row, widths, style, false);
		}
		out.append(border).append('\n');
		return out.toString();
	}

	private static String cell(List<String> row, int c) {
		String value = c < row.size() ? row.get(c) : "";
		return value == null ? "" : value;
	}

	private static String border(int[] widths) {
		StringBuilder b = new StringBuilder("+");
		for (int w : widths) {
			b.append("-".repeat(w + 2)).append('+');
		}
		return b.toString();
	}

	private static void appendRow(StringBuilder out, List<String> row, int[] widths, Style style, boolean header) {
		out.append('|');
		for (int c = 0; c < widths.length; c++) {
			String value = cell(row, c);
			String padded = value + " ".repeat(widths[c] - value.length());
			out.append(' ').append(header ? style.cyan(padded) : padded).append(" |");
		}
		out.append('\n');
	}

}
