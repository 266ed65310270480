package io.astrashell.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Help pages in the layout of the original CLI's documentation: NAME, SYNOPSIS (wrapped at 80
 * columns), OPTIONS with each description indented below its names.
 */
public final class HelpFormatter {

	private static final String INDENT = "        ";

	private static final String CONTINUATION = "                ";

	private static final int WIDTH = 80;

	private HelpFormatter() {
	}

	public static String commandHelp(AstraCommand command) {
		return commandHelp(command, command.getName());
	}

	/**
	 * The help page of {@code command} asked for as {@code name}, the command's name or one of its
	 * aliases: the NAME line says what was asked ({@code help token revoke} shows
	 * {@code astra token revoke}), the SYNOPSIS and ALIASES the command's own name.
	 */
	public static String commandHelp(AstraCommand command, String name) {
		StringBuilder b = new StringBuilder();
		b.append("NAME\n").append(INDENT).append("astra ").append(name).append(" - ")
			.append(command.getDescription()).append("\n\n");
		b.append("SYNOPSIS\n");
		List<String> parts = new ArrayList<>();
		List<OptionSpec> options = sorted(command.allOptions());
		for (OptionSpec o : options) {
			parts.add(o.required() ? o.synopsis() + (o.repeatable() ? "..." : "")
					: "[ " + o.synopsis() + " ]" + (o.repeatable() ? "..." : ""));
		}
		if (!command.arguments().isEmpty()) {
			parts.add("[--]");
			for (ArgumentSpec a : command.arguments()) {
				parts.add(a.required() ? "<" + a.label() + ">" : "[ <" + a.label() + "> ]");
			}
		}
		b.append(wrap(INDENT + "astra " + command.getName(), parts)).append("\n");
		if (!command.getAliases().isEmpty()) {
			b.append("\nALIASES\n");
			for (String alias : command.getAliases()) {
				b.append(INDENT).append("astra ").append(alias).append('\n');
			}
		}
		b.append("\nOPTIONS\n");
		for (OptionSpec o : options) {
			b.append(INDENT).append(o.helpNames()).append('\n');
			b.append(INDENT).append("    ").append(o.description());
			b.append(choices(o.valueKind(), o.description()));
			if (o.repeatable() && !o.description().contains("may be repeated")) {
				b.append(" (may be repeated)");
			}
			b.append("\n\n");
		}
		if (!command.arguments().isEmpty()) {
			b.append(INDENT).append("--\n");
			b.append(INDENT).append("    This option can be used to separate command-line options from the\n");
			b.append(INDENT).append("    list of arguments (useful when arguments might be mistaken for\n");
			b.append(INDENT).append("    command-line options)\n\n");
			for (ArgumentSpec a : command.arguments()) {
				b.append(INDENT).append('<').append(a.label()).append(">\n");
				b.append(INDENT).append("    ").append(a.description()).append(choices(a.valueKind(), a.description()))
					.append("\n\n");
			}
		}
		b.append("JSON\n").append(paragraph("With -o json, data is " + command.json().describe() + "."));
		for (JsonShape.Variant v : command.json().variants()) {
			b.append("\n").append(paragraph(capital(v.when()) + ": " + v.shape().describe() + "."));
		}
		b.append("\n\n");
		if (!command.notes().isEmpty()) {
			b.append("DISCUSSION\n").append(paragraph(command.notes())).append("\n\n");
		}
		return b.toString().stripTrailing() + "\n";
	}

	/**
	 * The values a kind allows, as help shows them after the description ({@code " (active, invited)"}),
	 * unless the description names them already; a list too long to read there is left to the
	 * command's notes.
	 */
	static String choices(ValueKind kind, String description) {
		List<String> values = kind.choices();
		if (values.isEmpty() || values.size() > CommandLineParser.MAX_LISTED || description.contains(values.get(0))) {
			return "";
		}
		return " (" + String.join(", ", values) + ")";
	}

	/** Text wrapped at 80 columns, each line indented. */
	private static String paragraph(String text) {
		StringBuilder b = new StringBuilder(INDENT);
		int lineLength = INDENT.length();
		for (String word : text.trim().split("\\s+")) {
			if (lineLength > INDENT.length() && lineLength + 1 + word.length() > WIDTH) {
				b.append('\n').append(INDENT);
				lineLength = INDENT.length();
			}
			else if (lineLength > INDENT.length()) {
				b.append(' ');
				lineLength++;
			}
			b.append(word);
			lineLength += word.length();
		}
		return b.toString();
	}

