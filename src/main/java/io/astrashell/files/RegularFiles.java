package io.astrashell.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule for every file the shell reads or writes by name: it must be a regular file (or, to
 * be written, missing), after following symbolic links. A directory, a device ({@code /dev/null},
 * {@code /dev/zero}), a named pipe or a socket is refused before anything is opened, written,
 * locked, created beside it or chmod-ed, with a sentence naming the file and what it is. A file to
 * be written must also be writable by its mode bits (a {@code 0400} file is read-only, even for
 * root); a file read is bounded (a limit its reader documents) and must be UTF-8 when read as text.
 */
public final class RegularFiles {

	/** A file that cannot be used as asked; the message is one sentence naming it and why. */
	public static class Refused extends IOException {

		private static final long serialVersionUID = 1L;

		public Refused(String message) {
			super(message);
		}

	}

	/** A file that is not UTF-8 text: its message names the file and the line. */
	public static final class NotUtf8 extends Refused {

		private static final long serialVersionUID = 1L;

		private final int line;

		NotUtf8(String what, int line) {
			super(what + " is not UTF-8 text (line " + line + " holds a byte that is not UTF-8): save it as UTF-8.");
			this.line = line;
		}

		public int line() {
			return line;
		}

	}

	private RegularFiles() {
	}

