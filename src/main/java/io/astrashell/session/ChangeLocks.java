package io.astrashell.session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.astrashell.api.Trace;
import io.astrashell.error.AstraError;
import io.astrashell.files.RegularFiles;

/**
 * Makes read-modify-write changes of one kind of object (the roles, the users) of one API endpoint take
 * turns between the shells of this machine that share the astra home, and between the threads of this
 * process: the API has no conditional update, so two changes built from the same read would
 * otherwise let the last write silently undo the first.
 *
 * <p>One lock file per endpoint and kind, {@code <astra home>/locks/<kind>-<hash of the endpoint>.lock},
 * created readable by its owner alone and never written; the operating system releases its lock when a
 * process ends, however it ends. A wait is bounded ({@link #wait}) and Ctrl-C ends it. When the lock
 * file cannot be used (an astra home that cannot be written, a link), the change runs without it (a
 * {@code -v} line says so): the check of the change after the write is then all there is. One that is
 * not a regular file (a device, a pipe, a directory) or is read-only is refused (exit 9) before the change.
 */
public final class ChangeLocks {

	/** Per lock file, within this process (a JVM cannot hold two locks of one file). */
	private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

	private final AstraHome home;

	private final Duration wait;

	private final Trace trace;

	ChangeLocks(AstraHome home, Duration wait, Trace trace) {
		this.home = home;
		this.wait = wait;
		this.trace = trace;
	}

	/** The lock was not had within the wait: another command holds it. */
	public static final class Busy extends RuntimeException {

		Busy(String message) {
			super(message);
		}

	}

	/**
	 * Runs {@code change} holding the lock of {@code kind} for the endpoint of {@code connection}.
	 * @param embedded whether the connection goes to the sandbox this process serves
	 * @param kind {@code roles} or {@code users}
	 * @throws Busy when another command held it for longer than the wait
	 * @throws java.util.concurrent.CancellationException when interrupted while waiting (its cause the
	 * {@link InterruptedException})
	 */
	public <T> T exclusive(Identity identity, boolean embedded, String kind, Supplier<T> change) {
		// each process serves the embedded sandbox on a port of its own, over one state: that state is the key
		String endpoint = embedded ? "embedded sandbox in " + home.path().toAbsolutePath()
				: String.valueOf(identity.baseUrl());
		Path file = home.resolve("locks").resolve(kind + "-" + hash(endpoint) + ".lock");
		ReentrantLock local = IN_PROCESS.computeIfAbsent(file, k -> new ReentrantLock());
		long deadline = System.nanoTime() + wait.toNanos();
		try {
			if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw busy(kind);
			}
		}
		catch (InterruptedException e) {
			throw interrupted(e);
		}
		try {
			if (local.getHoldCount() > 1) {
				return change.get(); // this thread holds the file lock already
			}
			FileChannel channel = open(file);
			if (channel == null) {
				return change.get();
			}
			FileLock lock = null;
			try {
				try {
					lock = lockWithin(channel, deadline, kind);
				}
				catch (IOException e) {
					trace.log(() -> "the lock file " + file + " cannot be locked (" + e.getMessage() + "): the change "
							+ "runs without taking turns with other shells");
				}
				return change.get();
			}
			finally {
				closeQuietly(lock, channel);
			}
		}
		finally {
			local.unlock();
		}
	}

	private static void closeQuietly(FileLock lock, FileChannel channel) {
		try {
			if (lock != null) {
				lock.release();
			}
			channel.close(); // releases the lock too
		}
		catch (IOException e) {
			// the process ending releases it
		}
	}

	/**
	 * The lock file, created owner-only if missing; null (and a -v line) when it cannot be used. One
	 * that is there and is not a regular file (after links), or is read-only, is refused (exit 9):
	 * nothing is created, opened or chmod-ed.
	 */
	private FileChannel open(Path file) {
		try {
			RegularFiles.checkWritable(file, "The change lock file", "Nothing was changed.");
		}
		catch (RegularFiles.Refused e) {
			throw AstraError.configuration(e.getMessage());
		}
		try {
			home.ensure();
			Files.createDirectories(file.getParent());
			try {
				RegularFiles.createOwnerOnly(file);
			}
			catch (FileAlreadyExistsException e) {
				// another shell made it
			}
			if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
				throw new IOException("not a regular file");
			}
			return FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException | RuntimeException e) {
			trace.log(() -> "the lock file " + file + " cannot be used (" + e.getMessage() + "): the change runs "
					+ "without taking turns with other shells");
			return null;
		}
	}

	private FileLock lockWithin(FileChannel channel, long deadline, String kind) throws IOException {
		while (true) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
			if (System.nanoTime() > deadline) {
				throw busy(kind);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException e) {
				throw interrupted(e);
			}
		}
	}

	private Busy busy(String kind) {
		return new Busy("Another astra command on this machine has been changing the " + kind + " of this "
				+ "organization for over " + (wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms")
				+ ": nothing was changed. Run the command again once "
				+ "it is done.");
	}

	private static RuntimeException interrupted(InterruptedException e) {
		Thread.currentThread().interrupt();
		CancellationException c = new CancellationException(
				"interrupted while waiting for another command's change");
		c.initCause(e);
		return c;
	}

	private static String hash(String s) {
		try {
			byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(d, 0, 8);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
