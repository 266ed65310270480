package io.astrashell.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.astrashell.error.AstraError;
import io.astrashell.cli.Secrets;
import io.astrashell.cli.Words;
import io.astrashell.files.RegularFiles;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The prompt's history, kept in the astra home ({@code ~/.astra/history}) and readable by its owner
 * alone. A line is redacted before it is kept, in memory and on disk: a {@code --token} (or
 * {@code -t}) value and anything shaped like a token or a client secret, however quoted or
 * backslashed, never reach the file.
 */
public final class RedactingHistory extends DefaultHistory {

	/** The token's option as a word of a line: {@code --token}, or {@code -t} of {@code config create}. */
	private static final Pattern TOKEN_OPTION = Pattern
		.compile("(?<![\\w-])(?:--token|-t)(?=[=\\s]|$)");

	private Path file;

	/** The largest history file read at start-up (4 MiB; the prompt keeps its last 5,000 lines). */
	public static final long MAX_SIZE = 4L * 1024 * 1024;

	/**
	 * Keeps the history of {@code reader} in {@code file} (created 0600 if missing, an existing one
	 * keeping its mode). A history file that is there and is not a regular file (after links), is
	 * read-only or is larger than {@link #MAX_SIZE} is refused (exit 9) before it is read, written or
	 * chmod-ed.
	 */
	public void attachTo(LineReader reader, Path historyFile) {
		Path target = check(historyFile);
		try {
			target = historyFile.toRealPath(); // a link: JLine's rewrites go where it points, the link stays
		}
		catch (IOException e) {
			// missing: created below
		}
		this.file = target;
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			if (!Files.exists(target)) {
				RegularFiles.createOwnerOnly(target);
			}
		}
		catch (IOException | UnsupportedOperationException e) {
			// history still works in memory
		}
		reader.setVariable(LineReader.HISTORY_FILE, target);
		attach(reader);
	}

	/** The history file as it must be to be read and written: a regular file (or none), writable, bounded. */
	static Path check(Path historyFile) {
		try {
			RegularFiles.checkWritable(historyFile, "The history file", "Nothing was read or written.");
			if (Files.exists(historyFile) && Files.size(historyFile) > MAX_SIZE) {
				throw new RegularFiles.Refused("The history file " + historyFile + " is "
						+ RegularFiles.size(Files.size(historyFile)) + ", over the limit of " + RegularFiles.size(MAX_SIZE)
						+ " for it: move it away (or trim it) and start again. Nothing was read or written.");
			}
		}
		catch (RegularFiles.Refused e) {
			throw AstraError.configuration(e.getMessage());
		}
		catch (IOException e) {
			// unreadable attributes: JLine's own read says why, and the history stays in memory
		}
		return historyFile;
	}

	@Override
	public void add(Instant time, String line) {
		super.add(time, redactLine(line));
	}

	/**
	 * A command line with its secrets masked, judged on its words as {@link Words} splits them to run
	 * them, whatever the quoting: {@code --token 'Astra''CS:...'} and {@code "AstraCS:"...} are one word
	 * each, the token. A line with a secret is written back from its masked words (quoted where needed);
	 * one without is kept as typed. For the history, {@code history --save}, and a script's
	 * {@code FILE:LINE: the line}.
	 */
	public static String redactLine(String line) {
		if (line == null || line.isEmpty()) {
			return line;
		}
		List<String> words = splitLeniently(line);
		if (words == null) {
			// quoting that no closing quote mends: nothing after --token (or -t) is kept
			String masked = Secrets.redact(line);
			Matcher token = TOKEN_OPTION.matcher(masked);
			return !token.find() ? masked : masked.substring(0, token.start()) + token.group() + " " + Secrets.MASKED_TOKEN;
		}
		List<String> masked = Secrets.redactWords(words);
		if (masked.equals(words)) {
			return Secrets.redact(line);
		}
		return String.join(" ", masked.stream().map(Words::quote).toList());
	}

	/** The words of a line; one left with an open quote (it cannot run) is read as if the quote closed. */
	private static List<String> splitLeniently(String line) {
		for (String ending : new String[] { "", "'", "\"" }) {
			try {
				return Words.split(line + ending);
			}
			catch (AstraError e) {
				// try closing the quote
			}
		}
		return null;
	}

	/** Writes the new lines, if the file is still a regular file this user may write (else nothing). */
	@Override
	public void save() throws IOException {
		if (file != null) {
			RegularFiles.checkWritable(file, "The history file", "Nothing was written.");
		}
		super.save();
	}

	/** JLine's trim replaces the file with a new one: it keeps the old one's mode. */
	@Override
	protected void trimHistory(Path path, int max) throws IOException {
		Set<PosixFilePermission> mode = null;
		try {
			mode = Files.getPosixFilePermissions(path);
		}
		catch (IOException | UnsupportedOperationException e) {
			// not POSIX, or gone: JLine's new file as it makes it
		}
		super.trimHistory(path, max);
		if (mode != null) {
			Files.setPosixFilePermissions(path, mode);
		}
	}

}
