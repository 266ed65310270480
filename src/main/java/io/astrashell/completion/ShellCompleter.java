package io.astrashell.completion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandLineParser;
import io.astrashell.cli.OptionSpec;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;

/**
 * The prompt's Tab: command names word by word, option names, and values from each command's
 * completion provider. It reads memory only (the providers' sources are caches), so Tab never waits
 * on the network.
 */
public final class ShellCompleter implements Completer {

	private final CommandRegistry registry;

	private final CommandLineParser parser;

	private final ServerValues serverValues;

	public ShellCompleter(CommandRegistry registry, CommandLineParser parser, ServerValues serverValues) {
		this.registry = registry;
		this.parser = parser;
		this.serverValues = serverValues;
	}

	@Override
	public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
		completeWords(line, candidates);
		String notice = serverValues == null ? null : serverValues.takeNotice();
		if (notice != null && reader != null) {
			reader.printAbove("[WARN]  " + notice);
		}
	}

	private void completeWords(ParsedLine line, List<Candidate> candidates) {
		List<String> words = line.words();
		int index = line.wordIndex();
		String current = index < words.size() ? line.word().substring(0, Math.min(line.wordCursor(), line.word().length())) : "";

		// the command named by the words before the cursor, by the parser's own rule
		CommandLineParser.Match match = parser.commandAt(words.subList(0, Math.min(index, words.size())), 0);
		AstraCommand command = match.command();
		int commandEnd = match.end();
		String typedName = String.join(" ", words.subList(0, Math.min(index, words.size())));
		if (command == null || commandEnd == index) {
			completeCommandWords(typedName, index, current, candidates);
			if (command == null) {
				return;
			}
		}

		List<String> after = new ArrayList<>(words.subList(commandEnd, words.size()));
		int afterIndex = index - commandEnd;
		OptionSpec valueOf = null;
		if (afterIndex > 0) {
			String previous = after.get(afterIndex - 1);
			OptionSpec spec = command.findOption(previous).orElse(null);
			if (spec != null && !spec.isFlag() && !previous.contains("=")) {
				valueOf = spec;
			}
		}
		String prefix = current;
		String assignPrefix = "";
		if (valueOf == null && current.startsWith("-") && current.contains("=")) {
			OptionSpec spec = command.findOption(current.substring(0, current.indexOf('='))).orElse(null);
			if (spec != null && !spec.isFlag()) {
				valueOf = spec;
				assignPrefix = current.substring(0, current.indexOf('=') + 1);
				prefix = current.substring(assignPrefix.length());
			}
		}
		if (valueOf == null && (current.startsWith("-") || (current.isEmpty() && command.arguments().isEmpty()))) {
			completeOptionNames(command, after.subList(0, afterIndex), current, candidates);
			if (current.startsWith("-")) {
				return;
			}
		}
		List<String> contextWords = new ArrayList<>(after);
		if (afterIndex >= contextWords.size()) {
			contextWords.add(prefix);
		}
		else {
			contextWords.set(afterIndex, prefix);
		}
		CommandOption option = valueOf == null ? null : valueOf.toCommandOption();
		CompletionContext context = new CompletionContext(contextWords, afterIndex, prefix.length(), command, option);
		for (CompletionProposal p : command.getCompletionProvider().apply(context)) {
			candidates.add(new Candidate(assignPrefix + p.value(), p.displayText(), p.category(), p.description(),
					null, null, p.complete()));
		}
	}

	private void completeCommandWords(String typed, int index, String current, List<Candidate> candidates) {
		String before = index == 0 ? "" : String.join(" ", typed.split(" ", -1)).trim();
		TreeMap<String, String> next = new TreeMap<>();
		for (Command c : registry.getCommands()) {
			if (c.isHidden()) {
				continue;
			}
			List<String> names = new ArrayList<>(c.getAliases());
			names.add(0, c.getName());
			for (String n : names) {
				String[] parts = n.split(" ");
				if (parts.length <= index) {
					continue;
				}
				String head = String.join(" ", Arrays.copyOfRange(parts, 0, index));
				if (!head.equals(before) || !parts[index].toLowerCase(Locale.ROOT).startsWith(current.toLowerCase(Locale.ROOT))) {
					continue;
				}
				String description = parts.length == index + 1 ? c.getDescription() : "sub-commands";
				next.merge(parts[index], description, (a, b) -> a.equals("sub-commands") ? b : a);
			}
		}
		next.forEach((word, description) -> candidates.add(new Candidate(word, word, "commands", description, null,
				null, true)));
	}

	private static void completeOptionNames(AstraCommand command, List<String> typed, String current,
			List<Candidate> candidates) {
		Set<String> given = CommandLineParser.scan(command, typed).options().keySet();
		for (OptionSpec o : command.allOptions()) {
			if (given.contains(o.longName()) && !o.repeatable()) {
				continue;
			}
			String group = command.ownOptions().contains(o) ? "options" : "global options";
			if (("--" + o.longName()).startsWith(current)) {
				candidates.add(new Candidate("--" + o.longName(), "--" + o.longName(), group, o.description(), null,
						null, true));
			}
			if (o.shortName() != null && ("-" + o.shortName()).startsWith(current) && current.length() > 1
					&& !current.startsWith("--")) {
				candidates.add(new Candidate("-" + o.shortName(), "-" + o.shortName(), group, o.description(), null,
						null, true));
			}
		}
	}

}
