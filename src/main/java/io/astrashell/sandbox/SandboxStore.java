package io.astrashell.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.astrashell.files.AtomicFile;
import io.astrashell.files.RegularFiles;
import tools.jackson.core.JacksonException;

/**
 * The sandbox state on disk: {@code <dir>/state.json} (mode 0600, directory 0700), guarded by
 * {@code <dir>/state.lock}.
 * <p>
 * Every operation runs under a JVM-wide lock for the directory and an exclusive {@link FileLock} on the
 * lock file, so that operations of every thread and every process serving the same directory are
 * serialised. An operation sees the state as it is on disk at that moment; when it changes the state, the
 * new state replaces {@code state.json} whole ({@link AtomicFile}: a temporary file in the same
 * directory, flushed, renamed atomically, the directory flushed) before the locks are released. The
 * parsed state is cached, keyed by the file's key, modification time and size plus a revision counter kept in the lock file, so an unchanged state is not
 * read again. Before each operation the state is topped up ({@link SandboxState#topUp}): a missing
 * {@code state.json} is seeded afresh, a resource without a slice (made before it existed) gets its
 * seed, and a state read from an older form is written back in the current one
 * ({@link SandboxStateFile}).
 */
final class SandboxStore {

	static final String STATE_FILE = "state.json";

	static final String LOCK_FILE = "state.lock";

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	/** One lock per sandbox directory for all the stores of this JVM (a JVM may not lock a file twice). */
	private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

	private final Path directory;

	private final SandboxResources resources;

	private final Path stateFile;

	private final ReentrantLock jvmLock;

	// guarded by jvmLock
	private SandboxState cached;

	private CacheKey cachedKey;

	private int parses;

	private SandboxStore(Path directory, SandboxResources resources) {
		this.directory = directory;
		this.resources = resources;
		this.stateFile = directory.resolve(STATE_FILE);
		this.jvmLock = JVM_LOCKS.computeIfAbsent(directory, d -> new ReentrantLock());
	}

	/**
	 * Opens (creating it, mode 0700, if need be) the sandbox directory, whose state these resources
	 * read. Does not read or seed the state.
	 */
	static SandboxStore open(Path directory, SandboxResources resources) throws IOException {
		createPrivateDirectory(directory);
		return new SandboxStore(directory.toRealPath(), resources);
	}

	/**
	 * Runs one operation on the current state under both locks, and writes the state back when the
	 * operation changed it. A {@link RuntimeException} of the operation propagates; the state is then not
	 * written, and a partly changed state is dropped from the cache.
	 */
	<T> T transact(Function<SandboxState, T> operation) throws IOException {
		this.jvmLock.lock();
		try (FileChannel lock = openLockFileIn(this.directory); FileLock fileLock = lock.lock()) {
			long revision = readRevision(lock);
			SandboxState state = load(revision);
			if (state == null) {
				state = new SandboxState(this.resources); // no state yet (first use, or reset)
			}
			if (state.topUp(Instant.now())) {
				// seeded, topped up or upgraded: written before anything else
				save(lock, ++revision, state);
			}
			state.beginOperation();
			T result;
			try {
				result = operation.apply(state);
			}
			catch (RuntimeException | Error ex) {
				if (state.modified()) {
					invalidate();
				}
				throw ex;
			}
			if (state.modified()) {
				save(lock, revision + 1, state);
			}
			return result;
		}
		finally {
			this.jvmLock.unlock();
		}
	}

	/** How many times this store parsed {@code state.json} (for tests of the cache). */
	int parses() {
		this.jvmLock.lock();
		try {
			return this.parses;
		}
		finally {
			this.jvmLock.unlock();
		}
	}

