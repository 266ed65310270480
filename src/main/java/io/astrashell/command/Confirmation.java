package io.astrashell.command;

import java.io.IOException;

import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.OptionSpec;
import io.astrashell.output.Renderer;
import io.astrashell.shell.Console;

/**
 * The question a destructive command ({@code user delete}, {@code role delete}, {@code token delete},
 * {@code config delete}) asks before acting, naming what will go: at the prompt, and when standard
 * input and output are a terminal. Never in a script, a pipe or CI, so that they keep working
 * unattended; {@code -y}/{@code --yes} skips it. It is asked once the target is found (a target that
 * is not there fails without a question) and before anything is changed. Anything but {@code y} or
 * {@code yes} cancels: nothing changes, and the exit code is 1 ({@link ExitCode#CANCELLED}).
 */
final class Confirmation {

	static final OptionSpec YES = OptionSpec.flag("yes", "y",
			"Do not ask for confirmation (asked only at the prompt or in a terminal, never in a script)");

	private Confirmation() {
	}

	/** Whether this run of the command asks: a terminal or the prompt, outside a script, without --yes. */
	static boolean wanted(Console console, Invocation in) {
		return !in.flag("yes") && console.canAsk();
	}

	/**
	 * Asks {@code question} ({@code Delete user 'x'?}); anything but yes throws the cancellation,
	 * {@code Cancelled: <what> was not deleted.}
	 */
	static void ask(Console console, String question, String what) {
		boolean yes;
		try {
			yes = console.confirm(Renderer.clean(question));
		}
		catch (IOException e) {
			yes = false;
		}
		if (!yes) {
			throw new AstraError(AstraError.Kind.CANCELLED, "Cancelled: " + what + " was not deleted.");
		}
	}

}
