package io.astrashell.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.astrashell.error.AstraError;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * Parses words into a {@link CommandLine}, the way the original CLI reads them: global options before
 * or after the command, {@code --name value} and {@code --name=value}, one-dash names of several
 * letters ({@code -cf}, {@code -conf}), repeatable options, and {@code --} to end options. Every
 * mistake is a {@link AstraError} with the documented exit code, raised before anything runs.
 */
public final class CommandLineParser {

	private final CommandRegistry registry;

	public CommandLineParser(CommandRegistry registry) {
		this.registry = registry;
	}

	public CommandLine parse(List<String> words) {
		Map<String, List<String>> globalsBefore = new LinkedHashMap<>();
		int i = 0;
		while (i < words.size() && isOptionWord(words.get(i))) {
			String word = words.get(i);
			String name = nameOf(word);
			Optional<OptionSpec> spec = optionOf(null, name);
			if (spec.isEmpty()) {
				throw AstraError.invalidInput("Unknown option '" + name + "'. Before the command only global "
						+ "options are allowed; type 'help' to see them.");
			}
			i = take(spec.get(), words, i, globalsBefore, "astra", null);
		}
		if (i == words.size()) {
			boolean help = globalsBefore.containsKey(GlobalOptions.HELP.longName());
			return new CommandLine(null, globalsBefore, List.of(), globalsOf(globalsBefore), help);
		}

		Match match = commandAt(words, i);
		AstraCommand command = match.command();
		int commandEnd = match.end();
		if (command == null) {
			throw unknownCommand(words.subList(i, Math.min(words.size(), i + 2)));
		}

		Map<String, List<String>> options = new LinkedHashMap<>(globalsBefore);
		List<String> arguments = new ArrayList<>();
		boolean help = options.containsKey(GlobalOptions.HELP.longName());
		boolean endOfOptions = false;
		for (int j = commandEnd; j < words.size();) {
			String word = words.get(j);
			if (!endOfOptions && word.equals("--")) {
				endOfOptions = true;
				j++;
			}
			else if (!endOfOptions && isOptionWord(word)) {
				String optionName = nameOf(word);
				Optional<OptionSpec> spec = command.findOption(optionName);
				if (spec.isEmpty()) {
					throw AstraError.invalidInput("Unknown option '" + optionName + "' for 'astra "
							+ command.getName() + "'." + Similarity.didYouMean(optionName, optionNames(command))
							+ " See 'astra help " + command.getName() + "'.");
				}
				if (spec.get() == GlobalOptions.HELP) {
					help = true;
				}
				j = take(spec.get(), words, j, options, "astra " + command.getName(), command);
			}
			else {
				if (arguments.isEmpty() && command.arguments().isEmpty() && commandEnd - i == 1) {
					List<Command> subs = registry.getCommandsByPrefix(groupOf(command) + " ");
					if (!subs.isEmpty() && !help) {
						throw unknownCommand(List.of(groupOf(command), word));
					}
				}
				arguments.add(word);
				j++;
			}
		}
		if (!help) {
			checkArguments(command, arguments);
			for (OptionSpec o : command.allOptions()) {
				if (o.required() && !options.containsKey(o.longName())) {
					throw AstraError.missingInput("Missing option " + o.helpNames().replace(", ", "/")
							+ " for 'astra " + command.getName() + "'. See 'astra help " + command.getName() + "'.");
				}
			}
		}
		return new CommandLine(command, options, arguments, globalsOf(options), help);
	}

	/** A command named by words: the command (null if none) and the index of the word after its name. */
	public record Match(AstraCommand command, int end) {

	}

	/**
	 * The command named by the longest run of words from {@code from} (the words of its name, up to
	 * the first option word): the parser's rule, which Tab follows too.
	 */
	public Match commandAt(List<String> words, int from) {
		AstraCommand command = null;
		int commandEnd = from;
		StringBuilder name = new StringBuilder();
		for (int j = from; j < words.size() && !isOptionWord(words.get(j)); j++) {
			if (name.length() > 0) {
				name.append(' ');
			}
			name.append(words.get(j));
			Command found = registry.getCommandByName(name.toString());
			if (found instanceof AstraCommand astra) {
				command = astra;
				commandEnd = j + 1;
			}
			else if (registry.getCommandsByPrefix(name + " ").isEmpty() && found == null) {
				break;
			}
		}
		return new Match(command, commandEnd);
	}

	/** What words hold, read leniently: the options found (by long name) and the count of the other words. */
	public record Scan(Map<String, List<String>> options, int arguments) {

		public Globals globals() {
			return globalsOf(options);
		}

	}

