package io.astrashell.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Files that are not regular files, made in a test's temporary folder (a named pipe, a character
 * device like {@code /dev/null}), and what a folder holds, to check that nothing changed or appeared.
 */
public final class SpecialFiles {

	private SpecialFiles() {
	}

	/** A named pipe (FIFO) at {@code path}. */
	public static Path fifo(Path path) throws Exception {
		run("mkfifo", path.toString());
		return path;
	}

	/** A character device node like {@code /dev/null} (1, 3) at {@code path}; the test is skipped where not allowed. */
	public static Path nullDevice(Path path) throws Exception {
		Process p = new ProcessBuilder("mknod", path.toString(), "c", "1", "3").redirectErrorStream(true).start();
		Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mknod is not allowed here");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
		return path;
	}

	/** The type and mode of a file, links followed: {@code 10644} for a regular 0644 file, {@code 20666} for a device. */
	public static String typeAndMode(Path path) throws IOException {
		return Integer.toOctalString((Integer) Files.getAttribute(path, "unix:mode"));
	}

	/** Every entry of a folder (not following links), with its type, mode and size. */
	public static Map<String, String> listing(Path dir) throws IOException {
		Map<String, String> entries = new TreeMap<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path f : files.toList()) {
				int mode = (Integer) Files.getAttribute(f, "unix:mode", LinkOption.NOFOLLOW_LINKS);
				long size = (Long) Files.getAttribute(f, "unix:size", LinkOption.NOFOLLOW_LINKS);
				entries.put(f.getFileName().toString(), Integer.toOctalString(mode) + " " + size);
			}
		}
		return entries;
	}

	/**
	 * Opens a named pipe for writing and closes it at once, without waiting: it ends whatever a code
	 * under test (before its fix) is stuck reading from it.
	 */
	public static void unblock(Path fifo) {
		Thread t = new Thread(() -> {
			try (OutputStream out = Files.newOutputStream(fifo)) {
				// opened, then closed: a reader sees the end
			}
			catch (IOException e) {
				// gone
			}
		});
		t.setDaemon(true);
		t.start();
		Thread r = new Thread(() -> {
			try (var in = Files.newInputStream(fifo)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException e) {
				// gone
			}
		});
		r.setDaemon(true);
		r.start();
	}

	private static void run(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: "
					+ new String(p.getInputStream().readAllBytes()));
		}
	}

}
