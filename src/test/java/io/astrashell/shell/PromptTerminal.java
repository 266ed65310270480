package io.astrashell.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.astrashell.AstraShellApplication;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The real shell's prompt on a JLine terminal over pipes (an xterm of 120x40): type keys into it,
 * read the screen output with escape sequences removed, and get the exit code when it ends.
 */
final class PromptTerminal implements AutoCloseable {

	private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][A-Z0-9]|\u001B[=>]|\r");

	private final PipedOutputStream keys = new PipedOutputStream();

	private final Screen screen = new Screen();

	private final CompletableFuture<Integer> exit;

	/** Opens {@code astra <args>} with the prompt on the test terminal. */
	PromptTerminal(Map<String, String> env, String... args) throws IOException {
		PipedInputStream terminalIn = new PipedInputStream(keys, 64 * 1024);
		ProcessIo io = new ProcessIo(new ByteArrayInputStream(new byte[0]), new PrintStream(screen, true, StandardCharsets.UTF_8),
				new PrintStream(screen, true, StandardCharsets.UTF_8), env, true, true,
				() -> {
					// an external terminal reads the key bytes itself, Ctrl-C included, as a tty would
					ExternalTerminal t = new ExternalTerminal("test", "xterm-256color", terminalIn, screen,
							StandardCharsets.UTF_8);
					t.setAttributes(ttyDefaults());
					t.setSize(new Size(120, 40));
					return t;
				});
		exit = CompletableFuture.supplyAsync(() -> AstraShellApplication.run(args, io));
	}

	/** As a real tty starts: signals on, Ctrl-C interrupts, Ctrl-D ends input. */
	private static Attributes ttyDefaults() {
		Attributes a = new Attributes();
		a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
		a.setLocalFlag(Attributes.LocalFlag.ICANON, true);
		a.setLocalFlag(Attributes.LocalFlag.ECHO, true);
		a.setControlChar(Attributes.ControlChar.VINTR, 3);
		a.setControlChar(Attributes.ControlChar.VEOF, 4);
		a.setControlChar(Attributes.ControlChar.VERASE, 127);
		return a;
	}

	void type(String text) throws IOException {
		keys.write(text.getBytes(StandardCharsets.UTF_8));
		keys.flush();
	}

	/** Everything shown so far, escape sequences and carriage returns removed. */
	String screen() {
		return ANSI.matcher(screen.text()).replaceAll("");
	}

	/** Everything written to the terminal so far, as it was written: escape sequences and all. */
	String raw() {
		return screen.text();
	}

	/** Waits until the screen shows {@code text} {@code times} times in all. */
	String waitFor(String text, int times) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			String s = screen();
			if (count(s, text) >= times) {
				return s;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the screen never showed '" + text + "' " + times + " time(s):\n" + screen());
	}

	/** Types a line and waits for the next prompt {@code prompt} after it. */
	String run(String line, String prompt) throws Exception {
		int before = count(screen(), prompt);
		type(line + "\r");
		return waitFor(prompt, before + 1);
	}

	static int count(String haystack, String needle) {
		int n = 0;
		for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
			n++;
		}
		return n;
	}

	int exitCode() throws Exception {
		return exit.get(20, TimeUnit.SECONDS);
	}

	boolean ended() {
		return exit.isDone();
	}

	@Override
	public void close() throws IOException {
		keys.close();
	}

	/** A thread-safe growing record of the output. */
	static final class Screen extends OutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		@Override
		public synchronized void write(int b) {
			bytes.write(b);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
			bytes.write(b, off, len);
		}

		synchronized String text() {
			return bytes.toString(StandardCharsets.UTF_8);
		}

	}

}