	/**
	 * What a file is when it is not a regular one, after links ("a directory", "a character device",
	 * "a named pipe (FIFO)"...); null when it is a regular file or there is none.
	 */
	public static String notRegular(Path file) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class);
		}
		catch (IOException e) {
			return null; // missing (or unreadable: the open says why)
		}
		if (attributes.isRegularFile()) {
			return null;
		}
		if (attributes.isDirectory()) {
			return "a directory";
		}
		try {
			int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
			switch (type) {
				case 0010000:
					return "a named pipe, a FIFO";
				case 0020000:
					return "a character device";
				case 0060000:
					return "a block device";
				case 0140000:
					return "a socket";
				default:
					break;
			}
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
			// not a Unix file system: say no more than the JDK knows
		}
		return "not a file (a device, a pipe or a socket)";
	}

	/** {@code what} with the path and, for a link, where it points: "The history file F (a link to T)". */
	private static String named(String what, Path file) {
		if (Files.isSymbolicLink(file)) {
			try {
				return what + " " + file + " (a link to " + file.toRealPath() + ")";
			}
			catch (IOException e) {
				return what + " " + file + " (a link)";
			}
		}
		return what + " " + file;
	}

	/** Refuses a file that exists and is not a regular one (links followed), naming it. */
	public static void requireRegularOrMissing(Path file, String what, String nothing) throws Refused {
		String is = notRegular(file);
		if (is != null) {
			throw new Refused(named(what, file) + " is not a regular file (it is " + is + "): give a regular file. "
					+ nothing);
		}
	}

	/**
	 * Checks a file about to be written (replaced, appended to, locked or created): missing, or a
	 * regular file (links followed) that its mode bits let this user write. Nothing is touched.
	 * {@code what} names it ("The profiles file"); {@code nothing} ends the message ("Nothing was
	 * written.").
	 */
	public static void checkWritable(Path file, String what, String nothing) throws Refused {
		requireRegularOrMissing(file, what, nothing);
		if (!Files.exists(file)) {
			return;
		}
		String mode = readOnlyMode(file);
		if (mode != null) {
			throw new Refused(named(what, file) + " is read-only (mode " + mode + "): make it writable (chmod u+w "
					+ file + ") to change it. " + nothing);
		}
	}

	/**
	 * The mode ({@code 0400}) of a file its mode bits do not let this user write, else null. Judged on
	 * the bits, not by {@code access(2)}: root may write anything, but a file its owner made read-only
	 * is read-only to the shell. The owner's write bit counts for the owner; anyone else needs a
	 * write bit for some class and the system's leave.
	 */
	static String readOnlyMode(Path file) {
		PosixFileAttributes posix;
		try {
			posix = Files.readAttributes(file, PosixFileAttributes.class);
		}
		catch (IOException | UnsupportedOperationException e) {
			return Files.isWritable(file) ? null : "read-only";
		}
		Set<PosixFilePermission> p = posix.permissions();
		boolean anyWrite = p.contains(PosixFilePermission.OWNER_WRITE) || p.contains(PosixFilePermission.GROUP_WRITE)
				|| p.contains(PosixFilePermission.OTHERS_WRITE);
		boolean mine = posix.owner().getName().equals(System.getProperty("user.name"));
		boolean writable = mine ? p.contains(PosixFilePermission.OWNER_WRITE) : anyWrite && Files.isWritable(file);
		return writable ? null : octal(p);
	}

	/** A mode as {@code chmod} takes it: {@code 0400}. */
	static String octal(Set<PosixFilePermission> permissions) {
		int mode = 0;
		for (PosixFilePermission p : permissions) {
			mode |= 1 << (8 - p.ordinal());
		}
		return String.format(Locale.ROOT, "%04o", mode);
	}

	/**
	 * Creates a new file its owner's alone ({@code 0600} where POSIX); fails if there is one already.
	 */
	public static void createOwnerOnly(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(file);
		}
	}

	/**
	 * Opens a lock file for writing, creating it ({@code 0600}) if missing: a file that is there and
	 * not a regular one, after links, or that is read-only, is refused before it is opened.
	 */
	public static FileChannel openLockFile(Path lockFile, String what, String nothing, StandardOpenOption... more)
			throws IOException {
		checkWritable(lockFile, what, nothing);
		try {
			createOwnerOnly(lockFile);
		}
		catch (FileAlreadyExistsException e) {
			requireRegularOrMissing(lockFile, what, nothing); // there already (another process made it)
		}
		Set<StandardOpenOption> options = new HashSet<>(Set.of(StandardOpenOption.WRITE));
		options.addAll(Set.of(more));
		return FileChannel.open(lockFile, options);
	}

	// ---- reading, bounded

	/**
	 * The bytes of a regular file (links followed), at most {@code limit}: a file that is not a
	 * regular one is refused before it is opened (a named pipe would wait forever, {@code /dev/zero}
	 * never end), a larger one refused naming its size and the limit.
	 */
	public static byte[] read(Path file, String what, long limit) throws IOException {
		requireRegularOrMissing(file, what, "Nothing was read from it.");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size > limit) {
				throw tooLarge(named(what, file), size, limit);
			}
			return readAtMost(Channels.newInputStream(channel), named(what, file), limit);
		}
	}

	/** The file's text ({@link #read}), which must be UTF-8 (a byte-order mark is dropped). */
	public static String readText(Path file, String what, long limit) throws IOException {
		return decode(read(file, what, limit), named(what, file));
	}

	/** What a stream (standard input) holds, at most {@code limit} bytes: more is refused plainly. */
	public static byte[] readAtMost(InputStream in, String what, long limit) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
		if (bytes.length > limit) {
			throw tooLarge(what, -1, limit);
		}
		return bytes;
	}

	/** {@link #readAtMost} as UTF-8 text. */
	public static String readText(InputStream in, String what, long limit) throws IOException {
		return decode(readAtMost(in, what, limit), what);
	}

	private static Refused tooLarge(String named, long size, long limit) {
		return new Refused(named + (size < 0 ? " is over" : " is " + size(size) + ", over") + " the limit of "
				+ size(limit) + " for it: give a smaller one. Nothing was read from it.");
	}

	/** A size in words: "1.5 MiB (1572864 bytes)". */
	public static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " bytes";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		String number = value == Math.rint(value) ? String.valueOf((long) value)
				: String.format(Locale.ROOT, "%.1f", value);
		return number + " " + units[unit] + " (" + bytes + " bytes)";
	}

	/**
	 * Bytes as UTF-8 text, strictly: a byte that is not UTF-8 is refused naming {@code what} and its
	 * line ({@link NotUtf8}). A leading byte-order mark is dropped.
	 */
	public static String decode(byte[] bytes, String what) throws NotUtf8 {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			int line = 1;
			for (int i = 0; i < in.position(); i++) {
				if (bytes[i] == '\n') {
					line++;
				}
			}
			throw new NotUtf8(what, line);
		}
		out.flip();
		String text = out.toString();
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

}
