package io.astrashell.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What the launcher ({@code ./astra}) must know of the grammar before the JVM starts: which global
 * options take a value, so that it can tell {@code astra --env local} (the prompt) from
 * {@code astra org} (one command) and start the right mode. Written from {@link GlobalOptions} when
 * the launcher extracts the jar, into {@code target/launch/grammar.sh}, which it sources (no process
 * on its fast path): a new global option is declared in {@link GlobalOptions} alone.
 */
public final class LaunchGrammar {

	private LaunchGrammar() {
	}

	/** Prints the file. */
	public static void main(String[] args) {
		System.out.print(script());
	}

	/** A POSIX sh function, {@code astra_takes_value WORD}: true when WORD names a global option with a value. */
	public static String script() {
		List<String> names = new ArrayList<>();
		for (OptionSpec o : GlobalOptions.ALL) {
			if (!o.isFlag()) {
				if (o.shortName() != null) {
					names.add("-" + o.shortName());
				}
				names.add("--" + o.longName());
			}
		}
		for (String n : names) {
			if (!n.matches("-{1,2}[a-z][a-z0-9-]*")) {
				throw new IllegalStateException("An option name the launcher cannot match: " + n);
			}
		}
		return "# Written by io.astrashell.cli.LaunchGrammar from the command model (GlobalOptions) when the\n"
				+ "# launcher extracts the jar; the launcher sources it. Do not edit.\n"
				+ "# astra_takes_value WORD: whether WORD names a global option that takes a value.\n"
				+ "astra_takes_value() {\n  case $1 in\n    " + String.join("|", names)
				+ ") return 0 ;;\n  esac\n  return 1\n}\n";
	}

}
