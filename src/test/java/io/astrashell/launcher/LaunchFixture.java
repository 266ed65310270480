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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the launcher tests share: the launcher run as a separate process (under a given sh, in a given
 * folder, with a given environment), copies of an install and of a checkout, and small executables
 * standing in for a program at one moment (a Maven that takes its time, a Java that pauses after a
 * step so that the test can press Ctrl-C there).
 */
final class LaunchFixture {

	static final Path LAUNCHER = Path.of("astra").toAbsolutePath();

	static final Path JAR = Path.of("target", "astra-shell.jar").toAbsolutePath();

	private final Path dir;

	LaunchFixture(Path dir) {
		this.dir = dir;
	}

	record Run(int exit, String out, String err) {

		@Override
		public String toString() {
			return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}

	}

	/** A process with a fresh astra home and profiles file, standard input from /dev/null; a null value removes a variable. */
	ProcessBuilder builder(Path cwd, Map<String, String> env, List<String> command) {
		ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
		pb.environment().remove("ASTRA_DB_APPLICATION_TOKEN");
		pb.environment().remove("ASTRA_JAVA_OPTS");
		pb.environment().remove("XDG_RUNTIME_DIR"); // a resident session of the user running the tests is not theirs
		pb.environment().put("HOME", dir.toString());
		pb.environment().put("ASTRA_HOME", dir.resolve("astra-home").toString());
		pb.environment().put("ASTRARC", dir.resolve("astrarc").toString());
		env.forEach((k, v) -> {
			if (v == null) {
				pb.environment().remove(k);
			}
			else {
				pb.environment().put(k, v);
			}
		});
		pb.redirectInput(new File("/dev/null"));
		return pb;
	}

	Run run(Path cwd, Map<String, String> env, String... command) throws IOException, InterruptedException {
		return finish(start(cwd, env, List.of(command)), String.join(" ", command));
	}

	/** A started process and the files its output goes to. */
	record Started(Process process, Path out, Path err) {
	}

	Started start(Path cwd, Map<String, String> env, List<String> command) throws IOException {
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		ProcessBuilder pb = builder(cwd, env, command);
		pb.redirectOutput(out.toFile()).redirectError(err.toFile());
		return new Started(pb.start(), out, err);
	}

	static Run finish(Started s, String what) throws IOException, InterruptedException {
		assertThat(s.process().waitFor(300, TimeUnit.SECONDS)).as(what + " ended").isTrue();
		return new Run(s.process().exitValue(), Files.readString(s.out(), StandardCharsets.UTF_8),
				Files.readString(s.err(), StandardCharsets.UTF_8));
	}

	/**
	 * {@code shell astra ARGS} in a session of its own whose process group gets the signals a terminal's
	 * Ctrl-C sends, with INT, TERM and HUP at their defaults (the test runner may have been started with
	 * them ignored, which a shell cannot undo); the group's id is written to {@code pgid}.
	 */
	Started startInOwnGroup(Path cwd, Map<String, String> env, Path pgid, String shell, Path launcher, String... args)
			throws IOException {
		List<String> command = new ArrayList<>(List.of("setsid", "sh", "-c",
				"echo $$ > '" + pgid + "'; exec env --default-signal=INT,TERM,HUP \"$@\"", "sh", shell, launcher.toString()));
		command.addAll(List.of(args));
		return start(cwd, env, command);
	}

	/** Sends {@code signal} to the whole process group written to {@code pgid}, as a terminal's Ctrl-C does. */
	void signalGroup(String signal, Path pgid) throws IOException, InterruptedException {
		String group = Files.readString(pgid).strip();
		Run r = run(dir, Map.of(), "bash", "-c", "kill -s " + signal + " -- -" + group);
		assertThat(r.exit()).as(r.toString()).isZero();
	}

	/** Waits (two minutes at most) until {@code file} exists. */
	static void awaitFile(Path file, Started running) throws IOException, InterruptedException {
		for (int i = 0; i < 1200 && !Files.exists(file); i++) {
			if (!running.process().isAlive()) {
				throw new AssertionError("ended before " + file + " appeared:\n" + finish(running, "the run"));
			}
			Thread.sleep(100);
		}
		assertThat(file).exists();
	}

	/** A copy of what an install of the launcher and the jar holds: the launcher, application.yml and the jar. */
	static Path install(Path where) throws IOException {
		Files.createDirectories(where.resolve("target"));
		Files.copy(LAUNCHER, where.resolve("astra"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.copy(Path.of("application.yml"), where.resolve("application.yml"));
		Files.copy(JAR, where.resolve("target/astra-shell.jar"));
		return where;
	}

	/** A checkout that was never built: the launcher, pom.xml, application.yml and one source file, no jar. */
	static Path checkout(Path where) throws IOException {
		Files.createDirectories(where.resolve("src/main/java"));
		Files.copy(LAUNCHER, where.resolve("astra"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.copy(Path.of("application.yml"), where.resolve("application.yml"));
		Files.copy(Path.of("pom.xml"), where.resolve("pom.xml"));
		Files.writeString(where.resolve("src/main/java/Source.java"), "class Source {}\n");
		return where;
	}

	static Path executable(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

	/** The java the launcher picks here. */
	String realJava() throws IOException, InterruptedException {
		return run(Path.of("."), Map.of("ASTRA_PRINT_JAVA", "1"), LAUNCHER.toString()).out().strip();
	}

	/**
	 * A java that runs the real one, then, after the step named by ASTRA_TEST_PAUSE ({@code extract}: the
	 * jar's extraction, {@code train}: a class archive's training run), writes the file ASTRA_TEST_PAUSED
	 * and waits a minute, for the test to interrupt the launcher there. A run of the shell itself writes
	 * its arguments, one a line, to ASTRA_TEST_ARGS when that is set.
	 */
	Path pausingJava() throws IOException, InterruptedException {
		return executable(dir.resolve("pausing-jdk/bin/java"), """
				#!/bin/sh
				case " $* " in
				  *" -Djarmode=tools "*) STEP=extract ;;
				  *" -Dastra.train="*) STEP=train ;;
				  *" -version "*) exec '%1$s' "$@" ;;
				  *) if [ -n "${ASTRA_TEST_ARGS:-}" ]; then printf '%%s\\n' "$@" > "$ASTRA_TEST_ARGS"; fi
				     exec '%1$s' "$@" ;;
				esac
				STATUS=0
				'%1$s' "$@" || STATUS=$?
				if [ "$STEP" = "${ASTRA_TEST_PAUSE:-}" ]; then : > "$ASTRA_TEST_PAUSED"; sleep 60; fi
				exit $STATUS
				""".formatted(realJava()));
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

}
