package io.astrashell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

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

	/**
	 * The user's home directory, as bash, git or gh take it: {@code $HOME} when it is set to an
	 * absolute path (containers, CI runners and {@code sudo -E} set it so), else the JVM's
	 * {@code user.home} (the home of the password file).
	 */
	public static String userHome(String homeVariable) {
		if (homeVariable != null && !homeVariable.isBlank()) {
			try {
				if (Path.of(homeVariable).isAbsolute()) {
					return homeVariable;
				}
			}
			catch (InvalidPathException e) {
				// not a path: take the JVM's
			}
		}
		return System.getProperty("user.home");
	}

	/** The user's home directory from these environment variables ({@link #userHome(String)}). */
	public static String userHome(Map<String, String> environment) {
		return userHome(environment.get("HOME"));
	}

	/** {@code ~} and {@code ~/...} in a path from settings or options, as a shell would expand them. */
	public static String expandHome(String path, String userHome) {
		if (path.equals("~") || path.startsWith("~/")) {
			return userHome.endsWith("/") && path.length() > 1 ? userHome + path.substring(2) : userHome + path.substring(1);
		}
		return path;
	}

	public Path resolve(String name) {
		return path.resolve(name);
	}

}
