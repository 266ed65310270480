package io.astrashell.shell;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the process was given: standard streams, environment variables, and whether standard output
 * is a terminal. {@link #system()} in production; tests pass their own to run the real shell
 * in-process.
 */
public record ProcessIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
		boolean stdoutIsTerminal) {

	public static ProcessIo system() {
		return new ProcessIo(System.in, System.out, System.err, System.getenv(), Console.stdoutIsTerminal());
	}

	public Console console() {
		return new Console(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
				new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true), stdoutIsTerminal);
	}

}
