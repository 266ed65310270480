package io.astrashell.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.astrashell.cli.Secrets;
import io.astrashell.session.AstraHome;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The prompt's history, kept in the astra home ({@code ~/.astra/history}) and readable by its owner
 * alone. A line is redacted before it is kept, in memory and on disk: a {@code --token} value and
 * anything shaped like a token or a client secret never reach the file.
 */
public final class RedactingHistory extends DefaultHistory {

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
		super.add(time, Secrets.redactLine(line));
	}

	@Override
	public void save() throws IOException {
		super.save();
		if (file != null && Files.exists(file)) {
			AstraHome.ownerOnly(file);
		}
	}

}
