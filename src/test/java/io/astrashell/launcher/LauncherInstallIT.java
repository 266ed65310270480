package io.astrashell.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.astrashell.cli.LaunchGrammar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher where users have it: a POSIX sh script run by dash and by bash, clean under
 * shellcheck, through a symbolic link on PATH from any folder, started several times at once on a
 * new install, kept right across an in-place JDK update. An "install" here is a copy of the
 * launcher, application.yml and the jar, no sources (the release's layout is ReleaseIT's).
 */
class LauncherInstallIT {

	private static final Path LAUNCHER = Path.of("astra").toAbsolutePath();

	@TempDir
	Path dir;

	record Run(int exit, String out, String err) {

		@Override
		public String toString() {
			return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}

	}

	/** Runs a command with a fresh astra home and profiles file, standard input from /dev/null. */
	Run run(Path cwd, Map<String, String> env, String... command) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
		pb.environment().remove("ASTRA_DB_APPLICATION_TOKEN");
		pb.environment().put("HOME", dir.toString());
		pb.environment().put("ASTRA_HOME", dir.resolve("astra-home").toString());
		pb.environment().put("ASTRARC", dir.resolve("astrarc").toString());
		// a null value removes the variable
		env.forEach((k, v) -> {
			if (v == null) {
				pb.environment().remove(k);
			}
			else {
				pb.environment().put(k, v);
			}
		});
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
		Process p = pb.start();
		assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", command) + " ended").isTrue();
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	/** A copy of what an install holds: the launcher, application.yml and the jar. */
	static Path install(Path where) throws IOException {
		Files.createDirectories(where.resolve("target"));
		Files.copy(LAUNCHER, where.resolve("astra"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.copy(Path.of("application.yml"), where.resolve("application.yml"));
		Files.copy(Path.of("target", "astra-shell.jar"), where.resolve("target/astra-shell.jar"));
		return where;
	}

	static List<String> files(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(f -> f.getFileName().toString()).sorted().toList();
		}
	}

	static boolean has(String program) {
		return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dash", "bash" })
	void runsUnderDashAndBash(String shell) throws Exception {
		assumeTrue(has(shell), shell + " is not installed (.ci/run installs it)");
		Run id = run(Path.of("."), Map.of(), shell, LAUNCHER.toString(), "org", "id", "--env", "local");
		assertThat(id.exit()).as(id.toString()).isZero();
		assertThat(id.out()).matches("[0-9a-f-]{36}\n");
		Run help = run(Path.of("."), Map.of(), shell, LAUNCHER.toString(), "help", "org id");
		assertThat(help.exit()).as(help.toString()).isZero();
		assertThat(help.out()).contains("astra org id - Display the Organization id");
		assertThat(run(Path.of("."), Map.of(), shell, LAUNCHER.toString(), "nonsense").exit()).isEqualTo(11);
		Run options = run(Path.of("."), Map.of("ASTRA_JAVA_OPTS", "-Dastra.probe=1 -Dastra.probe2=2"), shell,
				LAUNCHER.toString(), "org", "name", "--env", "local");
		assertThat(options.out()).as(options.toString()).isEqualTo("Sandbox Org\n");
	}

	/**
	 * Global options alone open the prompt, a command word runs one command: the launcher knows which
	 * options take a value from a file written from the command model when the jar is extracted, and
	 * written again when it is missing.
	 */
	@Test
	void theModeFollowsTheGrammarWrittenFromTheCommandModel() throws Exception {
		Path install = install(dir.resolve("install"));
		Map<String, String> env = Map.of("ASTRA_NO_CACHE", "1");
		Run first = run(install, env, "sh", "-x", "./astra", "--env", "local", "-o", "json", "-cf", "rc");
		assertThat(first.exit()).as(first.toString()).isZero();
		assertThat(first.err()).doesNotContain("MODE=one-shot");
		Path grammar = install.resolve("target/launch/grammar.sh");
		assertThat(grammar).hasContent(LaunchGrammar.script());
		Files.delete(grammar);
		Run oneShot = run(install, env, "sh", "-x", "./astra", "--env", "local", "org", "name");
		assertThat(oneShot.exit()).as(oneShot.toString()).isZero();
		assertThat(oneShot.out()).isEqualTo("Sandbox Org\n");
		assertThat(oneShot.err()).contains("MODE=one-shot");
		assertThat(grammar).hasContent(LaunchGrammar.script());
		Run prompt = run(install, env, "sh", "-x", "./astra", "-conf", "org", "--token", "x", "--no-color");
		assertThat(prompt.exit()).as(prompt.toString()).isZero();
		assertThat(prompt.err()).doesNotContain("MODE=one-shot");
	}

	@Test
	void isCleanUnderShellcheckAsPosixSh() throws Exception {
		assumeTrue(has("shellcheck"), "shellcheck is not installed (.ci/run installs it)");
		assertThat(Files.readAllLines(LAUNCHER).get(0)).isEqualTo("#!/bin/sh");
		Run r = run(Path.of("."), Map.of(), "shellcheck", "-s", "sh", LAUNCHER.toString());
		assertThat(r.exit()).as(r.toString()).isZero();
	}

	@Test
	void runsFromAnyFolderThroughASymlinkOnPath() throws Exception {
		Path bin = Files.createDirectories(dir.resolve("bin"));
		Files.createSymbolicLink(bin.resolve("astra"), LAUNCHER);
		// a relative link to that link, as package managers make them
		Path other = Files.createDirectories(dir.resolve("other"));
		Files.createSymbolicLink(other.resolve("astra"), Path.of("../bin/astra"));
		Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
		String path = bin + ":" + System.getenv("PATH");
		Run r = run(elsewhere, Map.of("PATH", path), "sh", "-c", "astra org name --env local");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo("Sandbox Org\n");
		Run viaRelative = run(elsewhere, Map.of(), other.resolve("astra").toString(), "version");
		assertThat(viaRelative.exit()).as(viaRelative.toString()).isZero();
		// the command runs in the caller's folder: a relative script path is the caller's
		Files.writeString(elsewhere.resolve("here.astra"), "org name\n");
		Run script = run(elsewhere, Map.of("PATH", path), "sh", "-c", "astra script here.astra --env local");
		assertThat(script.exit()).as(script.toString()).isZero();
		assertThat(script.out()).isEqualTo("Sandbox Org\n");
	}

	@Test
	void firstStartsAtOnceExtractOnceAndTrainOnce() throws Exception {
		Path install = install(dir.resolve("install"));
		List<Process> started = new ArrayList<>();
		List<Path> errs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ProcessBuilder pb = new ProcessBuilder(install.resolve("astra").toString(), "version");
			pb.environment().put("ASTRA_HOME", dir.resolve("h" + i).toString());
			Path err = dir.resolve("err" + i);
			errs.add(err);
			pb.redirectError(err.toFile()).redirectOutput(dir.resolve("out" + i).toFile())
				.redirectInput(new File("/dev/null"));
			started.add(pb.start());
		}
		for (int i = 0; i < started.size(); i++) {
			Process p = started.get(i);
			assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
			String err = Files.readString(errs.get(i));
			assertThat(p.exitValue()).as(err).isZero();
			assertThat(Files.readString(dir.resolve("out" + i))).startsWith("astra shell ");
			assertThat(err).doesNotContain("cannot extract").doesNotContain("starting from it directly")
				.doesNotContain("could not build");
		}
		List<String> launch = files(install.resolve("target/launch"));
		assertThat(launch).containsOnlyOnce("app")
			.filteredOn(n -> n.matches("astra-\\d+-\\d+-one-shot\\.(aot|jsa)"))
			.hasSize(1);
		assertThat(launch).noneMatch(n -> n.endsWith(".failed") || n.endsWith(".tmp") || n.endsWith(".lock"));
		assertThat(files(install.resolve("target"))).noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".lock"));
	}

	@Test
	void aJdkUpdatedInPlaceGetsANewArchive() throws Exception {
		Path install = install(dir.resolve("install"));
		String realJava = run(Path.of("."), Map.of("ASTRA_PRINT_JAVA", "1"), LAUNCHER.toString()).out().strip();
		Path realHome = Path.of(realJava).toRealPath().getParent().getParent();
		// a JDK of our own: its java runs the real one, its release file is ours to change
		Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
		Path java = jdk.resolve("java");
		Files.writeString(java, "#!/bin/sh\nexec '" + realJava + "' \"$@\"\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path release = dir.resolve("jdk/release");
		Files.copy(realHome.resolve("release"), release);
		Map<String, String> env = Map.of("ASTRA_JAVA", java.toString());

		Run first = run(install, env, "./astra", "version");
		assertThat(first.exit()).as(first.toString()).isZero();
		List<String> before = archives(install);
		assertThat(before).hasSize(1);

		// the JDK is updated in place: same path, a new release file
		// (what the launcher noted is made older rather than the release file newer: a time in the future
		// would still be ahead of the next start's notes when that start is quick, and `ls -l` shows a
		// future time in another form, which would change the JDK's identity once that time has passed)
		Files.writeString(release, Files.readString(release) + "UPDATED=\"yes\"\n");
		Path noted = install.resolve("target/launch/jvm.sh");
		noted.toFile().setLastModified(System.currentTimeMillis() - 10_000);
		Run after = run(install, env, "./astra", "version");
		assertThat(after.exit()).as(after.toString()).isZero();
		List<String> now = archives(install);
		assertThat(now).hasSize(2).containsAll(before);
		// and the next start uses the new one without learning the JDK again
		assertThat(run(install, env, "./astra", "version").err()).isEmpty();
		assertThat(archives(install)).isEqualTo(now);
	}

	private static List<String> archives(Path install) throws IOException {
		return files(install.resolve("target/launch")).stream()
			.filter(n -> n.matches("astra-\\d+-\\d+-one-shot\\.(aot|jsa)"))
			.toList();
	}

	/** The launcher looks for newer sources by globbing eight levels under src/main: deep enough. */
	@Test
	void everySourceIsWithinTheLaunchersGlobDepth() throws IOException {
		Path main = Path.of("src", "main");
		try (Stream<Path> all = Files.walk(main)) {
			assertThat(all.mapToInt(p -> main.relativize(p).getNameCount()).max().orElse(0)).isLessThanOrEqualTo(8);
		}
	}

}
