package io.astrashell.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;

/**
 * Where a user's resident session listens: the socket {@code daemon.sock} in an owner-only folder,
 * {@code $XDG_RUNTIME_DIR/astra-shell} when that variable names a folder (the user's runtime folder,
 * itself owner-only), else {@code ~/.cache/astra-shell/daemon}. The launcher spells the same rule in
 * sh, to start the client only when the socket is there.
 */
public final class Rendezvous {

	public static final String SOCKET = "daemon.sock";

	static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private Rendezvous() {
	}

	/** The folder of {@code env}'s user, or null when neither variable gives an absolute path. */
	public static Path folder(Map<String, String> env) {
		Path runtime = absolute(env.get("XDG_RUNTIME_DIR"));
		if (runtime != null) {
			return runtime.resolve("astra-shell");
		}
		Path home = absolute(env.get("HOME"));
		if (home == null) {
			home = absolute(System.getProperty("user.home"));
		}
		return home == null ? null : home.resolve(".cache").resolve("astra-shell").resolve("daemon");
	}

	private static Path absolute(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			Path p = Path.of(value);
			return p.isAbsolute() ? p : null;
		}
		catch (InvalidPathException e) {
			return null;
		}
	}

	/**
	 * Whether {@code folder} is a folder (not a link) of its owner's alone ({@code rwx------}), and its
	 * owner: null when it is not, so that nobody else could have put a socket there.
	 */
	public static UserPrincipal ownerIfPrivate(Path folder) {
		try {
			if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
					|| !Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
				return null;
			}
			return Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException | UnsupportedOperationException e) {
			return null;
		}
	}

}
