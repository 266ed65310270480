package io.astrashell.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

	public static ProcessIo system() {
		String stdinHint = System.getProperty("astra.stdin.tty");
		boolean stdinIsTerminal = stdinHint != null ? Boolean.parseBoolean(stdinHint) : System.console() != null;
		return new ProcessIo(System.in, System.out, System.err, System.getenv(), stdinIsTerminal,
				Console.stdoutIsTerminal(),
				() -> TerminalBuilder.builder().name("astra").system(true).nativeSignals(true).build());
	}

	public Console console() {
		return new Console(in, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
				new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true), stdoutIsTerminal);
	}

}
