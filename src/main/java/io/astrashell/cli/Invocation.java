package io.astrashell.cli;

import java.util.List;
import java.util.Map;

/**
 * One parsed command, ready to run: its options by long name (every value of a repeated option, in
 * order), its positional arguments, and the global options in effect.
 */
public final class Invocation {

	private final AstraCommand command;

	private final Map<String, List<String>> options;

	private final List<String> arguments;

	private final Globals globals;

	public Invocation(AstraCommand command, Map<String, List<String>> options, List<String> arguments,
			Globals globals) {
		this.command = command;
		this.options = Map.copyOf(options);
		this.arguments = List.copyOf(arguments);
		this.globals = globals;
	}

	public AstraCommand command() {
		return command;
	}

	public Globals globals() {
		return globals;
	}

	/** The same invocation with other global options (the session's defaults filled in). */
	public Invocation withGlobals(Globals newGlobals) {
		return new Invocation(command, options, arguments, newGlobals);
	}

	/** The value of an option (the last one, if repeated), or null. */
	public String option(String longName) {
		List<String> values = options.get(longName);
		return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
	}

	public String option(String longName, String defaultValue) {
		String value = option(longName);
		return value == null ? defaultValue : value;
	}

	/** Every value of a repeatable option, in the order given. */
	public List<String> options(String longName) {
		return options.getOrDefault(longName, List.of());
	}

	public boolean flag(String longName) {
		return "true".equals(option(longName));
	}

	public boolean has(String longName) {
		return options.containsKey(longName);
	}

	public List<String> arguments() {
		return arguments;
	}

	/** The positional argument at {@code index}, or null. */
	public String argument(int index) {
		return index < arguments.size() ? arguments.get(index) : null;
	}

}
