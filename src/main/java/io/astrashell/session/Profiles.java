package io.astrashell.session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.astrashell.cli.CliException;
import io.astrashell.cli.ExitCode;

/**
 * Reads and changes the profiles file safely: a change is a read-modify-write done under an
 * exclusive lock (a lock file beside it, and a lock within this process), written to a temporary
 * file and renamed over the old one, readable by its owner alone. A file that cannot be parsed is
 * never written: the change fails before it, naming the file and line.
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
		catch (IOException e) {
			throw new CliException(ExitCode.CONFIGURATION, "Cannot follow the link " + absolute + ": " + e.getMessage());
		}
	}

	public Path file() {
		return file;
	}

	public AstraRc read() {
		return AstraRc.read(file);
	}

	/** Applies {@code change} to the current file and writes the result; returns what it returned. */
	public <T> T update(Function<AstraRc, T> change) {
		ReentrantLock local = IN_PROCESS.computeIfAbsent(file, k -> new ReentrantLock());
		local.lock();
		try {
			Files.createDirectories(file.getParent());
			Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
			try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock lock = channel.lock()) {
				AstraHome.ownerOnly(lockFile);
				AstraRc rc = AstraRc.read(file);
				T result = change.apply(rc);
				write(rc.render());
				return result;
			}
		}
		catch (IOException e) {
			throw new CliException(ExitCode.CONFIGURATION, "Cannot write the configuration file " + file + ": "
					+ e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
					+ ". The file was left as it was.");
		}
		finally {
			local.unlock();
		}
	}

	private void write(String text) throws IOException {
		Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
		try {
			AstraHome.ownerOnly(temp);
			try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				out.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
				out.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
			AstraHome.ownerOnly(file);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
