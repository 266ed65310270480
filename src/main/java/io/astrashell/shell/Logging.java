package io.astrashell.shell;

import java.io.PrintStream;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.astrashell.api.Trace;
import io.astrashell.cli.Secrets;
import io.astrashell.output.SafeText;

/**
 * The shell's debug lines: off by default, on with {@code -v}, one line each on standard error,
 * secrets redacted. No logging framework is started on the way: a one-shot command pays nothing for
 * logging it does not do. Spring's own warnings and errors are debug lines too, under {@code -v}
 * ({@link ShellLogFactory}); its failures reach the user as exceptions, with
 * a stack trace under {@code -v}.
 */
public final class Logging {

	/**
	 * Where one run's debug lines go and whether they are on. Each run (the process's, a test's
	 * in-process one, a call a resident session serves) has its own, which the threads it starts
	 * inherit, so that two runs in one JVM never write into each other's standard error.
	 */
	private static final class Sink {

		final PrintStream out;

		volatile boolean verbose;

		Sink(PrintStream out) {
			this.out = out;
		}

	}

	private static final Sink DEFAULT = new Sink(System.err);

	private static final InheritableThreadLocal<Sink> CURRENT = new InheritableThreadLocal<>();

	/** Held so that the level set on it is not lost when the logger is collected. */
	private static Logger jline;

	private Logging() {
	}

	private static Sink sink() {
		Sink s = CURRENT.get();
		return s == null ? DEFAULT : s;
	}

	/**
	 * Called first thing by a run: its debug lines go to {@code err} (on this thread and those it
	 * starts from now on), and so do Spring's warnings under {@code -v} (commons-logging's factory is
	 * {@link ShellLogFactory}). A thread already writing to {@code err} keeps its sink, which the
	 * threads it started share (the process's warm-up thread).
	 */
	public static void init(PrintStream err) {
		if (sink().out != err) {
			CURRENT.set(new Sink(err));
		}
		ShellLogFactory.install();
	}

	public static void verbose(boolean on) {
		sink().verbose = on;
	}

	public static boolean isVerbose() {
		return sink().verbose;
	}

	public static void debug(String source, Supplier<String> message) {
		Sink s = sink();
		if (s.verbose) {
			String line = "[DEBUG] " + source + ": " + SafeText.replace(Secrets.redact(message.get()));
			synchronized (Job.OUTPUT_LOCK) {
				if (!Job.muted()) { // nothing of a command abandoned at the prompt shows
					s.out.println(line);
					s.out.flush();
				}
			}
		}
	}

	/** A {@link Trace} writing debug lines under the name {@code source}. */
	public static Trace trace(String source) {
		return message -> debug(source, message);
	}

	/** JLine reports through java.util.logging; keep its warnings off the prompt. */
	static void quietJline() {
		jline = Logger.getLogger("org.jline");
		jline.setLevel(Level.SEVERE);
	}

}
