package io.astrashell.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * What the process was given: standard streams, environment variables, whether standard output is
 * a terminal, and how to open the prompt's terminal. {@link #system()} in production; tests pass
 * their own to run the real shell in-process (a JLine terminal over pipes for the prompt).
 */
public record ProcessIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
		boolean stdinIsTerminal, boolean stdoutIsTerminal, TerminalFactory terminals) {

	/** Opens the terminal of the prompt. */
	@FunctionalInterface
	public interface TerminalFactory {

		Terminal open() throws IOException;

	}

	/**
	 * Whether these are the process's own streams (its {@link #system()} run), so that its signals
	 * are the shell's to handle; not for a test running the shell in its own JVM.
	 */
	public boolean isTheProcess() {
		return in == System.in && out == System.out && err == System.err;
	}

	public static ProcessIo system() {
		String stdinHint = System.getProperty("astra.stdin.tty");
		boolean stdinIsTerminal = stdinHint != null ? Boolean.parseBoolean(stdinHint) : System.console() != null;
		return new ProcessIo(System.in, System.out, System.err, System.getenv(), stdinIsTerminal,
				Console.stdoutIsTerminal(),
				() -> TerminalBuilder.builder().name("astra").system(true).nativeSignals(true).build());
	}

	/**
	 * The console of these streams. The process's own standard output is written through its file
	 * descriptor rather than {@code System.out}, which would swallow a write error (a full disk, a
	 * closed pipe) and with it the reason; one the launcher found closed ({@code -Dastra.stdout.closed})
	 * fails every write.
	 */
	public Console console() {
		OutputStream stdout = out;
		if (out == System.out) {
			stdout = Boolean.getBoolean("astra.stdout.closed") ? new ClosedOutput()
					: new FileOutputStream(FileDescriptor.out);
		}
		return new Console(in, stdout, err, stdinIsTerminal, stdoutIsTerminal);
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
