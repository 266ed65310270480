package io.astrashell.completion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.GlobalOptions;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;

/**
 * The shell-completion scripts of {@code astra completion bash|zsh}: commands and options from the
 * command specs, server values from the on-disk completion cache ({@code ~/.astra/completion}, whose format and
 * reader functions {@link CompletionStore} owns), so that no JVM starts on a Tab.
 * <p>
 * The code of each script is a resource beside this class ({@code astra.bash}: bash 3.2 syntax, as
 * macOS has; {@code astra.zsh}: a native compsys function that works sourced or from
 * {@code $fpath}); this class writes the tables they read (commands, options, the kind of each
 * value) in place of their {@code @TABLES@} line.
 */
public final class CompletionScripts {

	private CompletionScripts() {
	}

	public static String bash(List<AstraCommand> commands, ServerValues values) {
		Tables t = new Tables(commands, values);
		StringBuilder b = new StringBuilder();
		b.append("# ---- tables, from the command specs\n\n");
		b.append("# Whether $1 is a command or the start of one.\n_astra_is_command() {\n  case \"$1\" in\n    ")
			.append(String.join(" | ", t.prefixes.stream().map(p -> "\"" + p + "\"").toList()))
			.append(") return 0 ;;\n  esac\n  return 1\n}\n\n");
		b.append("# reply: the words that may follow a command (\"\": the first word), one a line.\n");
		b.append("_astra_next() {\n  case \"$1\" in\n");
		for (Map.Entry<String, Map<String, String>> e : t.next.entrySet()) {
			b.append("    \"").append(e.getKey()).append("\") reply=").append(ansiC(e.getValue().keySet())).append(" ;;\n");
		}
		b.append("    *) reply=\"\" ;;\n  esac\n}\n\n");
		b.append("# reply: the options of a command, one a line.\n_astra_options() {\n  case \"$1\" in\n");
		for (Map.Entry<String, AstraCommand> e : t.byName.entrySet()) {
			if (!e.getValue().ownOptions().isEmpty()) {
				b.append("    \"").append(e.getKey()).append("\") reply=")
					.append(ansiC(Tables.options(e.getValue().ownOptions()).keySet()).replaceFirst("'$", "\\\\n'"))
					.append(" ;;\n");
			}
		}
		b.append("    *) reply=\"\" ;;\n  esac\n");
		b.append("  reply=\"$reply\"").append(ansiC(Tables.options(GlobalOptions.ALL).keySet())).append("\n}\n\n");
		b.append("# kind: what the positional argument $2 (from 0) of command $1 is.\n");
		b.append("_astra_argument() {\n  case \"$1 $2\" in\n");
		for (Map.Entry<String, ValueKind> e : t.arguments.entrySet()) {
			b.append("    ").append(bashCasePattern(e.getKey())).append(") kind=").append(e.getValue()).append(" ;;\n");
		}
		b.append("    *) kind=\"\" ;;\n  esac\n}\n\n");
		b.append("# kind: the kind of the value option $1 takes; fails for a flag or an unknown option.\n");
		b.append("_astra_option_kind() {\n  case \"$1\" in\n");
		for (Map.Entry<ValueKind, TreeSet<String>> e : t.optionKinds.entrySet()) {
			b.append("    ").append(String.join(" | ", e.getValue())).append(") kind=").append(e.getKey()).append(" ;;\n");
		}
		b.append("    *)\n      kind=\"\"\n      return 1\n      ;;\n  esac\n}\n\n");
		b.append("# source: where the values of kind $1 come from (cached, profiles, commands, files, choices, none).\n");
		b.append("_astra_source() {\n  case \"$1\" in\n");
		for (Map.Entry<ValueKind, String> e : t.sources.entrySet()) {
			b.append("    ").append(e.getKey().name()).append(") source=").append(e.getValue()).append(" ;;\n");
		}
		b.append("  esac\n}\n\n");
		b.append("# reply: the fixed values of a kind, one a line.\n_astra_list() {\n  case \"$1\" in\n");
		for (ValueKind k : t.choices) {
			b.append("    ").append(k.name()).append(") reply=").append(ansiC(k.choices())).append(" ;;\n");
		}
		b.append("  esac\n}\n\n");
		b.append(scopeFunction("\"$1\"", " | ", "", "\"$2\""));
		b.append(environmentFunction("\"$1\"", "''", env -> {
			StringBuilder p = new StringBuilder();
			for (char c : env.toCharArray()) {
				p.append('[').append(Character.toUpperCase(c)).append(Character.toLowerCase(c)).append(']');
			}
			return p.toString();
		}, "*) ;;"));
		b.append(CompletionStore.bashReader(values.serverKinds()));
		return template("astra.bash").replace("@TABLES@\n", b.toString());
	}

