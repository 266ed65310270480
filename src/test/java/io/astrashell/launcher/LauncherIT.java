package io.astrashell.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
		pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		Process p = pb.start();
		assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("astra " + String.join(" ", args) + " ended").isTrue();
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
		assertThat(launchFiles()).anyMatch(n -> n.matches("astra-\\d+-one-shot\\.(aot|jsa)"))
			.noneMatch(n -> n.contains("-prompt."));

		// no command: the prompt's mode (here a script on standard input), which makes its own
		Run r = astra();
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(launchFiles()).anyMatch(n -> n.matches("astra-\\d+-prompt\\.(aot|jsa)"))
			.noneMatch(n -> n.endsWith(".failed"));
	}

	private static List<String> launchFiles() throws IOException {
		try (var files = Files.list(Path.of("target", "launch"))) {
			return files.map(f -> f.getFileName().toString()).toList();
		}
	}

}
