package io.astrashell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

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

	/** The Spring Shell form of this line. */
	public ParsedInput toParsedInput() {
		String[] names = command.getName().split(" ");
		ParsedInput.Builder b = ParsedInput.builder().commandName(names[0]);
		for (int i = 1; i < names.length; i++) {
			b.addSubCommand(names[i]);
		}
		options.forEach((name, values) -> values
			.forEach(v -> b.addOption(CommandOption.with().longName(name).value(v).build())));
		List<String> args = new ArrayList<>(arguments);
		for (int i = 0; i < args.size(); i++) {
			b.addArgument(new CommandArgument(i, args.get(i)));
		}
		return b.build();
	}

}
