package io.astrashell.output;

/** The prefixes of human-mode status lines, as the original CLI prints them: {@code [OK]    message}. */
public enum Level {

	OK("[OK]"), INFO("[INFO]"), WARN("[WARN]"), ERROR("[ERROR]");

	private final String tag;

	Level(String tag) {
		this.tag = tag;
	}

	/** The tag padded to eight columns, e.g. {@code "[OK]    "}. */
	public String prefix(Style style) {
		String padding = " ".repeat(Math.max(1, 8 - tag.length()));
		String coloured = switch (this) {
			case OK -> style.green(tag);
			case INFO -> style.cyan(tag);
			case WARN -> style.yellow(tag);
			case ERROR -> style.red(tag);
		};
		return coloured + padding;
	}

}
