package io.astrashell.shell;

import java.io.PrintWriter;

import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;

/**
 * Where output goes: standard output for data, standard error for errors and notices. At the
 * prompt it also holds the terminal and the line reader (history, clear screen, reading a secret).
 */
public final class Console {

	private final java.io.InputStream in;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean stdoutIsTerminal;

	private volatile Terminal terminal;

	private volatile LineReader reader;

	private volatile boolean exitRequested;

	private final java.util.List<String> sessionCommands = new java.util.concurrent.CopyOnWriteArrayList<>();

	public Console(java.io.InputStream in, PrintWriter out, PrintWriter err, boolean stdoutIsTerminal) {
		this.in = in;
		this.out = out;
		this.err = err;
		this.stdoutIsTerminal = stdoutIsTerminal;
	}

	public PrintWriter out() {
		return out;
	}

	public PrintWriter err() {
		return err;
	}

	/** Whether colour may be used: standard output is a terminal. */
	public boolean isTerminal() {
		return stdoutIsTerminal || terminal != null;
	}

	public boolean isInteractive() {
		return reader != null;
	}

	public Terminal terminal() {
		return terminal;
	}

	public LineReader reader() {
		return reader;
	}

	void attach(Terminal terminal, LineReader reader) {
		this.terminal = terminal;
		this.reader = reader;
	}

	void detach() {
		this.terminal = null;
		this.reader = null;
	}

	/**
	 * Reads a secret without echoing it: at the prompt through the line reader, else from the
	 * process's console, else one line of standard input (so that {@code echo $T | astra setup} works).
	 * Null when there is nothing to read.
	 */
	public String readSecret(String prompt) throws java.io.IOException {
		LineReader r = reader;
		if (r != null) {
			try {
				return r.readLine(prompt, (char) 0);
			}
			catch (org.jline.reader.UserInterruptException | org.jline.reader.EndOfFileException e) {
				return null;
			}
		}
		java.io.Console c = System.console();
		if (in == System.in && c != null && stdoutIsTerminal) {
			char[] secret = c.readPassword("%s", prompt);
			return secret == null ? null : new String(secret);
		}
		// one line of standard input, decoded as UTF-8 whatever the locale
		java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
		int ch;
		while ((ch = in.read()) >= 0 && ch != '\n') {
			if (ch != '\r') {
				line.write(ch);
			}
		}
		return ch < 0 && line.size() == 0 ? null : line.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private volatile int scripts;

	/** Whether a script is running (its {@code config use} switches the session for the lines after). */
	public boolean isScripting() {
		return scripts > 0;
	}

	void enterScript() {
		scripts++;
	}

	void leaveScript() {
		scripts--;
	}

	/** Whether commands may switch the session: at the prompt, or in a script. */
	public boolean hasSession() {
		return isInteractive() || isScripting();
	}

	public java.io.InputStream in() {
		return in;
	}

	/** Records a line typed at the prompt (already redacted), for {@code history --save}. */
	public void recordCommand(String line) {
		sessionCommands.add(line);
	}

	/** The lines typed at this prompt session, in order, secrets redacted. */
	public java.util.List<String> sessionCommands() {
		return java.util.List.copyOf(sessionCommands);
	}

	/** Asks the prompt to end after the current command ({@code quit}). */
	public void requestExit() {
		exitRequested = true;
	}

	public boolean exitRequested() {
		return exitRequested;
	}

	/** Whether the process's standard output is a terminal (the launcher says so; else the JDK guesses). */
	public static boolean stdoutIsTerminal() {
		String hint = System.getProperty("astra.stdout.tty");
		if (hint != null) {
			return Boolean.parseBoolean(hint);
		}
		return System.console() != null && isTerminalConsole();
	}

	private static boolean isTerminalConsole() {
		try {
			// JDK 22 and later return a console even when redirected; ask it
			return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(System.console());
		}
		catch (ReflectiveOperationException e) {
			return true; // JDK 17 to 21: a console means a terminal on both ends
		}
	}

}
