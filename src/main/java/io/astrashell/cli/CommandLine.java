package io.astrashell.cli;

import java.util.List;
import java.util.Map;

/**
 * A parsed line: the command (null when the line holds only global options, which opens the prompt),
 * its options by long name, its arguments, the global options, and whether help was asked for.
 */
public record CommandLine(AstraCommand command, Map<String, List<String>> options, List<String> arguments,
		Globals globals, boolean helpRequested) {

	public boolean hasCommand() {
		return command != null;
	}

	public Invocation toInvocation() {
		return new Invocation(command, options, arguments, globals);
	}

}
