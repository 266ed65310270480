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
			try {
				Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
			}
			catch (UnsupportedOperationException e) {
				// not a POSIX file system
			}
		}
		return path;
	}

	public Path resolve(String name) {
		return path.resolve(name);
	}

}
