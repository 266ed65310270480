package io.astrashell.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.astrashell.output.Style;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Where output goes: standard output for data, standard error for errors and notices. At the
 * prompt it also holds the terminal and the line reader (history, clear screen, reading a secret).
 *
 * <p>Both streams pass through the gate of the current {@link Job}: what an abandoned command writes
 * is dropped. Standard output also counts its write failures ({@link #outputFailures()}), so that
 * output that could not be written (a full disk, a closed stream) is an error, not a silent loss.
 */
public final class Console {

	private final InputStream in;

	private final CheckedOutput stdout;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean stdinIsTerminal;

	private final boolean stdoutIsTerminal;

	/** Reads a secret with echo off on the terminal of standard input, or null when there is none. */
	private final ProcessIo.SecretInput secrets;

	/** The {@code NO_COLOR} variable of the run, or null. */
	private final String noColor;

	private volatile Terminal terminal;

	private volatile LineReader reader;

	private volatile boolean exitRequested;

	private final List<String> sessionCommands = new CopyOnWriteArrayList<>();

	/** How many scripts run on this thread now (a prompt line runs on a worker thread of its own). */
	private final ThreadLocal<int[]> scripts = ThreadLocal.withInitial(() -> new int[1]);

	public Console(InputStream in, OutputStream out, OutputStream err, boolean stdinIsTerminal,
			boolean stdoutIsTerminal, ProcessIo.SecretInput secrets, String noColor) {
		this.in = in;
		this.stdout = new CheckedOutput(out);
		this.out = new PrintWriter(new GatedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)), true);
		this.err = new PrintWriter(new GatedWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8)), true);
		this.stdinIsTerminal = stdinIsTerminal;
		this.stdoutIsTerminal = stdoutIsTerminal;
		this.secrets = secrets;
		this.noColor = noColor;
	}

	public PrintWriter out() {
		return out;
	}

	public PrintWriter err() {
		return err;
	}

	/** How many writes to standard output have failed so far: compare before and after printing. */
	public long outputFailures() {
		return stdout.failures;
	}

	/** Why the last write to standard output failed, e.g. "No space left on device". */
	public String lastOutputFailure() {
		IOException e = stdout.last;
		return e == null ? "unknown error" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	/** Whether colour may be used: standard output is a terminal. */
	public boolean isTerminal() {
		return stdoutIsTerminal || terminal != null;
	}

	/** Whether colour is on unless {@code --no-color}: a terminal, and no {@code NO_COLOR} in the environment. */
	public boolean colorByDefault() {
		return Style.colorByDefault(isTerminal(), noColor);
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
	 * Whether a destructive command asks before acting: at the prompt, or when standard input and
	 * output are both a terminal; never inside a script (scripts and pipes keep working unattended).
	 */
	public boolean canAsk() {
		return !isScripting() && (isInteractive() || (stdinIsTerminal && stdoutIsTerminal));
	}

	/**
	 * Asks a yes/no question ({@code question} is followed by {@code [y/N]}): at the prompt through
	 * the line reader (the answer is kept out of the history), else on the terminal of standard
	 * input. Only {@code y} or {@code yes} (any case) is yes; anything else, Ctrl-C or Ctrl-D is no.
	 */
	public boolean confirm(String question) throws IOException {
		String text = question + " [y/N] ";
		String answer;
		LineReader r = reader;
		if (r != null) {
			try {
				answer = r.readLine(text, null, NOT_IN_HISTORY, null);
			}
			catch (UserInterruptException | EndOfFileException e) {
				answer = null;
			}
		}
		else {
			err.print(text);
			err.flush();
			answer = readLine();
			if (answer == null) {
				err.println();
				err.flush();
			}
		}
		if (answer == null) {
			return false;
		}
		String a = answer.strip();
		return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
	}

	/** Shows the answer as typed and keeps it out of the history. */
	private static final MaskingCallback NOT_IN_HISTORY = new MaskingCallback() {

		@Override
		public String display(String line) {
			return line;
		}

		@Override
		public String history(String line) {
			return null;
		}

	};

	/** One line of standard input, without its line end; null at its end. */
	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int ch;
		while ((ch = in.read()) >= 0 && ch != '\n') {
			if (ch != '\r') {
				line.write(ch);
			}
		}
		return ch < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Reads a secret without echoing it: at the prompt through the line reader, else on the terminal
	 * ({@link ProcessIo#secrets()}) when standard output is one too, else one line of standard input (so
	 * that {@code echo $T | astra setup} works).
	 * Null when there is nothing to read.
	 */
	public String readSecret(String prompt) throws IOException {
		LineReader r = reader;
		if (r != null) {
			try {
				return r.readLine(prompt, (char) 0);
			}
			catch (UserInterruptException | EndOfFileException e) {
				return null;
			}
		}
		if (secrets != null && stdoutIsTerminal) {
			return secrets.read(prompt);
		}
		return readLine();
	}

	/**
	 * Whether a script is running on this thread (its {@code config use} switches the session for the
	 * lines after; its destructive commands do not ask).
	 */
	public boolean isScripting() {
		return scripts.get()[0] > 0;
	}

	void enterScript() {
		scripts.get()[0]++;
	}

	void leaveScript() {
		scripts.get()[0]--;
	}

	/** Whether commands may switch the session: at the prompt, or in a script. */
	public boolean hasSession() {
		return isInteractive() || isScripting();
	}

	public InputStream in() {
		return in;
	}

	/** Records a line typed at the prompt (already redacted), for {@code history --save}. */
	public void recordCommand(String line) {
		sessionCommands.add(line);
	}

	/** The lines typed at this prompt session, in order, secrets redacted. */
	public List<String> sessionCommands() {
		return List.copyOf(sessionCommands);
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

	/**
	 * Drops what the thread of an abandoned {@link Job} writes; checking the gate and writing happen
	 * under one lock with closing it, so nothing gets through once the prompt has closed the gate.
	 */
	static final class GatedWriter extends Writer {

		private final Writer target;

		GatedWriter(Writer target) {
			super(Job.OUTPUT_LOCK);
			this.target = target;
		}

		@Override
		public void write(char[] chars, int off, int len) throws IOException {
			synchronized (Job.OUTPUT_LOCK) {
				if (!Job.muted()) {
					target.write(chars, off, len);
				}
			}
		}

		@Override
		public void write(String s, int off, int len) throws IOException {
			synchronized (Job.OUTPUT_LOCK) {
				if (!Job.muted()) {
					target.write(s, off, len);
				}
			}
		}

		@Override
		public void flush() throws IOException {
			synchronized (Job.OUTPUT_LOCK) {
				if (!Job.muted()) {
					target.flush();
				}
			}
		}

		@Override
		public void close() throws IOException {
			target.close();
		}

	}

	/**
	 * Standard output as written, counting the writes that fail. A {@link PrintStream} (what tests
	 * pass) swallows its errors: it is asked after each write.
	 */
	static final class CheckedOutput extends OutputStream {

		private final OutputStream target;

		private volatile long failures;

		private volatile IOException last;

		CheckedOutput(OutputStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			try {
				target.write(b, off, len);
			}
			catch (IOException e) {
				throw failed(e);
			}
			checkPrintStream();
		}

		@Override
		public void flush() throws IOException {
			try {
				target.flush();
			}
			catch (IOException e) {
				throw failed(e);
			}
			checkPrintStream();
		}

		private void checkPrintStream() throws IOException {
			if (target instanceof PrintStream p && p.checkError()) {
				throw failed(new IOException("the output stream reported an error"));
			}
		}

		private IOException failed(IOException e) {
			last = e;
			failures++;
			return e;
		}

	}

}
