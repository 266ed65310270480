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

	private static volatile boolean verbose;

	private static volatile PrintStream sink = System.err;

	/** Held so that the level set on it is not lost when the logger is collected. */
	private static Logger jline;

	private Logging() {
	}

	/**
	 * Called first thing: debug lines go to {@code err}, and so do Spring's warnings under
	 * {@code -v} (commons-logging's factory is {@link ShellLogFactory}).
	 */
	public static void init(PrintStream err) {
		sink = err;
		ShellLogFactory.install();
	}

	public static void verbose(boolean on) {
		verbose = on;
	}

	public static boolean isVerbose() {
		return verbose;
	}

	public static void debug(String source, Supplier<String> message) {
		if (verbose) {
			String line = "[DEBUG] " + source + ": " + SafeText.replace(Secrets.redact(message.get()));
			synchronized (Job.OUTPUT_LOCK) {
				if (!Job.muted()) { // nothing of a command abandoned at the prompt shows
					PrintStream out = sink;
					out.println(line);
					out.flush();
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
