package io.astrashell.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.astrashell.cli.CliException;
import io.astrashell.cli.Secrets;
import io.astrashell.cli.Words;
import io.astrashell.session.AstraHome;
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
	private static final java.util.regex.Pattern TOKEN_OPTION = java.util.regex.Pattern
		.compile("(?<![\\w-])(?:--token|-t)(?=[=\\s]|$)");

	private Path file;

	/** Keeps the history of {@code reader} in {@code file} (created 0600 if missing). */
	public void attachTo(LineReader reader, Path historyFile) {
		this.file = historyFile;
		try {
			Files.createDirectories(historyFile.getParent());
			if (!Files.exists(historyFile)) {
				Files.createFile(historyFile);
			}
			AstraHome.ownerOnly(historyFile);
		}
		catch (IOException | UnsupportedOperationException e) {
			// history still works in memory
		}
		reader.setVariable(LineReader.HISTORY_FILE, historyFile);
		attach(reader);
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
			java.util.regex.Matcher token = TOKEN_OPTION.matcher(masked);
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
			catch (CliException e) {
				// try closing the quote
			}
		}
		return null;
	}

	@Override
	public void save() throws IOException {
		super.save();
		if (file != null && Files.exists(file)) {
			AstraHome.ownerOnly(file);
		}
	}

}
