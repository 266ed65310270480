package io.astrashell.shell;

import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.api.ApiException;
import io.astrashell.api.CallInterrupted;
import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandLine;
import io.astrashell.cli.CommandLineParser;
import io.astrashell.error.ExitCode;
import io.astrashell.cli.Globals;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.DryRun;
import io.astrashell.cli.Secrets;
import io.astrashell.output.Level;
import io.astrashell.output.Output;
import io.astrashell.output.OutputFormat;
import io.astrashell.output.Renderer;
import io.astrashell.output.SafeText;
import io.astrashell.output.Style;
import io.astrashell.session.Session;

/**
 * Runs one command line, whichever way it came (one-shot arguments, the prompt, a script): parse,
 * fill the session's defaults, run, render, and return the exit code. Every failure ends here as one
 * line ({@code [ERROR] ...} or the JSON error document) and its documented exit code; a stack trace
 * is printed only with {@code -v}.
 */
public final class Dispatcher {

	private final CommandLineParser parser;

	private final Session session;

	private final Console console;

	public Dispatcher(CommandLineParser parser, Session session, Console console) {
		this.parser = parser;
		this.session = session;
		this.console = console;
	}

	public CommandLineParser parser() {
		return parser;
	}

	Console console() {
		return console;
	}

	/** Parses and runs the words of one command; returns its exit code. */
	public int execute(List<String> words) {
		CommandLine line;
		try {
			line = parser.parse(words);
		}
		catch (AstraError e) {
			Globals guess = guessGlobals(words).orElse(session.defaults());
			return fail(e.exitCode(), e.getMessage(), e, guess);
		}
		return execute(line);
	}

	public int execute(CommandLine line) {
		return execute(line, null);
	}

	/**
	 * Runs a parsed line; {@code location} ({@code FILE:LINE: the line}, or null) is printed with its
	 * error when it fails.
	 */
	public int execute(CommandLine line, String location) {
		Globals globals = globalsOf(line);
		Logging.verbose(globals.isVerbose());
		try {
			if (!line.hasCommand()) {
				if (line.helpRequested()) {
					return execute(parser.parse(List.of("help")));
				}
				return ExitCode.OK.code();
			}
			if (line.helpRequested()) {
				return print(Output.text(line.command().getName(), line.command().getHelp()), globals, location);
			}
			Logging.debug("shell", () -> "run: astra " + String.join(" ", Secrets.redactWords(words(line))));
			Invocation invocation = line.toInvocation().withGlobals(globals);
			Output output = line.command().run(invocation);
			return print(output, globals, location);
		}
		catch (AstraError e) {
			if (e.isReported()) {
				return e.exitCode().code();
			}
			if (isInterruption(e)) {
				return interrupted(e, globals, location);
			}
			return fail(e.exitCode(), e.getMessage(), e, globals, location);
		}
		catch (ApiException e) {
			if (isInterruption(e)) {
				return interrupted(e, globals, location);
			}
			return fail(ExitCode.INTERNAL_ERROR, "The Astra DevOps API call failed: " + e.getMessage(), e, globals,
					location);
		}
		catch (OutOfMemoryError e) { // what held the memory is unreachable once the stack is unwound
			return fail(ExitCode.INTERNAL_ERROR, "Not enough memory to finish the command (" + e.getMessage()
					+ "): give the JVM more with ASTRA_JAVA_OPTS=-Xmx1g.", e, globals, location);
		}
		catch (Exception | StackOverflowError e) {
			if (isInterruption(e)) {
				return interrupted(e, globals, location);
			}
			return fail(ExitCode.INTERNAL_ERROR, "Unexpected error: " + e.getClass().getSimpleName()
					+ (e.getMessage() == null ? "" : ": " + e.getMessage())
					+ (globals.isVerbose() ? "" : ". Run the command again with -v for details."), e, globals, location);
		}
		finally {
			Logging.verbose(session.defaults().isVerbose());
		}
	}

	/**
	 * The global options of a line: output settings fall back to the session's; connection options
	 * stay the line's own, for the session to apply to this command alone.
	 */
	private Globals globalsOf(CommandLine line) {
		return line.globals().orElse(session.defaults().outputOnly());
	}

	private static List<String> words(CommandLine line) {
		List<String> w = new ArrayList<>(List.of(line.command().getName().split(" ")));
		line.options().forEach((k, values) -> values.forEach(v -> {
			w.add("--" + k);
			w.add(v);
		}));
		w.addAll(line.arguments());
		return w;
	}