	/**
	 * Reads the words after a command's name as the parser does ({@code --name value},
	 * {@code --name=value}, flags, {@code --} ending options), but never fails: an unknown option is
	 * skipped, a missing value left out. Tab reads the words before the cursor with it, and an error
	 * message the words that did not parse (for {@code -o json}). With a null command, the global
	 * options alone are known.
	 */
	public static Scan scan(AstraCommand command, List<String> words) {
		Map<String, List<String>> options = new LinkedHashMap<>();
		int args = 0;
		boolean end = false;
		for (int i = 0; i < words.size(); i++) {
			String w = words.get(i);
			if (!end && w.equals("--")) {
				end = true;
				continue;
			}
			if (!end && isOptionWord(w)) {
				OptionSpec spec = optionOf(command, nameOf(w)).orElse(null);
				if (spec == null) {
					continue;
				}
				String value = "true";
				int eq = w.indexOf('=');
				if (eq > 0) {
					value = w.substring(eq + 1);
				}
				else if (!spec.isFlag() && i + 1 < words.size()) {
					value = words.get(++i);
				}
				else if (!spec.isFlag()) {
					continue;
				}
				options.computeIfAbsent(spec.longName(), k -> new ArrayList<>()).add(value);
			}
			else {
				args++;
			}
		}
		return new Scan(options, args);
	}

	/** The option a name ({@code -r}, {@code --role}) stands for: the command's, or a global one. */
	private static Optional<OptionSpec> optionOf(AstraCommand command, String name) {
		if (command != null) {
			return command.findOption(name);
		}
		if (GlobalOptions.HELP.matches(name)) {
			return Optional.of(GlobalOptions.HELP);
		}
		return GlobalOptions.ALL.stream().filter(o -> o.matches(name)).findFirst();
	}

	private static String groupOf(AstraCommand command) {
		String name = command.getName();
		int space = name.indexOf(' ');
		return space < 0 ? name : name.substring(0, space);
	}

	private static void checkArguments(AstraCommand command, List<String> arguments) {
		List<ArgumentSpec> specs = command.arguments();
		boolean variadic = !specs.isEmpty() && specs.get(specs.size() - 1).variadic();
		if (arguments.size() > specs.size() && !variadic) {
			String extra = arguments.get(specs.size());
			throw AstraError.invalidInput("Unexpected argument '" + extra + "' for 'astra " + command.getName()
					+ "'. Usage: " + usage(command) + (extra.startsWith("-") ? " (use -- before arguments that start with '-')" : ""));
		}
		for (int k = 0; k < arguments.size(); k++) {
			ArgumentSpec spec = specs.get(Math.min(k, specs.size() - 1));
			String refused = refusal(spec.valueKind(), arguments.get(k));
			if (refused != null) {
				throw AstraError.invalidInput("Invalid <" + spec.label() + "> '" + arguments.get(k) + "' for 'astra "
						+ command.getName() + "': " + refused);
			}
		}
		for (int k = arguments.size(); k < specs.size(); k++) {
			if (specs.get(k).required()) {
				throw AstraError.invalidInput("Missing <" + specs.get(k).label() + "> for 'astra "
						+ command.getName() + "'. Usage: " + usage(command));
			}
		}
	}

	/** The most values an error lists; a longer list is named by its nearest values and help. */
	static final int MAX_LISTED = 8;

	/**
	 * Why a value is not one of its kind's fixed list ("use one of ...", or the nearest names and
	 * where the list is), or null when it is, or the kind has no list.
	 */
	static String refusal(ValueKind kind, String value) {
		List<String> choices = kind.choices();
		if (choices.isEmpty() || choices.stream().anyMatch(c -> c.equalsIgnoreCase(value))) {
			return null;
		}
		if (choices.size() <= MAX_LISTED) {
			return "use one of " + String.join(", ", choices) + ".";
		}
		return "it is not a known " + kind.describes() + "." + Similarity.didYouMean(value.toLowerCase(Locale.ROOT), choices)
				+ " See the command's --help for the list.";
	}

	static String usage(AstraCommand command) {
		StringBuilder b = new StringBuilder("astra ").append(command.getName());
		for (OptionSpec o : command.ownOptions()) {
			if (o.required()) {
				b.append(' ').append(o.synopsis());
			}
		}
		for (ArgumentSpec a : command.arguments()) {
			b.append(a.required() ? " <" + a.label() + ">" : " [<" + a.label() + ">]");
		}
		return b.toString();
	}

