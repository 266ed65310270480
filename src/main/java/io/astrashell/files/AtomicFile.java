package io.astrashell.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file whole, or not at all: the new content goes to a temporary file in the same
 * directory (readable and writable by its owner alone where the file system is POSIX), which is
 * flushed to the disk ({@code fsync}), renamed over the file atomically, and the directory flushed in
 * turn so that the rename itself survives a crash. A write that fails, or a process killed before the
 * rename, leaves the old file as it was (and no temporary file, when the failure is a Java one).
 * <p>
 * A file that is a symbolic link (a dotfile kept elsewhere) is written where the link points, and the
 * link stays a link. What is there must be a regular file, after links, that its mode lets this user
 * write ({@link RegularFiles#checkWritable}): anything else is refused before anything is created.
 * A new file is its owner's alone ({@code 0600}); a file replaced keeps its mode (and, where the
 * process may, its owner and group): the shell never changes an existing file's mode. Used by the
 * profiles file, the sandbox's state and the completion cache.
 */
public final class AtomicFile {

	private static final FileAttribute<?>[] OWNER_ONLY = {
			PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };

	private static final FileAttribute<?>[] NONE = {};

	private AtomicFile() {
	}

	/** Writes the content of a file. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/** Replaces {@code file} with {@code bytes}. */
	public static void write(Path file, byte[] bytes) throws IOException {
		write(file, out -> out.write(bytes));
	}

	/** Replaces {@code file} with {@code bytes}; {@code what} names it in a refusal ("The history file"). */
	public static void write(Path file, String what, byte[] bytes) throws IOException {
		write(file, what, out -> out.write(bytes));
	}

	/** Replaces {@code file} with what {@code content} writes; if it throws, the file is left as it was. */
	public static void write(Path file, Content content) throws IOException {
		write(file, "The file", content);
	}

	/** {@link #write(Path, Content)}, naming the file as {@code what} if it is refused. */
	public static void write(Path file, String what, Content content) throws IOException {
		RegularFiles.checkWritable(file, what, "Nothing was written.");
		Path target = target(file);
		RegularFiles.checkWritable(target, what, "Nothing was written.");
		Path directory = target.toAbsolutePath().getParent();
		Path temp = Files.createTempFile(directory, tempPrefix(target), ".tmp", posix(directory) ? OWNER_ONLY : NONE);
		try {
			keepModeAndOwner(target, temp);
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				OutputStream out = Channels.newOutputStream(channel);
				content.writeTo(out);
				out.flush();
				channel.force(true);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			temp = null;
			forceDirectory(directory);
		}
		finally {
			if (temp != null) {
				Files.deleteIfExists(temp);
			}
		}
	}

	/**
	 * The glob of the temporary files that writing {@code fileName} makes ({@code .name.*.tmp}), for
	 * whoever clears leftovers of a killed process.
	 */
	public static String tempGlob(String fileName) {
		return "." + fileName + ".*.tmp";
	}

	private static String tempPrefix(Path target) {
		return "." + target.getFileName() + ".";
	}

	/** The file written: {@code file}, or where it points when it is a symbolic link. */
	private static Path target(Path file) throws IOException {
		if (!Files.isSymbolicLink(file)) {
			return file;
		}
		try {
			return file.toRealPath();
		}
		catch (NoSuchFileException e) {
			// a dangling link: write where it points (the parent must exist), keeping the link
			Path link = Files.readSymbolicLink(file);
			Path parent = file.toAbsolutePath().getParent();
			return target(parent.resolve(link));
		}
	}

	/** Gives the new content the mode (and, where allowed, the owner and group) of the file it replaces. */
	private static void keepModeAndOwner(Path target, Path temp) throws IOException {
		if (!posix(temp)) {
			return;
		}
		PosixFileAttributes old;
		try {
			old = Files.readAttributes(target, PosixFileAttributes.class);
		}
		catch (NoSuchFileException e) {
			return; // a new file: 0600 as created
		}
		Files.setPosixFilePermissions(temp, old.permissions());
		PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
		try {
			if (!view.readAttributes().owner().equals(old.owner())) {
				view.setOwner(old.owner());
			}
			if (!view.readAttributes().group().equals(old.group())) {
				view.setGroup(old.group());
			}
		}
		catch (IOException e) {
			// not ours to give away (not root): the content is the same user's anyway
		}
	}

	private static boolean posix(Path directory) {
		return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	/** Flushes a directory's entries to the disk, where the platform can (not on Windows). */
	private static void forceDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException e) {
			// the rename is done; only its durability across a power cut is not promised here
		}
	}

}