	private SandboxState load(long revision) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(this.stateFile, BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			invalidate();
			return null;
		}
		CacheKey key = CacheKey.of(attributes, revision);
		if (this.cached != null && key.equals(this.cachedKey)) {
			return this.cached;
		}
		invalidate();
		SandboxState state = parse(this.stateFile, this.resources);
		this.parses++;
		this.cached = state;
		this.cachedKey = key;
		return state;
	}

	/** The largest state file read (1 GiB: a sandbox of millions of users). */
	static final long MAX_STATE_SIZE = 1L << 30;

	private static SandboxState parse(Path stateFile, SandboxResources resources) throws IOException {
		// a regular file only (a pipe would hang the sandbox), and bounded
		byte[] bytes = RegularFiles.read(stateFile, "The sandbox state file", MAX_STATE_SIZE);
		try {
			return SandboxStateFile.read(bytes, resources);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new IOException("the sandbox state " + stateFile + " is unreadable (reset the sandbox to start afresh): "
					+ ex.getMessage(), ex);
		}
	}

	private void save(FileChannel lock, long revision, SandboxState state) throws IOException {
		try {
			byte[] bytes = SandboxStateFile.write(state);
			// the revision first: a crash after this point costs other processes one needless re-read
			writeRevision(lock, revision);
			AtomicFile.write(this.stateFile, "The sandbox state file", bytes);
			this.cached = state;
			this.cachedKey = CacheKey.of(Files.readAttributes(this.stateFile, BasicFileAttributes.class), revision);
		}
		catch (IOException | RuntimeException ex) {
			invalidate();
			throw ex;
		}
	}

	private void invalidate() {
		this.cached = null;
		this.cachedKey = null;
	}

	/**
	 * Deletes the state of the sandbox directory, under both locks, so that the next operation seeds
	 * afresh. The lock file stays: a sandbox still serving the directory keeps locking the same file.
	 */
	static void reset(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		Path real = directory.toRealPath();
		ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(real, d -> new ReentrantLock());
		jvmLock.lock();
		try (FileChannel lock = openLockFile(real.resolve(LOCK_FILE)); FileLock fileLock = lock.lock()) {
			writeRevision(lock, readRevision(lock) + 1);
			Files.deleteIfExists(real.resolve(STATE_FILE));
			try (DirectoryStream<Path> temps = Files.newDirectoryStream(real, AtomicFile.tempGlob(STATE_FILE))) {
				for (Path temp : temps) {
					Files.deleteIfExists(temp);
				}
			}
		}
		finally {
			jvmLock.unlock();
		}
	}

	/**
	 * Reads the state file without locking (it is only ever replaced whole), nor topping it up; null
	 * when there is none. The slices of other resources than these are kept unread.
	 */
	static SandboxState peek(Path directory, SandboxResources resources) throws IOException {
		Path stateFile = directory.resolve(STATE_FILE);
		if (!Files.isRegularFile(stateFile)) {
			return null;
		}
		try {
			return parse(stateFile, resources);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	// ---- files

	private static boolean posix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static void createPrivateDirectory(Path directory) throws IOException {
		if (directory.getParent() != null) {
			Files.createDirectories(directory.getParent());
		}
		boolean posix = posix(directory);
		try {
			if (posix) {
				Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			else {
				Files.createDirectory(directory);
			}
		}
		catch (FileAlreadyExistsException ex) {
			if (!Files.isDirectory(directory)) {
				throw ex;
			}
			if (posix && !Files.isSymbolicLink(directory)) { // a link: not ours to change where it points
				try {
					if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY_DIRECTORY)) {
						Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
					}
				}
				catch (IOException | SecurityException ignored) {
					// not ours to change: the state file itself is still 0600
				}
			}
		}
	}

	/** Opens the lock file of the directory, creating the directory again if it was deleted meanwhile. */
	private static FileChannel openLockFileIn(Path directory) throws IOException {
		Path lockFile = directory.resolve(LOCK_FILE);
		try {
			return openLockFile(lockFile);
		}
		catch (NoSuchFileException ex) {
			createPrivateDirectory(directory);
			return openLockFile(lockFile);
		}
	}

	private static FileChannel openLockFile(Path lockFile) throws IOException {
		// a device, a pipe or a directory there (links followed), or a read-only file: refused, never created or opened
		RegularFiles.checkWritable(lockFile, "The sandbox lock file", "Nothing was written.");
		Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		if (posix(lockFile)) {
			return FileChannel.open(lockFile, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
		}
		return FileChannel.open(lockFile, options);
	}

	private static long readRevision(FileChannel lock) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
		long position = 0;
		while (buffer.hasRemaining()) {
			int read = lock.read(buffer, position);
			if (read < 0) {
				return 0;
			}
			position += read;
		}
		return buffer.flip().getLong();
	}

	private static void writeRevision(FileChannel lock, long revision) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES).putLong(revision).flip();
		long position = 0;
		while (buffer.hasRemaining()) {
			position += lock.write(buffer, position);
		}
	}

	/** What identifies one version of {@code state.json} without reading it. */
	private record CacheKey(Object fileKey, FileTime lastModified, long size, long revision) {

		static CacheKey of(BasicFileAttributes attributes, long revision) {
			return new CacheKey(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), revision);
		}

	}

}
