package io.astrashell.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandLine;
import io.astrashell.output.Level;
import io.astrashell.output.Renderer;
import io.astrashell.session.Session;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Decides between the prompt and a one-shot run. {@code astra} alone, or with global options only
 * ({@code astra --env local}), opens the prompt with those options as the session's; anything else
 * runs one command, each command-line argument kept as one word, and exits with its code.
 */
public final class ShellRunner implements ApplicationRunner, ExitCodeGenerator {

	private final Dispatcher dispatcher;

	private final Session session;

	private final ObjectProvider<Prompt> prompt;

	private final ProcessIo io;

	private int exitCode;

	public ShellRunner(Dispatcher dispatcher, Session session, ObjectProvider<Prompt> prompt, ProcessIo io) {
		this.dispatcher = dispatcher;
		this.session = session;
		this.prompt = prompt;
		this.io = io;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		String training = System.getProperty("astra.train");
		if (training != null) {
			exitCode = Training.run(dispatcher, session, "prompt".equals(training) ? prompt.getObject() : null);
			return;
		}
		List<String> words = io.args();
		CommandLine line;
		try {
			line = dispatcher.parser().parse(words);
		}
		catch (AstraError e) {
			exitCode = dispatcher.execute(words); // prints the parse error in the asked format
			return;
		}
		if (!line.hasCommand() && !line.helpRequested() && !io.stdinIsTerminal()) {
			// commands piped on standard input (astra < FILE) run as a script
			CommandLine script = dispatcher.parser().parse(concat(words, List.of("script", "-")));
			exitCode = oneShot(() -> dispatcher.execute(script));
		}
		else if (!line.hasCommand() && !line.helpRequested()) {
			session.useDefaults(line.globals());
			Logging.verbose(line.globals().isVerbose());
			exitCode = prompt.getObject().run(io.terminals());
		}
		else {
			exitCode = oneShot(() -> dispatcher.execute(line));
		}
	}

	/**
	 * Runs a one-shot command as a {@link Job}, as the prompt runs a line. In this process's own run
	 * (not a test's in-process one), Ctrl-C stops it as at the prompt and prints the same line:
	 * where a script stopped, what an apply had sent ({@link OneShotInterrupt}); exit 130.
	 */
	private int oneShot(Supplier<Integer> command) {
		Job job = new Job();
		OneShotInterrupt interrupt = OneShotInterrupt.install(job, this::reportStop, io.interrupts());
		int code = job.run(command);
		return interrupt == null ? code : interrupt.ended(code);
	}

	private void reportStop(String report) {
		Renderer renderer = dispatcher.renderer(session.defaults());
		PrintWriter err = dispatcher.console().err();
		if (io.stdinIsTerminal()) {
			err.println(); // after the ^C the terminal echoed
		}
		renderer.renderNoticeAlways(Level.WARN, report, err);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
