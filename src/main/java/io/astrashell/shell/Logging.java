package io.astrashell.shell;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.astrashell.cli.Secrets;

/**
 * Logging through {@code java.util.logging}: quiet by default, with {@code -v} the shell's own
 * debug lines (requests, connections) on standard error, one line each, secrets redacted.
 */
public final class Logging {

	private static volatile boolean verbose;

	private static volatile Handler handler;

	private Logging() {
	}

	/** Called once at start: only warnings and errors of libraries, none of the JDK's chatter. */
	public static void init() {
		LogManager.getLogManager().reset();
		Logger root = Logger.getLogger("");
		root.setLevel(Level.WARNING);
		Handler h = new StderrHandler();
		h.setFormatter(new OneLine());
		h.setLevel(Level.ALL);
		root.addHandler(h);
		handler = h;
		Logger.getLogger("org.jline").setLevel(Level.SEVERE);
	}

	/** Turns the shell's debug lines on or off. */
	public static void verbose(boolean on) {
		if (on == verbose) {
			return;
		}
		verbose = on;
		Logger.getLogger("io.astrashell").setLevel(on ? Level.FINE : Level.WARNING);
	}

	public static boolean isVerbose() {
		return verbose;
	}

	/** Writes to the current {@code System.err} (tests replace it). */
	private static final class StderrHandler extends Handler {

		@Override
		public void publish(LogRecord record) {
			if (isLoggable(record)) {
				PrintStream err = System.err;
				err.print(getFormatter().format(record));
				err.flush();
			}
		}

		@Override
		public void flush() {
			System.err.flush();
		}

		@Override
		public void close() {
		}

	}

	private static final class OneLine extends Formatter {

		@Override
		public String format(LogRecord record) {
			String name = record.getLoggerName() == null ? "" : record.getLoggerName();
			String shortName = name.substring(name.lastIndexOf('.') + 1);
			String message = formatMessage(record);
			StringBuilder b = new StringBuilder();
			b.append(record.getLevel().intValue() <= Level.FINE.intValue() ? "[DEBUG] " : "[" + record.getLevel() + "] ")
				.append(shortName).append(": ").append(Secrets.redact(message)).append(System.lineSeparator());
			if (record.getThrown() != null && verbose) {
				b.append(Secrets.redact(record.getThrown().toString())).append(System.lineSeparator());
			}
			return b.toString();
		}

	}

	static Handler handler() {
		return handler;
	}


}