	public static String zsh(List<AstraCommand> commands, ServerValues values) {
		Tables t = new Tables(commands, values);
		StringBuilder b = new StringBuilder();
		b.append("# ---- tables, from the command specs\n\n");
		b.append("# Whether $1 is a command or the start of one.\n_astra_is_command() {\n  case $1 in\n    (")
			.append(String.join("|", t.prefixes.stream().map(CompletionScripts::zq).toList()))
			.append(") return 0 ;;\n  esac\n  return 1\n}\n\n");
		b.append("# candidates: the words that may follow a command ('': the first word), as word:description.\n");
		b.append("_astra_next() {\n  case $1 in\n");
		for (Map.Entry<String, Map<String, String>> e : t.next.entrySet()) {
			b.append("    (").append(zq(e.getKey())).append(") candidates=(").append(described(e.getValue())).append(") ;;\n");
		}
		b.append("    (*) candidates=() ;;\n  esac\n  (( $#candidates ))\n}\n\n");
		b.append("# candidates: the options of a command, as option:description.\n_astra_options() {\n  case $1 in\n");
		for (Map.Entry<String, AstraCommand> e : t.byName.entrySet()) {
			if (!e.getValue().ownOptions().isEmpty()) {
				b.append("    (").append(zq(e.getKey())).append(") candidates=(")
					.append(described(Tables.options(e.getValue().ownOptions()))).append(") ;;\n");
			}
		}
		b.append("    (*) candidates=() ;;\n  esac\n");
		b.append("  candidates+=(").append(described(Tables.options(GlobalOptions.ALL))).append(")\n}\n\n");
		b.append("# kind: what the positional argument $2 (from 0) of command $1 is; fails for none.\n");
		b.append("_astra_argument() {\n  case \"$1 $2\" in\n");
		for (Map.Entry<String, ValueKind> e : t.arguments.entrySet()) {
			String key = e.getKey();
			String pattern = key.endsWith(" *") ? zq(key.substring(0, key.length() - 1)) + "*" : zq(key);
			b.append("    (").append(pattern).append(") kind=").append(e.getValue()).append(" ;;\n");
		}
		b.append("    (*) kind=; return 1 ;;\n  esac\n}\n\n");
		b.append("# kind: the kind of the value option $1 takes; fails for a flag or an unknown option.\n");
		b.append("_astra_option_kind() {\n  case $1 in\n");
		for (Map.Entry<ValueKind, TreeSet<String>> e : t.optionKinds.entrySet()) {
			b.append("    (").append(String.join("|", e.getValue())).append(") kind=").append(e.getKey()).append(" ;;\n");
		}
		b.append("    (*) kind=; return 1 ;;\n  esac\n}\n\n");
		b.append("# source: where the values of kind $1 come from (cached, profiles, commands, files, choices, none);\n");
		b.append("# label: what they are.\n_astra_source() {\n  case $1 in\n");
		for (Map.Entry<ValueKind, String> e : t.sources.entrySet()) {
			b.append("    (").append(e.getKey().name()).append(") source=").append(e.getValue()).append(" label=")
				.append(zq(e.getKey().describes())).append(" ;;\n");
		}
		b.append("  esac\n}\n\n");
		b.append("# candidates: the fixed values of a kind; fails for a kind without.\n_astra_list() {\n  candidates=()\n  case $1 in\n");
		for (ValueKind k : t.choices) {
			b.append("    (").append(k.name()).append(") candidates=(")
				.append(String.join(" ", k.choices().stream().map(CompletionScripts::zq).toList())).append(") ;;\n");
		}
		b.append("  esac\n  (( $#candidates ))\n}\n\n");
		b.append(scopeFunction("$1", "|", "(", "$2"));
		b.append(environmentFunction("${(L)1}", "(''", env -> "(" + env, "(*) ;;"));
		b.append(CompletionStore.zshReader(values.serverKinds()));
		return template("astra.zsh").replace("@TABLES@\n", b.toString());
	}