	/**
	 * The page of a group such as {@code org}: its sub-commands, the default one starred.
	 * @param group the group name
	 * @param members the commands of the group
	 * @param defaultCommand the command the bare group name runs, or null
	 * @param description what the group is for
	 */
	public static String groupHelp(String group, List<AstraCommand> members, AstraCommand defaultCommand,
			String description) {
		StringBuilder b = new StringBuilder();
		b.append("NAME\n").append(INDENT).append("astra ").append(group).append(" - ").append(description)
			.append("\n\n");
		List<String> subs = new ArrayList<>();
		for (AstraCommand c : members) {
			String sub = c.getName().substring(group.length()).trim();
			subs.add(sub + (c == defaultCommand ? "*" : ""));
		}
		b.append("SYNOPSIS\n");
		List<String> parts = new ArrayList<>();
		parts.add("{ " + String.join(" | ", subs) + " }");
		parts.add("[--]");
		for (OptionSpec o : sorted(GlobalOptions.ALL)) {
			parts.add("[ " + o.synopsis() + " ]");
		}
		b.append(wrap(INDENT + "astra " + group, parts)).append("\n\n");
		if (defaultCommand != null) {
			b.append(INDENT).append("Where * indicates the default command(s)\n");
		}
		b.append(INDENT).append("See 'astra help ").append(group)
			.append(" <command>' for more information on a specific command.\n\nCOMMANDS\n");
		int width = members.stream().mapToInt(c -> c.getName().length()).max().orElse(10);
		for (AstraCommand c : members) {
			b.append(INDENT).append(pad(c.getName(), width)).append("  ").append(c.getDescription()).append('\n');
		}
		return b.toString();
	}

	/** The overview: every command with its description, grouped by noun. */
	public static String overview(List<AstraCommand> commands, String version) {
		StringBuilder b = new StringBuilder();
		b.append("astra shell ").append(version).append(" - manage an Astra organization: users, roles, tokens\n\n");
		b.append("USAGE\n").append(INDENT).append("astra                      open the astra> prompt\n")
			.append(INDENT).append("astra <command> [options]  run one command and exit\n\n");
		Map<String, List<AstraCommand>> byGroup = new TreeMap<>();
		for (AstraCommand c : commands) {
			if (!c.isHidden()) {
				byGroup.computeIfAbsent(c.getGroup().isEmpty() ? "Shell" : c.getGroup(), k -> new ArrayList<>()).add(c);
			}
		}
		int width = commands.stream().mapToInt(c -> c.getName().length()).max().orElse(10);
		for (Map.Entry<String, List<AstraCommand>> e : byGroup.entrySet()) {
			b.append(e.getKey().toUpperCase()).append('\n');
			e.getValue().sort(Comparator.comparing(AstraCommand::getName));
			for (AstraCommand c : e.getValue()) {
				b.append(INDENT).append(pad(c.getName(), width)).append("  ").append(c.getDescription()).append('\n');
			}
			b.append('\n');
		}
		b.append("GLOBAL OPTIONS (on every command)\n");
		for (OptionSpec o : sorted(GlobalOptions.ALL)) {
			b.append(INDENT).append(pad(o.helpNames(), 46)).append("  ").append(o.description()).append('\n');
		}
		b.append("\nSee 'astra help <command>' for the options of a command.\n");
		return b.toString();
	}

	private static List<OptionSpec> sorted(List<OptionSpec> options) {
		List<OptionSpec> sorted = new ArrayList<>(options);
		sorted.sort(Comparator.comparing(o -> o.shortName() != null ? o.shortName() : o.longName()));
		return sorted;
	}

	private static String wrap(String head, List<String> parts) {
		StringBuilder b = new StringBuilder(head);
		int lineLength = head.length();
		for (String part : parts) {
			if (lineLength + 1 + part.length() > WIDTH && lineLength > CONTINUATION.length()) {
				b.append('\n').append(CONTINUATION).append(part);
				lineLength = CONTINUATION.length() + part.length();
			}
			else {
				b.append(' ').append(part);
				lineLength += 1 + part.length();
			}
		}
		return b.toString();
	}

	private static String pad(String s, int width) {
		return s.length() >= width ? s : s + " ".repeat(width - s.length());
	}


	private static String capital(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

}
