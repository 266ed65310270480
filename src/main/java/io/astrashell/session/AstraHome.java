package io.astrashell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The shell's own directory ({@code ~/.astra}, or {@code ASTRA_HOME}): sandbox state, history, caches. */
public record AstraHome(Path path) {

	/** The directory, created readable by its owner alone if missing. */
	public Path ensure() throws IOException {
		if (!Files.isDirectory(path)) {
			Files.createDirectories(path);
			ownerOnly(path);
		}
		return path;
	}

	/** Makes a file ({@code rw-------}) or a directory ({@code rwx------}) its owner's alone, where POSIX. */
	public static void ownerOnly(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file,
					PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------"));
		}
		catch (UnsupportedOperationException e) {
			// not a POSIX file system
		}
	}

	/** {@code ~} and {@code ~/...} in a path from settings or options, as a shell would expand them. */
	public static String expandHome(String path) {
		return path.equals("~") || path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
	}

	public Path resolve(String name) {
		return path.resolve(name);
	}

}