	/** The global options that choose which cached server values a line's Tab reads, and the variable each sets. */
	private static final Map<OptionSpec, String> SCOPE = new LinkedHashMap<>();

	static {
		SCOPE.put(GlobalOptions.CONFIG, "profile");
		SCOPE.put(GlobalOptions.ENV, "env");
		SCOPE.put(GlobalOptions.CONFIG_FILE, "rcfile");
	}

	/**
	 * {@code _astra_scope OPTION VALUE}: sets {@code profile}, {@code env} or {@code rcfile} (the
	 * completion function's own variables) when OPTION is {@code --config}, {@code --env} or
	 * {@code --config-file}, in any spelling the specs give.
	 */
	private static String scopeFunction(String subject, String or, String open, String value) {
		StringBuilder b = new StringBuilder();
		b.append("# Sets profile, env or rcfile when global option $1 (given the value $2) chooses them.\n");
		b.append("_astra_scope() {\n  case ").append(subject).append(" in\n");
		for (Map.Entry<OptionSpec, String> e : SCOPE.entrySet()) {
			OptionSpec o = e.getKey();
			List<String> names = new ArrayList<>(List.of("--" + o.longName()));
			if (o.shortName() != null) {
				names.add("-" + o.shortName());
			}
			b.append("    ").append(open).append(String.join(or, names)).append(") ").append(e.getValue()).append('=')
				.append(value).append(" ;;\n");
		}
		b.append("    ").append(open).append("*) ;;\n  esac\n}\n\n");
		return b.toString();
	}

	/**
	 * {@code _astra_environment ENV}: the environments whose cache folders ({@code profile-P-ENV}) a
	 * line with {@code --env ENV} reads; all of them when the line has no {@code --env}.
	 */
	private static String environmentFunction(String subject, String empty, Function<String, String> pattern,
			String otherwise) {
		List<String> envs = GlobalOptions.ENVIRONMENTS.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
		StringBuilder b = new StringBuilder();
		b.append("# The environments (cache folder suffixes) that the line's --env value $1 may use: all without one.\n");
		b.append("_astra_environment() {\n  case ").append(subject).append(" in\n");
		b.append("    ").append(empty).append(") echo ").append(String.join(" ", envs)).append(" ;;\n");
		for (String env : envs) {
			b.append("    ").append(pattern.apply(env)).append(") echo ").append(env).append(" ;;\n");
		}
		b.append("    ").append(otherwise).append("\n  esac\n}\n\n");
		return b.toString();
	}

	/** The model both scripts are written from. */
	static final class Tables {

		/** Where the values of every kind an option or argument takes come from, by kind name. */
		final Map<ValueKind, String> sources = new TreeMap<>(Comparator.comparing(ValueKind::name));

		/** The kinds with a fixed list of values. */
		final TreeSet<ValueKind> choices = new TreeSet<>(Comparator.comparing(ValueKind::name));

		/** Each visible command by its name and by each alias. */
		final Map<String, AstraCommand> byName = new TreeMap<>();

		/** The words that may follow each command prefix ("" = the first word), with their descriptions. */
		final Map<String, Map<String, String>> next = new TreeMap<>();

		/** Every command name and every start of one ("user", "user get"). */
		final TreeSet<String> prefixes = new TreeSet<>();

		/** The kind of each positional argument, by "command index" ("command *" for the rest of a variadic one). */
		final Map<String, ValueKind> arguments = new LinkedHashMap<>();

		/** The names of the options that take a value, by the kind of that value. */
		final Map<ValueKind, TreeSet<String>> optionKinds = new TreeMap<>(Comparator.comparing(ValueKind::name));

