package io.astrashell.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandLine;
import io.astrashell.error.ExitCode;
import io.astrashell.cli.FewNames;
import io.astrashell.cli.Globals;
import io.astrashell.cli.DryRun;
import io.astrashell.cli.Words;
import io.astrashell.files.RegularFiles;
import io.astrashell.output.Level;
import io.astrashell.output.Renderer;
import io.astrashell.session.Session;

/**
 * Runs a saved command script in this JVM: a line is a command as typed at the prompt (same
 * quoting), {@code #} starts a comment, blank lines are skipped, {@code ${NAME}} is the environment
 * variable NAME. Every line is read, substituted and parsed before the first one runs, so a typo
 * or an unset variable changes nothing. A run stops at the first failing line (printing
 * {@code FILE:LINE: the line} and the error) unless it continues on errors; it ends with a one-line
 * summary on stderr. A dry run checks every line and sends no request that changes anything.
 * Scripts may call scripts; one that calls itself, directly or not, is refused. Whatever a script
 * switches (profile, environment) ends with it.
 */
public final class ScriptRunner {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	/** How to run. */
	public record Options(boolean continueOnError, boolean dryRun) {
	}

	/** One line to run: where it is, what it says (redacted for messages), and what it parses to. */
	record Line(String source, int number, String text, CommandLine parsed) {

		String location() {
			return location(source, number, text);
		}

		static String location(String source, int number, String text) {
			return source + ":" + number + ": " + RedactingHistory.redactLine(text);
		}

	}

	/** How many scripts may run inside one another (a script calling a script...). */
	static final int MAX_DEPTH = 64;

	private final Dispatcher dispatcher;

	private final Session session;

	private final Console console;

	/** The scripts running on this thread (a prompt line runs on a thread of its own), or null. */
	private final ThreadLocal<Context> contexts = new ThreadLocal<>();

	/** What the scripts running on one thread share: the outermost's progress, the files, the dry-run plan. */
	private static final class Context {

		/** The scripts running now, outermost first: a script on it may not run again. */
		final Deque<Path> files = new ArrayDeque<>();

		final String source;

		final int total;

		final long start = System.nanoTime();

		DryRun made;

		boolean dryRun;

		/** The nested files a dry run has checked: by (file, depth, plan state), what the check gave. */
		final Map<List<Object>, Checked> checked = new HashMap<>();

		/** Scripts running, standard input included. */
		int depth;

		/** The outermost script's counts, and the line running now at any depth ({@code FILE:LINE: text}). */
		volatile int started;

		volatile int failedBefore;

		volatile Line at;

		Context(String source, int total) {
			this.source = source;
			this.total = total;
		}

