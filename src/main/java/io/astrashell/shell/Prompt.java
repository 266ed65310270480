package io.astrashell.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.astrashell.api.Urls;
import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import io.astrashell.cli.Words;
import io.astrashell.completion.QuotingParser;
import io.astrashell.completion.ServerValueCache;
import io.astrashell.output.Level;
import io.astrashell.output.Renderer;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The {@code astra>} prompt: a read-eval loop over JLine. Each line goes to the same
 * {@link Dispatcher} as a one-shot command. An error prints its message and the prompt stays;
 * Ctrl-C clears the line (or abandons a running command), Ctrl-D or {@code quit} ends the session.
 */
public final class Prompt {

	private final Dispatcher dispatcher;

	private final Console console;

	private final Session session;

	private final AstraPrompt promptText;

	private final Completer completer;

	private final ServerValueCache cache;

	private final String version;

	private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "astra-command");
		t.setDaemon(true);
		return t;
	});

	private volatile Future<Integer> running;

	private volatile Job runningJob;

	private int lastExitCode;

	public Prompt(Dispatcher dispatcher, Console console, Session session, AstraPrompt promptText,
			Completer completer, ServerValueCache cache, String version) {
		this.dispatcher = dispatcher;
		this.console = console;
		this.session = session;
		this.promptText = promptText;
		this.completer = completer;
		this.cache = cache;
		this.version = version;
	}

	/** Opens the prompt on a terminal of {@code terminals}; returns 0 when the session ends. */
	public int run(ProcessIo.TerminalFactory terminals) throws IOException {
		Logging.quietJline();
		try (Terminal terminal = terminals.open()) {
			return run(terminal);
		}
	}

	/** Runs the prompt on the given terminal until Ctrl-D or {@code quit}; returns 0. */
	public int run(Terminal terminal) {
		QuotingParser parser = new QuotingParser();
		RedactingHistory history = new RedactingHistory();
		LineReader reader = LineReaderBuilder.builder()
			.terminal(terminal)
			.appName("astra")
			.parser(parser)
			.completer(completer)
			.history(history)
			.variable(LineReader.HISTORY_SIZE, 1000)
			.variable(LineReader.HISTORY_FILE_SIZE, 5000)
			.option(LineReader.Option.INSERT_TAB, false)
			.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
			.option(LineReader.Option.AUTO_FRESH_LINE, true)
			.option(LineReader.Option.CASE_INSENSITIVE, true)
			.build();
		Path historyFile = session.home().resolve("history");
		try {
			history.attachTo(reader, historyFile);
		}
		catch (AstraError e) {
			return dispatcher.report(e); // a history file that is not a file: the prompt does not open (exit 9)
		}
		console.attach(terminal, reader);
		terminal.handle(Terminal.Signal.INT, signal -> interruptRunning());
		try {
			greet();
			while (!console.exitRequested()) {
				String line;
				try {
					line = reader.readLine(promptText.getPrompt().toAnsi(terminal));
				}
				catch (UserInterruptException e) {
					continue; // Ctrl-C: the line is cleared, the prompt stays
				}
				catch (EndOfFileException e) {
					break; // Ctrl-D
				}
				if (line == null || line.isBlank()) {
					continue;
				}
				console.recordCommand(RedactingHistory.redactLine(line.strip()));
				runLine(line);
				warmCompletion();
			}
			return 0;
		}
		finally {
			try {
				history.save();
			}
			catch (IOException e) {
				Logging.debug("prompt", () -> "history not saved: " + e);
			}
			console.detach();
			workers.shutdownNow();
		}
	}

	private void greet() {
		Renderer r = dispatcher.renderer(session.defaults());
		console.out().println("astra shell " + version + " - type 'help' for the commands, Tab to complete, "
				+ "Ctrl-D to quit.");
		console.out().flush();
		try {
			Identity c = session.current();
			cache.warm(c);
			if (c.environment().name().equals("LOCAL")) {
				boolean embedded = session.isEmbedded(c);
				r.renderNotice(Level.INFO, (embedded ? "Local sandbox at " : "Local endpoint ")
						+ Urls.masked(String.valueOf(c.baseUrl()))
						+ (embedded ? " (state in " + session.home().resolve("sandbox") + ")." : "."), console.err());
			}
		}
		catch (AstraError e) {
			r.renderNotice(Level.WARN, e.getMessage(), console.err());
		}
	}

	/** Keeps the completion values of the session's connection (perhaps a new one) fresh. */
	private void warmCompletion() {
		Identity c = session.known();
		if (c != null) {
			cache.warm(c);
		}
	}

	/**
	 * Runs one line on a worker thread so that Ctrl-C can abandon it and give the prompt back at once.
	 * The line runs as a {@link Job}: once abandoned, nothing it still writes reaches the screen, and a
	 * script it runs starts no further line.
	 */
	void runLine(String line) {
		List<String> words;
		try {
			words = Words.split(line);
		}
		catch (AstraError e) {
			lastExitCode = report(e);
			return;
		}
		if (words.isEmpty()) {
			return;
		}
		Job job = new Job();
		runningJob = job;
		Future<Integer> future = workers.submit(() -> job.run(() -> dispatcher.execute(words)));
		running = future;
		if (job.isCancelled()) {
			future.cancel(true); // Ctrl-C came while the line was being handed over
		}
		try {
			lastExitCode = future.get();
			if (job.isCancelled()) {
				throw new CancellationException(); // Ctrl-C as it ended: part of its output may be cut off
			}
		}
		catch (CancellationException e) {
			job.abandoned();
			String report = job.stopReport();
			console.err().println();
			dispatcher.renderer(session.defaults()).renderNoticeAlways(Level.WARN, report, console.err());
			lastExitCode = ExitCode.INTERRUPTED.code();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException e) {
			lastExitCode = ExitCode.INTERNAL_ERROR.code();
		}
		finally {
			running = null;
			runningJob = null;
		}
	}

	private int report(AstraError e) {
		dispatcher.renderer(session.defaults()).renderError(e.exitCode().name(), e.getMessage(), console.out(),
				console.err());
		return e.exitCode().code();
	}

	/** Ctrl-C while a line runs: its output is cut off first, then its thread is interrupted. */
	private void interruptRunning() {
		Job job = runningJob;
		if (job != null) {
			job.cancel();
		}
		Future<Integer> f = running;
		if (f != null) {
			f.cancel(true);
		}
	}

	public int lastExitCode() {
		return lastExitCode;
	}

}
