package io.astrashell.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;

/**
 * The shell-completion scripts of {@code astra completion bash|zsh}: commands and options from the
 * command specs, server values from the on-disk completion cache ({@code ~/.astra/completion}), so
 * that no JVM starts on a Tab. zsh runs the bash function through {@code bashcompinit}.
 */
public final class CompletionScripts {

	private CompletionScripts() {
	}

	public static String bash(List<AstraCommand> commands) {
		Map<String, AstraCommand> byName = new TreeMap<>();
		for (AstraCommand c : commands) {
			if (!c.isHidden()) {
				byName.put(c.getName(), c);
				for (String alias : c.getAliases()) {
					byName.put(alias, c);
				}
			}
		}
		// the next words after each command prefix ("" = the first word)
		Map<String, TreeSet<String>> next = new TreeMap<>();
		TreeSet<String> valueOptions = new TreeSet<>();
		for (String name : byName.keySet()) {
			String[] parts = name.split(" ");
			for (int i = 0; i < parts.length; i++) {
				String prefix = String.join(" ", java.util.Arrays.copyOfRange(parts, 0, i));
				next.computeIfAbsent(prefix, k -> new TreeSet<>()).add(parts[i]);
			}
		}
		StringBuilder b = new StringBuilder();
		b.append("""
				# bash completion for astra shell. Install one of:
				#   source <(astra completion bash)                                   (this shell)
				#   astra completion bash > ~/.local/share/bash-completion/completions/astra
				# Server values (emails, role names, client ids) come from the cache the shell keeps in
				# ${ASTRA_HOME:-~/.astra}/completion: no JVM starts on a Tab.

				_astra_cached() { # kind profile
				  local home="${ASTRA_HOME:-$HOME/.astra}" dir
				  for dir in "$home"/completion/profile-"$2"-*; do
				    [[ -f "$dir/$1.tsv" ]] && cut -f1 "$dir/$1.tsv"
				  done
				}

				_astra_profiles() {
				  local rc="${ASTRARC:-$HOME/.astrarc}"
				  [[ -f "$rc" ]] && sed -n 's/^[[:space:]]*\\[\\(.*\\)\\][[:space:]]*$/\\1/p' "$rc"
				}

				_astra_reply() { # words...: sets COMPREPLY to those starting with $cur, quoted for the line
				  local IFS=$'\\n' w
				  COMPREPLY=()
				  for w in "$@"; do
				    [[ "${w,,}" == "${cur,,}"* ]] && COMPREPLY+=("$(printf '%q' "$w")")
				  done
				}

				_astra() {
				  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
				  local profile=default cmd="" i w expect=0 args=0
				  for ((i = 1; i < COMP_CWORD; i++)); do
				    w="${COMP_WORDS[i]}"
				    if ((expect)); then expect=0; continue; fi
				    case "$w" in
				      -conf|--config) profile="${COMP_WORDS[i+1]}"; expect=1 ;;
				""");
		for (AstraCommand c : commands) {
			for (OptionSpec o : c.allOptions()) {
				if (!o.isFlag()) {
					valueOptions.add("--" + o.longName());
					if (o.shortName() != null) {
						valueOptions.add("-" + o.shortName());
					}
				}
			}
		}
		valueOptions.remove("-conf");
		valueOptions.remove("--config");
		b.append("      ").append(String.join("|", valueOptions)).append(") expect=1 ;;\n");
		b.append("""
				      -*) ;;
				      *) if ((args == 0)) && _astra_is_command "${cmd:+$cmd }$w"; then
				           cmd="${cmd:+$cmd }$w"
				         else
				           args=$((args + 1))
				         fi ;;
				    esac
				  done
				  local IFS=$'\\n'
				  case "$prev" in
				""");
		b.append(valueCase(commands));
		b.append("""
				  esac
				  if [[ "$cur" == -* ]]; then
				    _astra_reply $(_astra_options "$cmd"); return
				  fi
				  local subs
				  subs="$(_astra_next "$cmd")"
				  if [[ -n "$subs" && $args -eq 0 ]]; then
				    _astra_reply $subs; return
				  fi
				  case "$(_astra_argument "$cmd" "$args")" in
				    USER) _astra_reply $(_astra_cached users "$profile") ;;
				    ROLE) _astra_reply $(_astra_cached roles "$profile") ;;
				    TOKEN_CLIENT_ID) _astra_reply $(_astra_cached tokens "$profile") ;;
				    PROFILE) _astra_reply $(_astra_profiles) ;;
				    COMMAND) _astra_reply $(_astra_next "") ;;
				    FILE) COMPREPLY=($(compgen -f -- "$cur")) ;;
				  esac
				}

				""");
		// the words that may follow a command prefix
		b.append("_astra_next() {\n  case \"$1\" in\n");
		for (Map.Entry<String, TreeSet<String>> e : next.entrySet()) {
			b.append("    \"").append(e.getKey()).append("\") printf '%s\\n' ").append(String.join(" ", e.getValue())).append(" ;;\n");
		}
		b.append("  esac\n}\n\n_astra_is_command() {\n  case \"$1\" in\n    ");
		TreeSet<String> prefixes = new TreeSet<>();
		for (String name : byName.keySet()) {
			String[] parts = name.split(" ");
			for (int i = 1; i <= parts.length; i++) {
				prefixes.add(String.join(" ", java.util.Arrays.copyOfRange(parts, 0, i)));
			}
		}
		List<String> quoted = new ArrayList<>();
		for (String p : prefixes) {
			quoted.add("\"" + p + "\"");
		}
		b.append(String.join("|", quoted)).append(") return 0 ;;\n  esac\n  return 1\n}\n\n");
		// options of each command
		b.append("_astra_options() {\n  case \"$1\" in\n");
		for (Map.Entry<String, AstraCommand> e : byName.entrySet()) {
			List<String> names = new ArrayList<>();
			for (OptionSpec o : e.getValue().allOptions()) {
				names.add("--" + o.longName());
				if (o.shortName() != null) {
					names.add("-" + o.shortName());
				}
			}
			b.append("    \"").append(e.getKey()).append("\") printf '%s\\n' ").append(String.join(" ", names)).append(" ;;\n");
		}
		b.append("    *) printf '%s\\n' --config-file -cf --config -conf --env --local-endpoint --output -o --no-color --token --verbose -v ;;\n");
		b.append("  esac\n}\n\n");
		// the kind of the positional argument at an index
		b.append("_astra_argument() {\n  case \"$1 $2\" in\n");
		for (Map.Entry<String, AstraCommand> e : byName.entrySet()) {
			List<ArgumentSpec> args = e.getValue().arguments();
			for (int i = 0; i < args.size(); i++) {
				b.append("    \"").append(e.getKey()).append(' ').append(i).append("\"")
					.append(args.get(i).variadic() ? "|\"" + e.getKey() + " \"*" : "")
					.append(") echo ").append(args.get(i).valueKind()).append(" ;;\n");
			}
		}
		b.append("  esac\n}\n\ncomplete -F _astra astra\n");
		return b.toString();
	}

