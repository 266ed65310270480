package io.astrashell.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged shell through the {@code ./astra} launcher, as a user runs it: a separate process
 * whose exit status is the command's, each argument kept as one word. Runs after {@code package}
 * (failsafe), against the sandbox of a temporary astra home.
 */
class LauncherIT {

	@TempDir
	static Path dir;

	record Run(int exit, String out, String err) {
	}

	static Run astra(String... args) throws IOException, InterruptedException {
		return astraWithHome(null, args);
	}

	/** With {@code home}: HOME is that directory and ASTRARC is not set, so the profiles file is ~/.astrarc. */
	static Run astraWithHome(Path home, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of("astra").toAbsolutePath().toString());
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().put("ASTRA_HOME", dir.resolve("home").toString());
		pb.environment().put("ASTRARC", dir.resolve("astrarc").toString());
		if (home != null) {
			pb.environment().put("HOME", home.toString());
			pb.environment().remove("ASTRARC");
			pb.environment().remove("ASTRA_JAVA_OPTS");
		}
		pb.environment().remove("ASTRA_DB_APPLICATION_TOKEN");
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Process p = pb.start();
		assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("astra " + String.join(" ", args) + " ended").isTrue();
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	/**
	 * {@code command} run by bash in the project folder, as typed in a terminal ({@code ./astra ... <&-}),
	 * with the same environment as {@link #astra}; without the class archive, so that a prompt-mode run
	 * here does not make the prompt's archive before {@link #eachModeStartsFromAnArchiveOfItsOwn} looks.
	 */
	static Run bash(String command) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder("bash", "-c", command);
		pb.environment().put("ASTRA_HOME", dir.resolve("home").toString());
		pb.environment().put("ASTRARC", dir.resolve("astrarc").toString());
		pb.environment().put("ASTRA_NO_CACHE", "1");
		pb.environment().remove("ASTRA_DB_APPLICATION_TOKEN");
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Process p = pb.start();
		assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(command + " ended").isTrue();
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	@BeforeAll
	static void firstRunPreparesTheLauncher() throws Exception {
		Run r = astra("version");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).startsWith("astra shell ");
	}

	@Test
	void oneShotOrgAsJson() throws Exception {
		Run r = astra("org", "-o", "json", "--env", "local");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).contains("\"code\" : \"OK\"").contains("\"name\" : \"Sandbox Org\"");
	}

	@Test
	void exitStatusesReachTheShell() throws Exception {
		assertThat(astra("org", "--env", "mars").exit()).isEqualTo(13);
		assertThat(astra("nonsense").exit()).isEqualTo(11);
		assertThat(astra("org", "--env").exit()).isEqualTo(13);
		Run noToken = astra("org");
		assertThat(noToken.exit()).isEqualTo(9);
		assertThat(noToken.err()).startsWith("[ERROR] No token").doesNotContain("Exception");
	}

	@Test
	void theProfilesFileIsInHomeWhateverTheJvmThinks() throws Exception {
		Path home = Files.createDirectories(dir.resolve("ci-home"));
		Run r = astraWithHome(home, "config", "list", "-o", "json");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).contains("0 profile(s) in " + home.resolve(".astrarc"));
	}

	@Test
	void eachArgumentStaysOneWord() throws Exception {
		Run r = astra("help", "org id");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).contains("astra org id - Display the Organization id");
	}

	@Test
	void orgIdIsUsableInCommandSubstitution() throws Exception {
		Run r = astra("org", "id", "--env", "local");
		assertThat(r.exit()).isZero();
		assertThat(r.out()).matches("[0-9a-f-]{36}\n");
		assertThat(r.err()).isEmpty();
	}

	@Test
	void eachModeStartsFromAnArchiveOfItsOwn() throws Exception {
		// the first run (version) made the one-shot archive, and only that one
		assertThat(launchFiles()).anyMatch(n -> n.matches("astra-\\d+-\\d+-one-shot\\.(aot|jsa)"))
			.noneMatch(n -> n.contains("-prompt."));

		// no command: the prompt's mode (here a script on standard input), which makes its own
		Run r = astra();
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(launchFiles()).anyMatch(n -> n.matches("astra-\\d+-\\d+-prompt\\.(aot|jsa)"))
			.noneMatch(n -> n.endsWith(".failed"));
	}

	private static List<String> launchFiles() throws IOException {
		try (var files = Files.list(Path.of("target", "launch"))) {
			return files.map(f -> f.getFileName().toString()).toList();
		}
	}

	@Test
	void aClosedStandardInputIsEmptyInput() throws Exception {
		// no command and no terminal: commands are read from standard input, which is closed
		Run r = bash("./astra --env local <&-");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.err()).contains("[INFO]  <stdin>: 0 of 0 line(s) run, 0 succeeded, 0 failed").doesNotContain("ERROR");
		assertThat(r.out()).isEmpty();
		Run script = bash("./astra script - --env local <&-");
		assertThat(script.exit()).as(script.toString()).isZero();
		assertThat(script.err()).contains("<stdin>: 0 of 0 line(s) run");
	}

	@Test
	void outputThatCannotBeWrittenIsAnErrorAndALostTokenIsNamed() throws Exception {
		Run full = bash("./astra token create -r 'RO User' -d 'lost secret' --env local > /dev/full");
		assertThat(full.exit()).as(full.toString()).isEqualTo(100);
		Matcher m = Pattern
			.compile("\\[ERROR] Cannot write the output: No space left on device\\. The token ([A-Za-z]{24}) was created, "
					+ "but its secret was not shown and cannot be shown again: revoke it with 'astra token delete \\1'")
			.matcher(full.err());
		assertThat(m.find()).as(full.toString()).isTrue();
		assertThat(astra("token", "list", "--env", "local", "-o", "csv").out()).contains(m.group(1) + ",RO User,lost secret");

		Run closed = bash("./astra org id --env local >&-");
		assertThat(closed.exit()).as(closed.toString()).isEqualTo(100);
		assertThat(closed.err()).isEqualTo("[ERROR] Cannot write the output: standard output is closed.\n");

		Run json = bash("./astra org -o json --env local > /dev/full");
		assertThat(json.exit()).as(json.toString()).isEqualTo(100);
		assertThat(json.err()).isEqualTo("[ERROR] Cannot write the output: No space left on device.\n");

		Path lines = Files.writeString(dir.resolve("lines.astra"), "org id\norg name\n");
		Run script = bash("./astra script " + lines + " --env local > /dev/full");
		assertThat(script.exit()).as(script.toString()).isEqualTo(100);
		assertThat(script.err()).startsWith(lines + ":1: org id\n[ERROR] Cannot write the output: No space left on device.\n")
			.contains("1 of 2 line(s) run, 0 succeeded, 1 failed");
	}

}