		Tables(List<AstraCommand> commands, ServerValues values) {
			for (AstraCommand c : commands) {
				if (!c.isHidden()) {
					byName.put(c.getName(), c);
					for (String alias : c.getAliases()) {
						byName.put(alias, c);
					}
				}
			}
			for (Map.Entry<String, AstraCommand> e : byName.entrySet()) {
				String[] parts = e.getKey().split(" ");
				for (int i = 0; i < parts.length; i++) {
					String prefix = String.join(" ", Arrays.copyOfRange(parts, 0, i));
					String description = i == parts.length - 1 ? e.getValue().getDescription() : "sub-commands";
					Map<String, String> words = next.computeIfAbsent(prefix, k -> new TreeMap<>());
					if (!words.containsKey(parts[i]) || i == parts.length - 1) {
						words.put(parts[i], description);
					}
					prefixes.add(String.join(" ", Arrays.copyOfRange(parts, 0, i + 1)));
				}
				List<ArgumentSpec> args = e.getValue().arguments();
				for (int i = 0; i < args.size(); i++) {
					kind(args.get(i).valueKind(), values, "<" + args.get(i).label() + "> of " + e.getKey());
					arguments.put(e.getKey() + " " + i, args.get(i).valueKind());
					if (args.get(i).variadic()) {
						arguments.put(e.getKey() + " *", args.get(i).valueKind());
					}
				}
				for (OptionSpec o : e.getValue().allOptions()) {
					if (!o.isFlag()) {
						kind(o.valueKind(), values, "option --" + o.longName() + " of " + e.getKey());
						TreeSet<String> names = optionKinds.computeIfAbsent(o.valueKind(), k -> new TreeSet<>());
						names.add("--" + o.longName());
						if (o.shortName() != null) {
							names.add("-" + o.shortName());
						}
					}
				}
			}
		}

		/**
		 * Records where a kind's values come from; a kind nothing provides, or two kinds of one name,
		 * stop the script's generation (a Tab that would silently complete nothing).
		 */
		private void kind(ValueKind kind, ServerValues values, String where) {
			ServerValues.Source source = values.sourceOf(kind);
			if (source == null) {
				throw new IllegalStateException("Nothing provides the values of kind " + kind + " (" + where + ").");
			}
			for (ValueKind known : sources.keySet()) {
				if (known.name().equals(kind.name()) && !known.equals(kind)) {
					throw new IllegalStateException("Two value kinds are named " + kind + " (" + where + ").");
				}
			}
			sources.put(kind, switch (source) {
				case CHOICES -> "choices";
				case SERVER -> "cached";
				case PROFILES -> "profiles";
				case COMMANDS -> "commands";
				case FILES -> "files";
				case NONE -> "none";
			});
			if (source == ServerValues.Source.CHOICES) {
				choices.add(kind);
			}
		}

		/** The names of options ({@code --long}, {@code -short}) with their descriptions, in spec order. */
		static Map<String, String> options(List<OptionSpec> options) {
			Map<String, String> out = new LinkedHashMap<>();
			List<OptionSpec> all = new ArrayList<>(options);
			if (all.stream().anyMatch(o -> GlobalOptions.ALL.contains(o))) {
				all.add(GlobalOptions.HELP);
			}
			boolean own = all.stream().noneMatch(o -> GlobalOptions.ALL.contains(o));
			for (OptionSpec o : all) {
				String description = o.description() == null ? "" : o.description();
				// a command's own short form of a global option: the global list has its long name
				if (!own || !GlobalOptions.isGlobal(o.longName())) {
					out.put("--" + o.longName(), description);
				}
				if (o.shortName() != null) {
					out.put("-" + o.shortName(), description);
				}
			}
			return out;
		}

	}

	// ---- quoting

	/** Words as one bash {@code $'...'} string, one a line. */
	private static String ansiC(Iterable<String> words) {
		StringBuilder b = new StringBuilder("$'");
		for (String w : words) {
			if (b.length() > 2) {
				b.append("\\n");
			}
			b.append(w.replace("\\", "\\\\").replace("'", "\\'"));
		}
		return b.append('\'').toString();
	}

	/** A case pattern of bash for an argument key ("help 0", or "help *" for the rest). */
	private static String bashCasePattern(String key) {
		return key.endsWith(" *") ? "\"" + key.substring(0, key.length() - 1) + "\"*" : "\"" + key + "\"";
	}

	/** A word in zsh single quotes. */
	private static String zq(String s) {
		return "'" + s.replace("'", "'\\''") + "'";
	}

	/** {@code _describe} entries: {@code 'word:description'}, the backslashes and colons of the word escaped. */
	private static String described(Map<String, String> words) {
		List<String> out = new ArrayList<>();
		for (Map.Entry<String, String> e : words.entrySet()) {
			String description = e.getValue().replaceAll("\\s+", " ").strip();
			out.add(zq(e.getKey().replace("\\", "\\\\").replace(":", "\\:") + ":" + description));
		}
		return String.join(" ", out);
	}

	private static String template(String name) {
		try (InputStream in = CompletionScripts.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The completion script " + name + " is missing from the jar.");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
