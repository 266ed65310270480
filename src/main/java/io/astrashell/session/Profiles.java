package io.astrashell.session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.astrashell.error.AstraError;
import io.astrashell.files.Reasons;
import io.astrashell.files.AtomicFile;
import io.astrashell.files.RegularFiles;

/**
 * Reads and changes the profiles file safely: a change is a read-modify-write done under an
 * exclusive lock (a lock file beside it, and a lock within this process), and written whole or not
 * at all ({@link AtomicFile}): a new file readable by its owner alone, an existing one keeping its
 * mode. A file that cannot be parsed, is not a regular file (after links) or is read-only is never
 * written, nor is its lock file made: the change fails before it (exit 9), naming the file.
 */
public final class Profiles {

	private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

	private final Path file;

	public Profiles(Path file) {
		Path absolute = file.toAbsolutePath();
		try {
			// a profiles file kept as a symbolic link (dotfiles) is written where it points
			this.file = Files.isSymbolicLink(absolute) ? absolute.toRealPath() : absolute;
		}
		catch (NoSuchFileException e) {
			throw ProfilesFileReader.danglingLink(absolute);
		}
		catch (IOException e) {
			throw new AstraError(AstraError.Kind.CONFIGURATION, "Cannot follow the link " + absolute + ": "
					+ Reasons.of(e) + ". Point -cf (or ASTRARC) at a file.");
		}
	}

	public Path file() {
		return file;
	}

	public AstraRc read() {
		return AstraRc.read(file);
	}

	/**
	 * Checks, without writing anything, that {@link #update} could write the file now: it reads and
	 * parses, and it and its lock file are regular files writable by their modes (else exit 9).
	 */
	public void checkWritable() {
		AstraRc.read(file);
		checkWritable(file, file.resolveSibling(file.getFileName() + ".lock"));
	}

	/** Applies {@code change} to the current file and writes the result; returns what it returned. */
	public <T> T update(Function<AstraRc, T> change) {
		// a file that cannot be read, parsed or written fails here, before anything (the lock file) is written
		AstraRc.read(file);
		Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
		checkWritable(file, lockFile);
		ReentrantLock local = IN_PROCESS.computeIfAbsent(file, k -> new ReentrantLock());
		local.lock();
		try {
			Files.createDirectories(file.getParent());
			try (FileChannel channel = RegularFiles.openLockFile(lockFile, "The lock file of the profiles file",
					"Nothing was written.");
					FileLock lock = channel.lock()) {
				AstraRc rc = AstraRc.read(file);
				T result = change.apply(rc);
				String text = rc.render();
				readsBackAsWritten(rc, text);
				write(text);
				return result;
			}
		}
		catch (RegularFiles.Refused e) {
			throw AstraError.configuration(e.getMessage());
		}
		catch (IOException e) {
			throw new AstraError(AstraError.Kind.CONFIGURATION, "Cannot write the profiles file " + file + ": "
					+ Reasons.of(e) + ". The file was left as it was.");
		}
		finally {
			local.unlock();
		}
	}

	/**
	 * The profiles file and its lock file must each be a regular file or missing, and writable by
	 * their modes: else exit 9, and nothing is locked, created or written.
	 */
	private static void checkWritable(Path file, Path lockFile) {
		try {
			RegularFiles.checkWritable(file, "The profiles file", "Nothing was written.");
			RegularFiles.checkWritable(lockFile, "The lock file of the profiles file", "Nothing was written.");
		}
		catch (RegularFiles.Refused e) {
			throw AstraError.configuration(e.getMessage());
		}
	}

	/**
	 * The last guard before writing: the new text must parse, and give back every profile as the
	 * change left it. Whatever slipped through (a line break in a value, a repeated section), the
	 * file is not written.
	 */
	private void readsBackAsWritten(AstraRc changed, String text) {
		boolean same;
		try {
			AstraRc back = AstraRc.parse(file, text);
			same = back.sections().equals(changed.sections());
			for (String name : changed.sections()) {
				same &= back.section(name).equals(changed.section(name));
			}
		}
		catch (AstraError e) {
			same = false;
		}
		if (!same) {
			throw new AstraError(AstraError.Kind.FAILED, "The change to " + file + " would not read back as "
					+ "written, so it was not written (the file was left as it was).");
		}
	}

	private void write(String text) throws IOException {
		AtomicFile.write(file, "The profiles file", text.getBytes(StandardCharsets.UTF_8));
	}

}