	/**
	 * Ctrl-C at the prompt (the worker thread interrupted, its job abandoned), or an interrupted
	 * request: one line, whatever the exception that carried it. Not a time-out, which is a
	 * {@link java.net.SocketTimeoutException} and reported as one.
	 */
	static boolean isInterruption(Throwable e) {
		if (Job.stopRequested()) {
			return true;
		}
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof InterruptedException || t instanceof CallInterrupted
					|| t instanceof ClosedByInterruptException
					|| (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	private int interrupted(Throwable e, Globals globals, String location) {
		Thread.currentThread().interrupt(); // keep the flag: a script checks it before its next line
		return fail(ExitCode.INTERRUPTED,
				"Interrupted: the command was stopped (a change it already sent may still apply).", e, globals, location);
	}

	/**
	 * Prints a command's output. Output that cannot be written (a full disk, a closed or broken
	 * standard output) is an error: one line on standard error and exit 100, never a silent success.
	 */
	private int print(Output output, Globals globals, String location) throws Exception {
		long failures = console.outputFailures();
		renderer(globals).render(output, console.out(), console.err());
		console.out().flush();
		if (console.outputFailures() != failures) {
			String message = "Cannot write the output: " + console.lastOutputFailure() + "."
					+ (output.extras().ifNotShown() == null ? "" : " " + output.extras().ifNotShown());
			// on standard error whatever the format: standard output is what failed
			if (location != null) {
				console.err().println(location);
			}
			new Renderer(OutputFormat.HUMAN, renderer(globals).style()).renderError(ExitCode.INTERNAL_ERROR.name(),
					Secrets.redact(message), console.out(), console.err());
			return ExitCode.INTERNAL_ERROR.code();
		}
		if (output.extras().afterPrint() != null) {
			output.extras().afterPrint().run();
		}
		return output.extras().exitCode();
	}

	public Renderer renderer(Globals globals) {
		boolean color = !globals.isNoColor() && globals.format() == OutputFormat.HUMAN
				&& console.colorByDefault();
		return new Renderer(globals.format(), new Style(color));
	}

	/**
	 * Checks a parsed line without running it (a dry run): its command's own checks, no request that
	 * changes anything. Returns the exit code the line would fail with, or 0.
	 */
	public int check(CommandLine line, DryRun dryRun, String location) {
		Globals globals = globalsOf(line);
		try {
			if (!line.helpRequested()) {
				line.command().check(line.toInvocation().withGlobals(globals), dryRun);
			}
			return ExitCode.OK.code();
		}
		catch (AstraError e) {
			return fail(e.exitCode(), e.getMessage(), e, globals, location);
		}
		catch (Exception e) {
			return fail(ExitCode.INTERNAL_ERROR, "Cannot check the line: " + e, e, globals, location);
		}
	}

	/** Prints a failure outside a command (the prompt's start) as a command's; returns its exit code. */
	public int report(AstraError e) {
		return fail(e.exitCode(), e.getMessage(), e, session.defaults());
	}

	private int fail(ExitCode code, String message, Throwable cause, Globals globals) {
		return fail(code, message, cause, globals, null);
	}

	private int fail(ExitCode code, String message, Throwable cause, Globals globals, String location) {
		String safe = Secrets.redact(message);
		Renderer renderer = renderer(globals);
		if (code == ExitCode.CANCELLED && renderer.format() != OutputFormat.JSON) {
			// told no at a question: not an error, but not done either
			renderer.renderNoticeAlways(Level.INFO, safe, console.err());
			return code.code();
		}
		if (location != null) {
			if (renderer.format() == OutputFormat.JSON) {
				safe = location + ": " + safe;
			}
			else {
				console.err().println(location);
			}
		}
		renderer.renderError(code.name(), safe, console.out(), console.err());
		if (globals.isVerbose() && cause != null) {
			StringWriter trace = new StringWriter();
			cause.printStackTrace(new PrintWriter(trace));
			console.err().print(SafeText.replaceKeepingLines(Secrets.redact(trace.toString())));
			console.err().flush();
		}
		return code.code();
	}

	/**
	 * The output options of words that did not parse, read as the parser reads global options, so that
	 * even a parse error honours {@code -o json}.
	 */
	private static Globals guessGlobals(List<String> words) {
		return CommandLineParser.scan(null, words).globals().outputOnly();
	}

}
