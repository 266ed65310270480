package io.astrashell.cli;

import java.util.List;

import org.springframework.shell.core.command.CommandOption;

/**
 * An option of a command. {@code shortName} is spelled with one dash and may be longer than one letter,
 * as the original CLI has {@code -cf} and {@code -conf}. An option without a {@code valueLabel} is a
 * flag. A repeatable option may be given several times ({@code -r A -r B}). What values it takes is
 * its {@link ValueKind}: a kind with a fixed list makes them the only values allowed.
 */
public record OptionSpec(String longName, String shortName, String valueLabel, String description,
		boolean repeatable, boolean required, ValueKind valueKind) {

	public OptionSpec {
		valueKind = valueKind == null ? ValueKind.TEXT : valueKind;
	}

	/** The only values allowed (any case), from the kind; empty when any value is. */
	public List<String> allowedValues() {
		return valueKind.choices();
	}

	public static OptionSpec flag(String longName, String shortName, String description) {
		return new OptionSpec(longName, shortName, null, description, false, false, ValueKind.TEXT);
	}

	public static OptionSpec value(String longName, String shortName, String valueLabel, String description,
			ValueKind kind) {
		return new OptionSpec(longName, shortName, valueLabel, description, false, false, kind);
	}

	public OptionSpec asRepeatable() {
		return new OptionSpec(longName, shortName, valueLabel, description, true, required, valueKind);
	}

	public OptionSpec asRequired() {
		return new OptionSpec(longName, shortName, valueLabel, description, repeatable, true, valueKind);
	}

	/** This option under another one-dash name, e.g. a global option with a command's own short form. */
	public OptionSpec withShortName(String name) {
		return new OptionSpec(longName, name, valueLabel, description, repeatable, required, valueKind);
	}

	public boolean isFlag() {
		return valueLabel == null;
	}

	/** Whether a word names this option: {@code --long}, or {@code -short}. */
	public boolean matches(String word) {
		return word.equals("--" + longName) || (shortName != null && word.equals("-" + shortName));
	}

	/** How the synopsis and help spell it: {@code {-cf | --config-file} <CONFIG_FILE>}. */
	public String synopsis() {
		String names = shortName == null ? "--" + longName : "{-" + shortName + " | --" + longName + "}";
		return isFlag() ? names : names + " <" + valueLabel + ">";
	}

	/** The names as the OPTIONS section lists them: {@code -cf <CONFIG_FILE>, --config-file <CONFIG_FILE>}. */
	public String helpNames() {
		String value = isFlag() ? "" : " <" + valueLabel + ">";
		return (shortName == null ? "" : "-" + shortName + value + ", ") + "--" + longName + value;
	}

	/** The Spring Shell view of this option (a one-letter short name only). */
	public CommandOption toCommandOption() {
		CommandOption.Builder b = CommandOption.with()
			.longName(longName)
			.description(description)
			.required(required)
			.type(isFlag() ? Boolean.class : String.class);
		if (shortName != null && shortName.length() == 1) {
			b.shortName(shortName.charAt(0));
		}
		return b.build();
	}

}
