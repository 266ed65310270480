package io.astrashell.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import sun.misc.Signal;

/**
 * Everything one run of the shell reads of the process that started it: its arguments, standard
 * streams, environment variables, working folder, whether each standard stream is a terminal, the
 * terminal's width, how a secret is read with echo off, how Ctrl-C reaches a one-shot command, and
 * how to open the prompt's terminal. Nothing below the shell's entry reads {@code System.getenv},
 * {@code System.in}, {@code user.dir} or a signal of its own: it reads this. {@link #system(String[])}
 * builds it from the process (the cold start); a resident session ({@code io.astrashell.daemon})
 * builds one per served call from what its client sent; tests pass their own to run the real shell
 * in-process.
 *
 * @param args the command line's words, each argument one word, as given
 * @param out standard output as raw bytes: a failed write throws, with the system's reason
 * @param folder the working folder, absolute: relative paths the user gives are taken from it
 * @param columns the terminal's width in columns ({@code COLUMNS}), 0 when unknown
 * @param secrets reads a line with echo off on the terminal, or null when there is none to ask on
 * @param interrupts how Ctrl-C reaches a one-shot command ({@link Interrupts#NONE}: it does not)
 */
public record ProcessIo(List<String> args, InputStream in, OutputStream out, PrintStream err, Map<String, String> env,
		Path folder, boolean stdinIsTerminal, boolean stdoutIsTerminal, boolean stderrIsTerminal, int columns,
		TerminalFactory terminals, SecretInput secrets, Interrupts interrupts) {

	public ProcessIo {
		args = List.copyOf(args);
		folder = folder.toAbsolutePath();
	}

	/**
	 * Streams and environment of a test's in-process run: no arguments yet ({@link #withArgs}), this
	 * JVM's working folder, standard error not a terminal, no width, no echo-off reading, no Ctrl-C.
	 */
	public ProcessIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
			boolean stdinIsTerminal, boolean stdoutIsTerminal, TerminalFactory terminals) {
		this(List.of(), in, out, err, env, jvmFolder(), stdinIsTerminal, stdoutIsTerminal, false, 0, terminals, null,
				Interrupts.NONE);
	}

	/** Opens the terminal of the prompt. */
	@FunctionalInterface
	public interface TerminalFactory {

		Terminal open() throws IOException;

	}

	/** Reads one line from the terminal with echo off ({@code setup} asking for a token). */
	@FunctionalInterface
	public interface SecretInput {

		/** The line typed after {@code prompt}, or null at the end of input. */
		String read(String prompt) throws IOException;

	}

	/**
	 * How Ctrl-C reaches a one-shot command ({@link OneShotInterrupt}): the process's SIGINT, or a
	 * resident session's cancel from its client.
	 */
	public interface Interrupts {

		/** Ctrl-C never reaches the command (a test's in-process run). */
		Interrupts NONE = new Interrupts() {

			@Override
			public boolean listen(Runnable onInterrupt) {
				return false;
			}

			@Override
			public void endNow(int code) {
			}

			@Override
			public void halt(int code) {
			}

		};

		/**
		 * Calls {@code onInterrupt} on another thread at each Ctrl-C from now on; false when Ctrl-C is
		 * not this run's to handle (the JVM keeps it: {@code -Xrs}, or SIGINT ignored).
		 */
		boolean listen(Runnable onInterrupt);

		/**
		 * Ends the run at once with {@code code}: its command did not come back in time after Ctrl-C
		 * (its report has been printed). The process exits; a served call answers its client.
		 */
		void endNow(int code);

		/** Ends the run at once, without any more output: a second Ctrl-C. */
		void halt(int code);

	}

	/** This record with these command-line words. */
	public ProcessIo withArgs(String... words) {
		return new ProcessIo(List.of(words), in, out, err, env, folder, stdinIsTerminal, stdoutIsTerminal,
				stderrIsTerminal, columns, terminals, secrets, interrupts);
	}

	/**
	 * A path the user gave (an option, an argument, a setting), taken from the working folder: as it
	 * is when absolute, or when the folder is this JVM's own (a relative path then means the same, and
	 * messages keep naming it as given); else resolved against the folder.
	 */
	public Path resolve(Path path) {
		return path.isAbsolute() || folder.equals(jvmFolder()) ? path : folder.resolve(path);
	}

	/** The process's own: its arguments, streams, variables, folder and signals. */
	public static ProcessIo system(String[] args) {
		String stdinHint = System.getProperty("astra.stdin.tty");
		boolean stdinIsTerminal = stdinHint != null ? Boolean.parseBoolean(stdinHint) : System.console() != null;
		Map<String, String> env = System.getenv();
		return new ProcessIo(List.of(args), System.in, stdout(), System.err, env, jvmFolder(), stdinIsTerminal,
				Console.stdoutIsTerminal(), Boolean.getBoolean("astra.stderr.tty"), columns(env.get("COLUMNS")),
				() -> TerminalBuilder.builder().name("astra").system(true).nativeSignals(true).build(),
				systemSecrets(), new ProcessInterrupts());
	}

	/** The terminal width of a {@code COLUMNS} value, 0 when it is not a positive number. */
	public static int columns(String value) {
		try {
			return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	private static Path jvmFolder() {
		return Path.of(System.getProperty("user.dir")).toAbsolutePath();
	}

	/**
	 * The process's standard output, written through its file descriptor rather than
	 * {@code System.out}, which would swallow a write error (a full disk, a closed pipe) and with it
	 * the reason; one the launcher found closed ({@code -Dastra.stdout.closed}) fails every write.
	 */
	private static OutputStream stdout() {
		return Boolean.getBoolean("astra.stdout.closed") ? new ClosedOutput() : new FileOutputStream(FileDescriptor.out);
	}

	/** The process's console, echo off, when it has one; else null. */
	private static SecretInput systemSecrets() {
		java.io.Console c = System.console();
		if (c == null) {
			return null;
		}
		return prompt -> {
			char[] secret = c.readPassword("%s", prompt);
			return secret == null ? null : new String(secret);
		};
	}

	/** The console of these streams. */
	public Console console() {
		return new Console(in, out, err, stdinIsTerminal, stdoutIsTerminal, secrets, env.get("NO_COLOR"));
	}

	/** SIGINT of this process (sun.misc.Signal, hence a compiler warning). */
	private static final class ProcessInterrupts implements Interrupts {

		@Override
		public boolean listen(Runnable onInterrupt) {
			try {
				Signal.handle(new Signal("INT"), signal -> onInterrupt.run());
				return true;
			}
			catch (IllegalArgumentException | UnsupportedOperationException e) {
				Logging.debug("shell", () -> "Ctrl-C stays the JVM's: " + e.getMessage());
				return false;
			}
		}

		@Override
		public void endNow(int code) {
			System.exit(code); // its shutdown hooks run (a terminal's echo is restored)
		}

		@Override
		public void halt(int code) {
			Runtime.getRuntime().halt(code);
		}

	}

	/** Standard output that was closed when the shell started. */
	private static final class ClosedOutput extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			throw new IOException("standard output is closed");
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			throw new IOException("standard output is closed");
		}

	}

}