	private AstraError unknownCommand(List<String> words) {
		String first = words.get(0);
		TreeSet<String> roots = new TreeSet<>();
		List<String> subNames = new ArrayList<>();
		for (Command c : registry.getCommands()) {
			if (c.isHidden()) {
				continue;
			}
			List<String> names = new ArrayList<>(c.getAliases());
			names.add(c.getName());
			for (String n : names) {
				roots.add(n.split(" ")[0]);
				if (n.startsWith(first + " ")) {
					subNames.add(n.substring(first.length() + 1));
				}
			}
		}
		if (roots.contains(first) && words.size() > 1) {
			String sub = words.get(1);
			return AstraError.invalidInput("Unknown command 'astra " + first + " " + sub + "'."
					+ Similarity.didYouMean(sub, subNames) + " '" + first + "' has: "
					+ String.join(", ", new TreeSet<>(subNames)) + ".");
		}
		return AstraError.invalidInput("Unknown command '" + first + "'."
				+ Similarity.didYouMean(first, new ArrayList<>(roots)) + " Type 'help' to see the commands.");
	}

	private static List<String> optionNames(AstraCommand command) {
		List<String> names = new ArrayList<>();
		for (OptionSpec o : command.allOptions()) {
			names.add("--" + o.longName());
			if (o.shortName() != null) {
				names.add("-" + o.shortName());
			}
		}
		return names;
	}

	/**
	 * Records the option at {@code index} and its value; returns the index of the next word. The value
	 * is the next word, unless that word is {@code --} or names an option of the command (or a global
	 * option, before the command): {@code -r --env local} is {@code -r} without its value (exit 13).
	 * Any other word is the value, even one that starts with a dash ({@code -d "-- note"},
	 * {@code -d -5}); {@code --name=value} takes any value at all ({@code -d=--env}).
	 */
	private static int take(OptionSpec spec, List<String> words, int index, Map<String, List<String>> into,
			String where, AstraCommand command) {
		String word = words.get(index);
		int eq = word.indexOf('=');
		String value;
		int next;
		if (eq > 0 && word.startsWith("-")) {
			value = word.substring(eq + 1);
			next = index + 1;
			if (spec.isFlag()) {
				String v = value.toLowerCase(Locale.ROOT);
				if (!v.equals("true") && !v.equals("false")) {
					throw AstraError.invalidValue("Option " + names(spec) + " takes no value (got '" + value
							+ "').");
				}
				value = v;
			}
		}
		else if (spec.isFlag()) {
			value = "true";
			next = index + 1;
		}
		else {
			if (index + 1 >= words.size() || words.get(index + 1).equals("--")
					|| namesAnOption(words.get(index + 1), command)) {
				throw AstraError.invalidValue("Option " + nameOf(word) + " needs a value: <" + spec.valueLabel()
						+ ">" + (index + 1 < words.size() && !words.get(index + 1).equals("--")
								? " (" + nameOf(words.get(index + 1)) + " is an option; to give it as the value, write "
										+ nameOf(word) + "=" + words.get(index + 1) + ")"
								: "")
						+ ". See 'astra help" + where.substring("astra".length()) + "'.");
			}
			value = words.get(index + 1);
			next = index + 2;
		}
		if (!spec.isFlag() && value.isEmpty()) {
			throw AstraError.invalidValue("Option " + nameOf(word) + " needs a value: <" + spec.valueLabel()
					+ ">; it is empty.");
		}
		String refused = refusal(spec.valueKind(), value);
		if (refused != null) {
			throw AstraError.invalidValue("Invalid value '" + value + "' for " + names(spec) + ": " + refused);
		}
		List<String> values = into.computeIfAbsent(spec.longName(), k -> new ArrayList<>());
		if (!values.isEmpty() && !spec.repeatable() && !spec.isFlag()) {
			throw AstraError.invalidInput("Option " + names(spec) + " is given twice; give it once.");
		}
		values.add(value);
		return next;
	}

	/** Whether {@code word} names an option of {@code command} or a global one (before the command: null). */
	private static boolean namesAnOption(String word, AstraCommand command) {
		if (!isOptionWord(word)) {
			return false;
		}
		return optionOf(command, nameOf(word)).isPresent();
	}

	private static String names(OptionSpec spec) {
		return spec.shortName() == null ? "--" + spec.longName() : "-" + spec.shortName() + "/--" + spec.longName();
	}

	private static boolean isOptionWord(String word) {
		return word.length() > 1 && word.startsWith("-") && !word.equals("--");
	}

	private static String nameOf(String word) {
		int eq = word.indexOf('=');
		return eq > 0 ? word.substring(0, eq) : word;
	}

	/** The global options found among parsed options (see {@link GlobalOptions#values}). */
	public static Globals globalsOf(Map<String, List<String>> options) {
		return GlobalOptions.values(options);
	}

}
