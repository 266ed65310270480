package io.astrashell.completion;

import java.util.List;
import java.util.function.Supplier;

import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandLineParser;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;

/**
 * The completion provider of one command: the values of the option being completed, or of the
 * positional argument at the cursor, by the {@link ValueKind} its spec declares. The context it is
 * given starts after the command's name.
 */
public final class SpecCompletionProvider implements CompletionProvider {

	private final AstraCommand command;

	private final Supplier<ValueSource> values;

	public SpecCompletionProvider(AstraCommand command, Supplier<ValueSource> values) {
		this.command = command;
		this.values = values;
	}

	@Override
	public List<CompletionProposal> apply(CompletionContext context) {
		String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
		List<String> before = context.getWords().subList(0, Math.max(0, context.getWordIndex()));
		CommandLineParser.Scan state = CommandLineParser.scan(command, before);
		if (context.getCommandOption() != null) {
			OptionSpec spec = command.findOption("--" + context.getCommandOption().longName()).orElse(null);
			if (spec == null || spec.isFlag()) {
				return List.of();
			}
			return values.get().values(spec.valueKind(), prefix, state.globals());
		}
		if (prefix.startsWith("-")) {
			return List.of();
		}
		List<ArgumentSpec> args = command.arguments();
		if (args.isEmpty()) {
			return List.of();
		}
		int index = state.arguments();
		ArgumentSpec arg = index < args.size() ? args.get(index)
				: args.get(args.size() - 1).variadic() ? args.get(args.size() - 1) : null;
		if (arg == null) {
			return List.of();
		}
		return values.get().values(arg.valueKind(), prefix, state.globals());
	}

}
