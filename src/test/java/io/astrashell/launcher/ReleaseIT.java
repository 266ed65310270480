package io.astrashell.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.astrashell.BuildInfo;
import io.astrashell.launcher.LaunchFixture.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The release (target/release/, built in the same {@code mvn verify} by packaging/release.sh when a
 * JDK 25 is found) as users get it: installed by install.sh under a PATH with no java and no mvn and
 * a JAVA_HOME pointing nowhere, its first command answering with nothing said and nothing made; a
 * moved copy the same; a read-only install run by another user the same (and, given another Java,
 * making its archive in that user's cache folder); uninstalled with the profiles kept; the .deb
 * unpacked and run; a tampered archive, and a new version that does not answer, refused with the
 * previous install left as it was.
 */
class ReleaseIT {

	static final Path RELEASE = Path.of("target", "release").toAbsolutePath();

	static final String VERSION = BuildInfo.load().version();

	static final String ARCHIVE = "astra-shell-" + VERSION + "-linux-x64.tar.gz";

	@TempDir
	static Path dir;

	static LaunchFixture fx;

	/** The environment of a user without Java: a PATH holding no java and no mvn, JAVA_HOME nowhere. */
	static Map<String, String> user;

	static Path prefix;

	static Path installed;

	@BeforeAll
	static void install() throws Exception {
		need(Files.isRegularFile(RELEASE.resolve("SHA256SUMS")),
				"no release in target/release (packaging/release.sh needs a JDK 25: see the build's [release] lines)");
		fx = new LaunchFixture(dir);
		Path bin = Files.createDirectories(dir.resolve("no-java-bin"));
		for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
			if (!Files.isDirectory(Path.of(d))) {
				continue;
			}
			try (Stream<Path> s = Files.list(Path.of(d))) {
				for (Path p : s.toList()) {
					String name = p.getFileName().toString();
					String real = Files.exists(p) ? p.toRealPath().toString() : "";
					if (name.matches("java.*|javac|jar|jshell|jlink|jdeps|keytool|mvn.*") || real.contains("/jvm/")
							|| real.contains("maven") || Files.exists(bin.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
						continue;
					}
					Files.createSymbolicLink(bin.resolve(name), p);
				}
			}
		}
		user = new HashMap<>();
		user.put("PATH", bin.toString());
		user.put("JAVA_HOME", "/nonexistent/jdk");
		user.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
		assertThat(as(user, "sh", "-c", "command -v java || command -v mvn").exit()).isNotZero();

		prefix = dir.resolve("prefix");
		Run r = installInto(prefix, user, RELEASE);
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).contains("astra shell " + VERSION + " installed").contains(prefix + "/bin is not on your PATH");
		installed = prefix.resolve("share/astra-shell/" + VERSION);
	}

	/** What the tests need: in CI (CI=true, as .ci/run runs) a failure when missing, else a skip. */
	static void need(boolean met, String missing) {
		if ("true".equals(System.getenv("CI"))) {
			assertThat(met).as("CI=true: " + missing).isTrue();
		}
		assumeTrue(met, missing);
	}

	static Run installInto(Path prefix, Map<String, String> env, Path from, String... more) throws Exception {
		List<String> command = new ArrayList<>(List.of("sh", RELEASE.resolve("install.sh").toString(), "--from",
				from.toString(), "--prefix", prefix.toString()));
		command.addAll(List.of(more));
		return as(env, command.toArray(String[]::new));
	}

	/** {@code command} with {@code env} as its whole environment ({@code env -i}: nothing of this test's). */
	static Run as(Map<String, String> env, String... command) throws Exception {
		List<String> all = new ArrayList<>(List.of("/usr/bin/env", "-i"));
		env.forEach((k, v) -> all.add(k + "=" + v));
		all.addAll(List.of(command));
		return fx.run(dir, Map.of(), all.toArray(String[]::new));
	}

	/** The class archives (and partial ones) under {@code root}, wherever they are. */
	static List<String> archivesUnder(Path root) throws IOException {
		try (Stream<Path> s = Files.walk(root)) {
			return s.map(Path::toString).filter(n -> n.matches(".*\\.(aot|jsa)(\\..*)?|.*\\.tmp")).sorted().toList();
		}
	}

	/** Every file under {@code root} with its size, links as their target. */
	static Map<String, String> tree(Path root) throws IOException {
		Map<String, String> files = new TreeMap<>();
		if (!Files.exists(root)) {
			return files;
		}
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : s.toList()) {
				files.put(root.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
						: Files.isDirectory(p) ? "dir" : String.valueOf(Files.size(p)));
			}
		}
		return files;
	}

	/** One command as the user runs it; asserts it answered, with nothing said about preparing. */
	static Run quietly(Map<String, String> env, String... command) throws Exception {
		Run r = as(env, command);
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.err()).as(r.toString()).doesNotContain("astra:").doesNotContain("preparing")
			.doesNotContain("warning");
		return r;
	}

	@Test
	void theFirstCommandsAfterInstallAnswerQuietlyWithTheShippedRuntimeAndMakeNothing() throws Exception {
		Path astra = prefix.resolve("bin/astra");
		assertThat(Files.readSymbolicLink(astra)).isEqualTo(Path.of("../share/astra-shell/" + VERSION + "/astra"));
		Map<String, String> before = tree(prefix);
		List<String> archives = archivesUnder(dir);
		Run version = quietly(user, astra.toString(), "version");
		assertThat(version.out()).startsWith("astra shell " + VERSION + " (Java 25");
		assertThat(version.err()).isEmpty();
		Map<String, String> used = new HashMap<>(user);
		used.put("ASTRA_JAVA_OPTS", "-Xlog:aot=info");
		assertThat(quietly(used, astra.toString(), "org", "name", "--env", "local").out())
			.contains("Using AOT-linked classes: true").endsWith("Sandbox Org\n");
		// the prompt's mode (commands on standard input) has its archive too
		assertThat(quietly(used, astra.toString(), "--env", "local").out()).contains("Using AOT-linked classes: true");
		assertThat(as(Map.of("ASTRA_PRINT_JAVA", "1", "PATH", user.get("PATH")), astra.toString()).out())
			.isEqualTo(installed.resolve("runtime/bin/java") + "\n");
		// the shipped runtime before a real JAVA_HOME; ASTRA_JAVA still wins
		String jdk = System.getProperty("java.home");
		assertThat(as(Map.of("ASTRA_PRINT_JAVA", "1", "PATH", user.get("PATH"), "JAVA_HOME", jdk), astra.toString()).out())
			.isEqualTo(installed.resolve("runtime/bin/java") + "\n");
		assertThat(as(Map.of("ASTRA_PRINT_JAVA", "1", "PATH", user.get("PATH"), "JAVA_HOME", jdk, "ASTRA_JAVA",
				jdk + "/bin/java"), astra.toString()).out()).isEqualTo(jdk + "/bin/java\n");
		assertThat(tree(prefix)).isEqualTo(before);
		assertThat(archivesUnder(dir)).isEqualTo(archives);
		assertThat(Path.of(user.get("HOME"), ".cache")).doesNotExist();
		assertThat(Files.readString(prefix.resolve("share/bash-completion/completions/astra")))
			.startsWith("# bash completion for astra shell");
		assertThat(Files.readString(prefix.resolve("share/zsh/site-functions/_astra"))).startsWith("#compdef astra");
	}

	@Test
	void anInstalledReleaseServesThroughItsShippedClientAndMakesNothing() throws Exception {
		Path astra = prefix.resolve("bin/astra");
		// a home of its own: the session's socket folder is under it (~/.cache), which the other tests check is never made
		Map<String, String> user = with(ReleaseIT.user, "HOME", Files.createDirectories(dir.resolve("daemon-home")).toString());
		assertThat(quietly(user, astra.toString(), "daemon", "start", "--idle", "60s").out()).contains("[OK]");
		try {
			List<String> archives = archivesUnder(dir);
			Map<String, String> before = tree(prefix);
			Run cold = quietly(with(user, "ASTRA_DAEMON", "off"), astra.toString(), "org", "name", "--env", "local");
			Run served = quietly(user, astra.toString(), "org", "name", "--env", "local");
			assertThat(served.out()).isEqualTo(cold.out()).endsWith("Sandbox Org\n");
			assertThat(served.err()).isEmpty();
			assertThat(quietly(user, astra.toString(), "daemon", "status", "-o", "json").out()).contains("\"served\" : 1");
			assertThat(tree(prefix)).isEqualTo(before);
			assertThat(archivesUnder(dir)).as("the shipped client archive is used, none is made").isEqualTo(archives);
		}
		finally {
			as(user, astra.toString(), "daemon", "stop");
		}
	}

	static Map<String, String> with(Map<String, String> env, String name, String value) {
		Map<String, String> more = new HashMap<>(env);
		more.put(name, value);
		return more;
	}

	@Test
	void theArchiveHoldsTheLayoutAloneATrimmedRuntimeAndChecksums() throws Exception {
		assertThat(Files.size(RELEASE.resolve(ARCHIVE))).isLessThan(80L * 1024 * 1024);
		// no fat jar: the application's jar holds its own classes, the libraries are beside it
		try (JarFile jar = new JarFile(installed.resolve("lib/app/astra-shell.jar").toFile())) {
			assertThat(jar.stream().map(e -> e.getName())).noneMatch(n -> n.startsWith("BOOT-INF/"));
		}
		assertThat(LaunchFixture.files(installed.resolve("lib")))
			.anyMatch(n -> n.matches("astra-\\d+-\\d+-one-shot\\.aot")).anyMatch(n -> n.matches("astra-\\d+-\\d+-prompt\\.aot"))
			.anyMatch(n -> n.matches("astra-\\d+-\\d+-client\\.aot"));
		assertThat(installed.resolve("lib/app/client.jar")).isRegularFile();
		assertThat(LaunchFixture.files(installed.resolve("runtime/lib")))
			.noneMatch(n -> n.matches("lib(awt|jsound|fontmanager|splashscreen|lcms|javajpeg|mlib_image).*"));
		assertThat(installed.resolve("runtime/include")).doesNotExist();
		assertThat(installed.resolve("runtime/man")).doesNotExist();
		// SHA256SUMS: every other file of the release, with its digest
		List<String> sums = Files.readAllLines(RELEASE.resolve("SHA256SUMS"));
		List<String> others = LaunchFixture.files(RELEASE).stream().filter(n -> !n.equals("SHA256SUMS")).toList();
		assertThat(others).contains(ARCHIVE, "install.sh", "astra-shell_" + VERSION + "_amd64.deb", "astra-shell.rb");
		for (String name : others) {
			assertThat(sums).contains(sha256(RELEASE.resolve(name)) + "  " + name);
		}
		assertThat(Files.readString(RELEASE.resolve("astra-shell.rb"))).contains("version \"" + VERSION + "\"")
			.contains("sha256 \"" + sha256(RELEASE.resolve(ARCHIVE)) + "\"").contains("/v" + VERSION + "/" + ARCHIVE);
	}

	static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

	@Test
	void aMovedOrCopiedInstallUsesItsShippedArchives() throws Exception {
		Path copied = dir.resolve("copied");
		assertThat(fx.run(dir, Map.of(), "cp", "-R", installed.toString(), copied.toString()).exit()).isZero();
		Path moved = dir.resolve("elsewhere/moved");
		Files.createDirectories(moved.getParent());
		assertThat(fx.run(dir, Map.of(), "cp", "-a", installed.toString(), dir.resolve("to-move").toString()).exit()).isZero();
		Files.move(dir.resolve("to-move"), moved);
		for (Path copy : List.of(copied, moved)) {
			Map<String, String> before = tree(copy);
			Map<String, String> used = new HashMap<>(user);
			// the archive serves, and the JDK does not look for the jars where the release was trained:
			// when the archives held the build's paths, its class loaders' toFileURL failed on them some
			// 2,000 times a start (about 10% of a one-shot command)
			used.put("ASTRA_JAVA_OPTS", "-Xlog:aot=info -Xlog:exceptions=info");
			assertThat(quietly(used, copy.resolve("astra").toString(), "org", "id", "--env", "local").out())
				.contains("Using AOT-linked classes: true").doesNotContain("'toFileURL'");
			assertThat(tree(copy)).as(copy.toString()).isEqualTo(before);
		}
		assertThat(Path.of(user.get("HOME"), ".cache")).doesNotExist();
	}

	/**
	 * Read-only to another user (as root installs it, and as the container image runs it: its own user,
	 * HOME on a volume): the shipped archives serve, nothing is made; given another Java, what must be
	 * made goes to that user's cache folder, quietly about the install.
	 */
	@Test
	void aReadOnlyInstallRunByAnotherUserMakesNothing() throws Exception {
		need("root".equals(System.getProperty("user.name")) && LaunchFixture.has("setpriv"),
				"needs root and setpriv to run as another user");
		// the image's steps, without its comments: the archive on a small base, its own user, HOME on a volume
		List<String> steps = Files.readAllLines(Path.of("Dockerfile")).stream().filter(l -> !l.startsWith("#")).toList();
		assertThat(steps).contains("FROM debian:bookworm-slim", "ADD target/release/astra-shell-*-linux-x64.tar.gz /opt/",
				"USER astra", "ENV HOME=/data", "VOLUME /data", "ENTRYPOINT [\"/opt/astra-shell/astra\"]");
		assertThat(String.join("\n", steps)).doesNotContainIgnoringCase("mvn").doesNotContainIgnoringCase("jdk");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path ro = dir.resolve("opt/astra-shell");
		Files.createDirectories(ro.getParent());
		assertThat(fx.run(dir, Map.of(), "cp", "-a", installed.toString(), ro.toString()).exit()).isZero();
		assertThat(fx.run(dir, Map.of(), "chmod", "-R", "a-w", ro.toString()).exit()).isZero();
		Path volume = Files.createDirectories(dir.resolve("data"));
		assertThat(fx.run(dir, Map.of(), "chown", "65534:65534", volume.toString()).exit()).isZero();
		Map<String, String> other = new HashMap<>(user);
		other.put("HOME", volume.toString());
		String astra = ro.resolve("astra").toString();
		Map<String, String> before = tree(ro);
		String[] asOther = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups" };
		assertThat(quietly(other, concat(asOther, astra, "version")).out()).startsWith("astra shell " + VERSION);
		assertThat(quietly(other, concat(asOther, astra, "org", "name", "--env", "local")).out()).isEqualTo("Sandbox Org\n");
		assertThat(quietly(other, concat(asOther, astra, "config", "create", "keep", "--token",
				"AstraCS:abcdefghijklmnopqrstuvwx:" + "0".repeat(64), "--no-validate")).exit()).isZero();
		assertThat(quietly(other, concat(asOther, astra, "config", "list")).out()).contains("keep");
		assertThat(volume.resolve(".astrarc")).exists();
		assertThat(volume.resolve(".cache")).doesNotExist();

		// another Java (the one running this test): its archive is made in the user's cache folder
		other.put("ASTRA_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Run first = as(other, concat(asOther, astra, "version"));
		assertThat(first.exit()).as(first.toString()).isZero();
		assertThat(first.err()).doesNotContain("ermission").doesNotContain("cannot");
		assertThat(LaunchFixture.files(volume.resolve(".cache/astra-shell"))).anyMatch(n -> n.matches("astra-\\d+-\\d+-one-shot\\.(aot|jsa)"));
		assertThat(quietly(other, concat(asOther, astra, "version")).err()).isEmpty();
		assertThat(tree(ro)).isEqualTo(before);
	}

	static String[] concat(String[] first, String... rest) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(rest));
		return all.toArray(String[]::new);
	}

	@Test
	void uninstallRemovesTheInstallAndKeepsTheProfiles() throws Exception {
		Map<String, String> env = new HashMap<>(user);
		Path home = Files.createDirectories(dir.resolve("home-uninstall"));
		env.put("HOME", home.toString());
		Path p = dir.resolve("prefix-uninstall");
		assertThat(installInto(p, env, RELEASE).exit()).isZero();
		String astra = p.resolve("bin/astra").toString();
		quietly(env, astra, "org", "name", "--env", "local");
		quietly(env, astra, "config", "create", "keep", "--token", "AstraCS:abcdefghijklmnopqrstuvwx:" + "0".repeat(64),
				"--no-validate");
		String profiles = Files.readString(home.resolve(".astrarc"));
		Map<String, String> astraHome = tree(home.resolve(".astra"));
		Run r = as(env, "sh", RELEASE.resolve("install.sh").toString(), "--uninstall", "--prefix", p.toString());
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).contains("removed " + p.resolve("bin/astra")).contains("kept your profiles");
		assertThat(p.resolve("bin/astra")).doesNotExist();
		assertThat(p.resolve("share/astra-shell")).doesNotExist();
		assertThat(p.resolve("share/bash-completion/completions/astra")).doesNotExist();
		assertThat(p.resolve("share/zsh/site-functions/_astra")).doesNotExist();
		assertThat(home.resolve(".astrarc")).hasContent(profiles);
		assertThat(tree(home.resolve(".astra"))).isEqualTo(astraHome).isNotEmpty();
	}

	@Test
	void theDebUnpackedRunsWithItsLinksAndDependsOnLibcAlone() throws Exception {
		Path deb = RELEASE.resolve("astra-shell_" + VERSION + "_amd64.deb");
		assertThat(fx.run(dir, Map.of(), "dpkg-deb", "-f", deb.toString(), "Depends").out().strip()).isEqualTo("libc6");
		Path root = dir.resolve("deb");
		Run x = fx.run(dir, Map.of(), "dpkg-deb", "-x", deb.toString(), root.toString());
		assertThat(x.exit()).as(x.toString()).isZero();
		assertThat(Files.readSymbolicLink(root.resolve("usr/bin/astra"))).isEqualTo(Path.of("../lib/astra-shell/astra"));
		assertThat(root.resolve("usr/share/bash-completion/completions/astra")).isRegularFile();
		assertThat(root.resolve("usr/share/zsh/vendor-completions/_astra")).isRegularFile();
		assertThat(root.resolve("usr/share/man/man1/astra.1.gz")).isRegularFile();
		Map<String, String> before = tree(root);
		assertThat(quietly(user, root.resolve("usr/bin/astra").toString(), "org", "name", "--env", "local").out())
			.isEqualTo("Sandbox Org\n");
		assertThat(tree(root)).isEqualTo(before);
	}

	@Test
	void aTamperedArchiveIsRefusedAndNothingIsInstalled() throws Exception {
		Path tampered = Files.createDirectories(dir.resolve("tampered"));
		for (String f : List.of("SHA256SUMS", ARCHIVE)) {
			Files.copy(RELEASE.resolve(f), tampered.resolve(f));
		}
		try (RandomAccessFile file = new RandomAccessFile(tampered.resolve(ARCHIVE).toFile(), "rw")) {
			file.seek(file.length() / 2);
			int b = file.read();
			file.seek(file.length() / 2);
			file.write(b ^ 0x01);
		}
		Path p = dir.resolve("prefix-tampered");
		Run r = installInto(p, user, tampered);
		assertThat(r.exit()).as(r.toString()).isNotZero();
		assertThat(r.err()).isEqualTo("install.sh: the checksum of " + ARCHIVE + " does not match " + tampered
				+ "/SHA256SUMS: nothing installed\n");
		assertThat(tree(p)).doesNotContainKeys("bin/astra", "share/astra-shell");
	}

	/** A new version that does not answer `astra version` leaves the installed one as it was. */
	@Test
	void aNewVersionThatDoesNotAnswerLeavesThePreviousOne() throws Exception {
		Path p = dir.resolve("prefix-upgrade");
		assertThat(installInto(p, user, RELEASE).exit()).isZero();
		Path broken = Files.createDirectories(dir.resolve("broken"));
		String name = "astra-shell-9.9.9";
		// (its launcher alone: what install.sh runs before it moves anything)
		Path unpacked = Files.createDirectories(dir.resolve("broken-src"));
		Files.createDirectories(unpacked.resolve(name));
		LaunchFixture.executable(unpacked.resolve(name + "/astra"), "#!/bin/sh\necho 'broken' >&2\nexit 3\n");
		String tar = name + "-linux-x64.tar.gz";
		assertThat(fx.run(unpacked, Map.of(), "tar", "-czf", broken.resolve(tar).toString(), name).exit()).isZero();
		Files.writeString(broken.resolve("SHA256SUMS"), sha256(broken.resolve(tar)) + "  " + tar + "\n");
		Map<String, String> before = tree(p);
		Run r = installInto(p, user, broken, "--version", "9.9.9");
		assertThat(r.exit()).as(r.toString()).isNotZero();
		assertThat(r.err()).startsWith("install.sh: astra shell 9.9.9 does not answer 'astra version' here").endsWith(": nothing changed\n");
		assertThat(tree(p)).isEqualTo(before);
		assertThat(quietly(user, p.resolve("bin/astra").toString(), "version").out()).startsWith("astra shell " + VERSION);

		// the same version again: replaced in place, the link unchanged, nothing left over
		Run again = installInto(p, user, RELEASE);
		assertThat(again.exit()).as(again.toString()).isZero();
		assertThat(LaunchFixture.files(p.resolve("share/astra-shell"))).containsExactly(VERSION);
		assertThat(quietly(user, p.resolve("bin/astra").toString(), "version").out()).startsWith("astra shell " + VERSION);
	}

	@Test
	void theInstallerIsPosixShAndRefusesBadOptionsPlainly() throws Exception {
		need(LaunchFixture.has("shellcheck"), "shellcheck is not installed (.ci/run installs it)");
		Run check = fx.run(dir, Map.of(), "shellcheck", "-s", "sh", Path.of("install.sh").toAbsolutePath().toString());
		assertThat(check.exit()).as(check.toString()).isZero();
		assertThat(Files.readString(RELEASE.resolve("install.sh"))).isEqualTo(Files.readString(Path.of("install.sh")));
		Run bad = as(user, "sh", RELEASE.resolve("install.sh").toString(), "--prefx", "x");
		assertThat(bad.exit()).isNotZero();
		assertThat(bad.err()).isEqualTo("install.sh: unknown option '--prefx' (options: --prefix DIR, --from DIR_OR_URL, "
				+ "--version V, --uninstall)\n");
		Run none = installInto(dir.resolve("prefix-none"), user, RELEASE, "--version", "0.0.1");
		assertThat(none.err()).isEqualTo("install.sh: " + RELEASE + "/SHA256SUMS lists no astra-shell-0.0.1-linux-x64.tar.gz\n");
	}

}