		/**
		 * The summary of a run stopped by Ctrl-C while the line {@link #at} ran: the lines before it,
		 * and those after it, which did not run.
		 */
		String stopSummary() {
			Line line = at;
			if (line == null) {
				return "Interrupted: " + source + " stopped before its first line; nothing was run.";
			}
			int before = started - 1;
			return "Interrupted at " + line.source() + ":" + line.number() + " (" + RedactingHistory.redactLine(line.text())
					+ "): " + (line.source().equals(source) ? "the script" : source) + " stopped there, " + before + " of "
					+ total + " line(s) run before it (" + (before - failedBefore) + " succeeded, " + failedBefore
					+ " failed), " + (total - started) + " not run ("
					+ String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - start) / 1e9)
					+ "). A change that line already sent may still apply.";
		}

	}

	public ScriptRunner(Dispatcher dispatcher, Session session, Console console) {
		this.dispatcher = dispatcher;
		this.session = session;
		this.console = console;
	}

	/** Runs a script file ({@code -} is standard input); returns the exit code. */
	public int runFile(String file, Options options, Globals scriptGlobals, InputStream stdin) {
		Context context = contexts.get();
		if (context == null || file.equals("-") || !(context.dryRun || options.dryRun())) {
			return readAndRun(file, options, scriptGlobals, stdin);
		}
		// A dry run checks a nested file once for each (depth, plan state) it is reached with: the
		// check depends on nothing else (a file fine once reaches no cycle, and the depth is in the key),
		// so a file called twice by each of 26 nested files is read 26 times, not 2^26. Its lines'
		// problems were printed, with their FILE:LINE, the first time; later calls return the same code.
		Path named;
		try {
			named = from(context.files, file).toAbsolutePath().normalize();
		}
		catch (InvalidPathException e) {
			return readAndRun(file, options, scriptGlobals, stdin);
		}
		List<Object> key = List.of(named, context.depth, context.made.state());
		Checked seen = context.checked.get(key);
		if (seen != null) {
			context.made.restore(seen.after());
			Logging.debug("script", () -> named + " checked already (exit " + seen.code() + "): not read again");
			return seen.code();
		}
		// a call refused before any line is checked (too deep, a cycle, no such file, a line that does
		// not parse) throws, and is reported on each calling line: those are checked once too
		int code = readAndRun(file, options, scriptGlobals, stdin);
		if (!Job.stopRequested()) {
			context.checked.put(key, new Checked(code, context.made.state()));
		}
		return code;
	}

	/**
	 * The script {@code file} names: from the folder of the script that runs it, or (the first) from
	 * the run's working folder.
	 */
	private Path from(Deque<Path> running, String file) {
		Path base = running.isEmpty() ? null : running.peekLast().getParent();
		return base == null ? session.file(Path.of(file)) : base.resolve(file);
	}

	/** A nested file's dry run: its exit code and the plan it left. */
	private record Checked(int code, DryRun.State after) {
	}

	/** The largest script read (1 MiB, standard input too): a larger one is refused naming its size (exit 11). */
	public static final long MAX_SIZE = 1024 * 1024;

	private int readAndRun(String file, Options options, Globals scriptGlobals, InputStream stdin) {
		Context context = contexts.get();
		Deque<Path> running = context == null ? new ArrayDeque<>() : context.files;
		if (context != null && context.depth >= MAX_DEPTH) {
			throw AstraError.invalidInput("Script " + file + " would run " + (context.depth + 1)
					+ " scripts deep (from " + context.source + "): scripts may call scripts at most " + MAX_DEPTH
					+ " deep.");
		}
		Path path = null;
		String source;
		String text;
		try {
			if (file.equals("-") || file.equals("/dev/stdin")) {
				source = "<stdin>";
				text = RegularFiles.readText(stdin, "The script on standard input", MAX_SIZE);
			}
			else {
				path = from(running, file).toAbsolutePath().normalize();
				source = running.isEmpty() ? file : path.toString();
				try {
					path = path.toRealPath();
				}
				catch (NoSuchFileException e) {
					throw AstraError.invalidInput("Cannot read the script " + file + ": no such file.");
				}
				if (running.contains(path)) {
					throw AstraError.invalidInput("Script " + file + " calls itself (through "
							+ String.join(" > ", running.stream().map(p -> p.getFileName().toString()).toList()) + " > "
							+ path.getFileName() + "): a script may not run again while it runs.");
				}
				// a regular file only (a pipe would wait forever), at most MAX_SIZE, UTF-8 (a byte-order mark dropped)
				text = RegularFiles.readText(path, "The script", MAX_SIZE);
			}
		}
		catch (RegularFiles.Refused e) {
			throw AstraError.invalidInput(e.getMessage().replace("The script " + path, "The script " + file));
		}
		catch (IOException e) {
			throw AstraError.invalidInput("Cannot read the script " + file + ": "
					+ (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName())
					+ ".");
		}
		return run(source, path, text, options, scriptGlobals);
	}

	int run(String source, Path path, String text, Options options, Globals scriptGlobals) {
		List<Line> lines = prepare(source, text);
		Logging.debug("script", () -> "read " + (path == null ? source : path) + ": " + lines.size() + " line(s)");
		Context context = contexts.get();
		boolean outermost = context == null;
		if (outermost) {
			context = new Context(source, lines.size());
			contexts.set(context);
		}
		context.depth++;
		if (path != null) {
			context.files.addLast(path);
		}
		Session.Snapshot before = session.snapshot();
		boolean outerDryRun = context.dryRun;
		context.dryRun = context.dryRun || options.dryRun();
		options = new Options(options.continueOnError(), context.dryRun);
		Job job = Job.current();
		Runnable undo = () -> session.restore(before);
		if (outermost) {
			context.made = new DryRun();
			if (scriptGlobals.choosesConnection() || scriptGlobals.output() != null || scriptGlobals.noColor() != null
					|| scriptGlobals.verbose() != null) {
				session.useDefaults(scriptGlobals.orElse(session.defaults()));
			}
			if (job != null) {
				// if Ctrl-C abandons the line, the prompt says where the script stopped and puts the session back
				Context c = context;
				job.reportOnStop(c::stopSummary);
				job.onAbandon(undo);
			}
		}
		console.enterScript();
		long start = System.nanoTime();
		int runCount = 0;
		int failed = 0;
		int firstFailure = 0;
		boolean stopped = false;
		try {
			for (Line line : lines) {
				if (Job.stopRequested()) {
					stopped = true;
					break;
				}
				context.at = line;
				runCount++;
				if (outermost) {
					context.failedBefore = failed;
					context.started = runCount;
				}
				int code = options.dryRun() ? check(line) : dispatcher.execute(line.parsed(), line.location());
				if (code != 0) {
					failed++;
					if (firstFailure == 0) {
						firstFailure = code;
					}
					if (!options.continueOnError() && !options.dryRun()) {
						break;
					}
				}
			}
			stopped = stopped || Job.stopRequested(); // interrupted during the last line run
		}
		finally {
			console.leaveScript();
			context.depth--;
			if (path != null) {
				context.files.removeLast();
			}
			context.dryRun = outerDryRun;
			if (outermost) {
				if (job != null) {
					job.removeOnAbandon(undo);
				}
				if (job == null || !job.isCancelled()) {
					session.restore(before); // else the prompt did, when it abandoned the line
				}
				contexts.remove();
			}
		}
		Renderer renderer = dispatcher.renderer(session.defaults());
		if (stopped) {
			if (outermost) {
				renderer.renderNoticeAlways(Level.WARN, context.stopSummary(), console.err());
			}
			return ExitCode.INTERRUPTED.code();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		String summary = source + ": " + (options.dryRun() ? runCount + " line(s) checked, " + (runCount - failed)
				+ " fine, " + failed + " with problems" : runCount + " of " + lines.size() + " line(s) run, "
						+ (runCount - failed) + " succeeded, " + failed + " failed")
				+ String.format(Locale.ROOT, " (%.2f s)", seconds) + (options.dryRun() ? "; nothing was changed." : ".");
		renderer.renderNoticeAlways(failed == 0 ? Level.INFO : Level.WARN, summary, console.err());
		return firstFailure;
	}

	/** Reads, substitutes and parses every line before any runs. */
	List<Line> prepare(String source, String text) {
		String[] raw = text.split("\r?\n", -1);
		List<Line> lines = new ArrayList<>();
		Set<String> missing = new LinkedHashSet<>();
		List<String[]> kept = new ArrayList<>();
		for (int i = 0; i < raw.length; i++) {
			String content = Words.stripComment(raw[i]).strip();
			if (content.isEmpty()) {
				continue;
			}
			Matcher m = VARIABLE.matcher(content);
			StringBuilder substituted = new StringBuilder();
			while (m.find()) {
				String value = session.variable(m.group(1));
				if (value == null) {
					missing.add(m.group(1));
					value = "";
				}
				m.appendReplacement(substituted, Matcher.quoteReplacement(Words.quote(value)));
			}
			m.appendTail(substituted);
			kept.add(new String[] { String.valueOf(i + 1), content, substituted.toString() });
		}
		if (!missing.isEmpty()) {
			throw AstraError.invalidInput(source + ": the environment variable" + (missing.size() > 1 ? "s " : " ")
					+ FewNames.join(", ", List.copyOf(missing)) + (missing.size() > 1 ? " are" : " is")
					+ " not set; set " + (missing.size() > 1 ? "them" : "it") + " before running the script. Nothing was run.");
		}
		for (String[] k : kept) {
			String location = Line.location(source, Integer.parseInt(k[0]), k[1]);
			CommandLine parsed;
			try {
				parsed = dispatcher.parser().parse(Words.split(k[2]));
			}
			catch (AstraError e) {
				throw new AstraError(e.kind(), location + ": " + e.getMessage() + " Nothing was run.");
			}
			if (!parsed.hasCommand()) {
				throw AstraError.invalidInput(location + ": no command on this line. Nothing was run.");
			}
			lines.add(new Line(source, Integer.parseInt(k[0]), k[1], parsed));
		}
		return lines;
	}

	/** A dry run of one line: its command's own checks; a nested script is checked line by line. */
	private int check(Line line) {
		CommandLine parsed = line.parsed();
		if (parsed.command().getName().equals("script")) {
			return dispatcher.execute(parsed, line.location()); // runs the nested file as a dry run too
		}
		return dispatcher.check(parsed, contexts.get().made, line.location());
	}

}
