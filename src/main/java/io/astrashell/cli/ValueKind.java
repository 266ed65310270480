package io.astrashell.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What kind of value an option or argument takes, declared on its {@link OptionSpec} or
 * {@link ArgumentSpec} in the command's own file. A kind is a name ({@code USER}: the bash and zsh
 * tables and the completion cache use it), what its values are ({@code users}: help, Tab's
 * descriptions, {@code refresh}'s counts) and, for a fixed list, its values: the parser refuses any
 * other (so does {@code script --dry-run}), help lists them, Tab offers them, at the prompt and in
 * bash and zsh alike. A kind without a list is completed from wherever its values are registered (the
 * server values a noun's command class declares, the profiles file, commands, files); {@link #TEXT}
 * is completed from nowhere.
 */
public record ValueKind(String name, String describes, List<String> choices) {

	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

	private static final Pattern DESCRIBES = Pattern.compile("[a-z][a-z ]*");

	/** Free text: nothing to complete. */
	public static final ValueKind TEXT = of("TEXT", "text");

	/** A file path. */
	public static final ValueKind FILE = of("FILE", "files");

	/** A command name. */
	public static final ValueKind COMMAND = of("COMMAND", "commands");

	public ValueKind {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("A value kind's name is upper case letters, digits and _: " + name);
		}
		if (describes == null || !DESCRIBES.matcher(describes).matches()) {
			throw new IllegalArgumentException("What value kind " + name + " describes is lower case words: " + describes);
		}
		choices = choices == null ? List.of() : List.copyOf(choices);
	}

	/** A kind whose values are found where they are registered (or nowhere, for {@link #TEXT}). */
	public static ValueKind of(String name, String describes) {
		return new ValueKind(name, describes, List.of());
	}

	/** A kind with a fixed list of values (matched in any case). */
	public static ValueKind choice(String name, String describes, List<String> values) {
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException("A choice of values needs values: " + name);
		}
		return new ValueKind(name, describes, values);
	}

	public boolean hasChoices() {
		return !choices.isEmpty();
	}

	@Override
	public String toString() {
		return name;
	}

}
