package io.astrashell.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
		LineState state = LineState.of(command, before);
		if (context.getCommandOption() != null) {
			OptionSpec spec = command.findOption("--" + context.getCommandOption().longName()).orElse(null);
			if (spec == null || spec.isFlag()) {
				return List.of();
			}
			return values.get().values(spec.valueKind(), prefix, CommandLineParser.globalsOf(state.options()));
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
		return values.get().values(arg.valueKind(), prefix, CommandLineParser.globalsOf(state.options()));
	}

	/** What the words before the cursor hold: options given so far and the count of positional words. */
	record LineState(Map<String, List<String>> options, int arguments) {

		static LineState of(AstraCommand command, List<String> wordsBefore) {
			Map<String, List<String>> options = new LinkedHashMap<>();
			int args = 0;
			boolean end = false;
			for (int i = 0; i < wordsBefore.size(); i++) {
				String w = wordsBefore.get(i);
				if (!end && w.equals("--")) {
					end = true;
					continue;
				}
				if (!end && w.startsWith("-") && w.length() > 1) {
					String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
					OptionSpec spec = command.findOption(name).orElse(null);
					if (spec == null) {
						continue;
					}
					String value = "true";
					if (w.contains("=")) {
						value = w.substring(w.indexOf('=') + 1);
					}
					else if (!spec.isFlag() && i + 1 < wordsBefore.size()) {
						value = wordsBefore.get(++i);
					}
					options.computeIfAbsent(spec.longName(), k -> new ArrayList<>()).add(value);
				}
				else {
					args++;
				}
			}
			return new LineState(options, args);
		}

	}

}
