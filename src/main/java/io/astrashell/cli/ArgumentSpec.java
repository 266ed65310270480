package io.astrashell.cli;

/** A positional argument of a command, e.g. {@code <EMAIL>}. */
public record ArgumentSpec(String label, String description, boolean required, ValueKind valueKind,
		boolean variadic) {

	public static ArgumentSpec required(String label, String description, ValueKind kind) {
		return new ArgumentSpec(label, description, true, kind, false);
	}

	public static ArgumentSpec optional(String label, String description, ValueKind kind) {
		return new ArgumentSpec(label, description, false, kind, false);
	}

	/** Takes every remaining word (e.g. the command words of {@code help user invite}). */
	public static ArgumentSpec rest(String label, String description, ValueKind kind) {
		return new ArgumentSpec(label, description, false, kind, true);
	}

}