	/** Completion of option values, by the option just typed. */
	private static String valueCase(List<AstraCommand> commands) {
		Map<ValueKind, TreeSet<String>> byKind = new TreeMap<>();
		for (AstraCommand c : commands) {
			for (OptionSpec o : c.allOptions()) {
				if (!o.isFlag()) {
					TreeSet<String> names = byKind.computeIfAbsent(o.valueKind(), k -> new TreeSet<>());
					names.add("--" + o.longName());
					if (o.shortName() != null) {
						names.add("-" + o.shortName());
					}
				}
			}
		}
		StringBuilder b = new StringBuilder();
		for (Map.Entry<ValueKind, TreeSet<String>> e : byKind.entrySet()) {
			String action = switch (e.getKey()) {
				case ROLE -> "_astra_reply $(_astra_cached roles \"$profile\"); return ;;";
				case USER -> "_astra_reply $(_astra_cached users \"$profile\"); return ;;";
				case TOKEN_CLIENT_ID -> "_astra_reply $(_astra_cached tokens \"$profile\"); return ;;";
				case PROFILE -> "_astra_reply $(_astra_profiles); return ;;";
				case ENVIRONMENT -> "_astra_reply PROD DEV TEST LOCAL; return ;;";
				case FORMAT -> "_astra_reply human json csv; return ;;";
				case FILE -> "COMPREPLY=($(compgen -f -- \"$cur\")); return ;;";
				default -> "COMPREPLY=(); return ;;";
			};
			b.append("    ").append(String.join("|", e.getValue())).append(") ").append(action).append('\n');
		}
		return b.toString();
	}

	public static String zsh(List<AstraCommand> commands) {
		return """
				# zsh completion for astra shell: the bash completion, through bashcompinit. Install:
				#   source <(astra completion zsh)          (add it to ~/.zshrc after compinit)
				autoload -U +X compinit && compinit
				autoload -U +X bashcompinit && bashcompinit
				""" + bash(commands);
	}

}
