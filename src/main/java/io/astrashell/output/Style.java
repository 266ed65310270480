package io.astrashell.output;

/** ANSI colours, applied only when colour is on (a terminal, no {@code NO_COLOR}, no {@code --no-color}). */
public final class Style {

	private static final String RESET = "\u001B[0m";

	private final boolean color;

	public Style(boolean color) {
		this.color = color;
	}

	public boolean isColor() {
		return color;
	}

	public String green(String s) {
		return wrap("\u001B[32m", s);
	}

	public String red(String s) {
		return wrap("\u001B[31m", s);
	}

	public String yellow(String s) {
		return wrap("\u001B[33m", s);
	}

	public String cyan(String s) {
		return wrap("\u001B[36m", s);
	}

	public String bold(String s) {
		return wrap("\u001B[1m", s);
	}

	public String dim(String s) {
		return wrap("\u001B[2m", s);
	}

	private String wrap(String code, String s) {
		return color ? code + s + RESET : s;
	}

	/** Whether colour should be on: a terminal on stdout and {@code NO_COLOR} (its value given) unset or empty. */
	public static boolean colorByDefault(boolean stdoutIsTerminal, String noColor) {
		return stdoutIsTerminal && (noColor == null || noColor.isEmpty());
	}

}
