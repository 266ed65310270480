package io.astrashell.command;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandGroup;
import io.astrashell.error.ExitCode;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;
import io.astrashell.output.Output;
import io.astrashell.shell.Console;
import io.astrashell.shell.ScriptRunner;
import org.springframework.stereotype.Component;

/** {@code script FILE}: run a saved command script in this JVM (also {@code astra script FILE} and {@code astra < FILE}). */
@Component
public final class ScriptCommands implements CommandGroup {

	static final String GROUP = "Shell";

	private final ObjectProvider<ScriptRunner> runner;

	private final Console console;

	/** The runner is looked up when a script runs: it needs the dispatcher, which needs these commands. */
	public ScriptCommands(ObjectProvider<ScriptRunner> runner, Console console) {
		this.runner = runner;
		this.console = console;
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(AstraCommand.named("script").group(GROUP)
			.description("Run the commands of a script file (- reads standard input)")
			.option(OptionSpec.flag("continue-on-error", null,
					"Run every line even after one fails (the exit code is the first failure's)"))
			.option(OptionSpec.flag("dry-run", null,
					"Check every line (commands, options, emails, roles, files) and change nothing"))
			.argument(ArgumentSpec.required("FILE", "The script, or - for standard input", ValueKind.FILE))
					.json(JsonShape.none("each line of the script prints its own document"))
					.handler(this::run));
	}

	private Output run(Invocation in) {
		int code = runner.getObject().runFile(in.argument(0),
				new ScriptRunner.Options(in.flag("continue-on-error"), in.flag("dry-run")), in.globals(), console.in());
		if (code != 0) {
			throw AstraError.reported(ExitCode.of(code).kind(), "the script failed");
		}
		return Output.silent("script " + in.argument(0));
	}

}
