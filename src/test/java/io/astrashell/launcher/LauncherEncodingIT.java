package io.astrashell.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun;
import io.astrashell.api.model.WireJson;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-ASCII arguments, file names, scripts and standard input through {@code ./astra} under
 * {@code LC_ALL=C} (cron, CI, small containers), against a served sandbox: what the server receives is
 * what was typed. The command lines are written into a bash script as UTF-8 bytes, so that they reach
 * the launcher as those bytes whatever the locale of the JVM running this test.
 */
class LauncherEncodingIT {

	@TempDir
	static Path dir;

	static LocalSandbox served;

	record Run(int exit, String out, String err) {
	}

	@BeforeAll
	static void serve() throws Exception {
		served = LocalSandbox.start(dir.resolve("sandbox"), 0);
	}

	@AfterAll
	static void stop() {
		served.close();
	}

	/** Runs {@code lines} (bash, UTF-8) with {@code $ASTRA} the launcher and {@code $API} the served sandbox's options. */
	static Run bash(String locale, String lines) throws IOException, InterruptedException {
		Path script = Files.createTempFile(dir, "run", ".sh");
		Files.writeString(script, "set -u\n" + locale + "\nAPI=(--env local --local-endpoint \"$ENDPOINT\" --token \"$TOKEN\")\n"
				+ lines + "\n", StandardCharsets.UTF_8);
		ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(dir.toFile());
		pb.environment().put("ASTRA", Path.of("astra").toAbsolutePath().toString());
		pb.environment().put("ENDPOINT", served.endpoint().toString());
		pb.environment().put("TOKEN", served.adminToken());
		pb.environment().put("ASTRA_HOME", dir.resolve("home").toString());
		pb.environment().put("ASTRARC", dir.resolve("astrarc").toString());
		pb.environment().remove("ASTRA_DB_APPLICATION_TOKEN");
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Process p = pb.start();
		assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(lines + " ended").isTrue();
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	static final String C_LOCALE = "export LC_ALL=C; unset LANG LC_CTYPE";

	/** What the sandbox holds, read in this JVM (no locale on the way). */
	static JsonNode data(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("-o", "json", "--env", "local", "--local-endpoint", served.endpoint().toString(), "--token",
				served.adminToken()));
		AstraRun.Result r = new AstraRun(dir.resolve("reader")).run(all.toArray(String[]::new));
		assertThat(r.exitCode()).as(r.toString()).isZero();
		return WireJson.mapper().readTree(r.out()).get("data");
	}

	static List<String> emails() {
		List<String> emails = new ArrayList<>();
		data("user", "list").forEach(u -> emails.add(u.get("Email").asString()));
		return emails;
	}

	@Test
	void argumentsAreDecodedAsUtf8UnderTheCLocale() throws Exception {
		Run role = bash(C_LOCALE, "\"$ASTRA\" role create 'Équipe' -a org-read -d 'données ✓' \"${API[@]}\"");
		assertThat(role.exit()).as(role.toString()).isZero();
		Run invite = bash(C_LOCALE, "\"$ASTRA\" user invite 'zoë@example.com' -r 'équipe' \"${API[@]}\"");
		assertThat(invite.exit()).as(invite.toString()).isZero();
		assertThat(invite.out()).isEqualTo("[OK]    User 'zoë@example.com' has been invited with the role Équipe.\n");

		assertThat(emails()).contains("zoë@example.com").noneMatch(e -> e.contains("\uFFFD") || e.contains("?"));
		JsonNode created = data("role", "get", "Équipe");
		assertThat(created.get("Name").asString()).isEqualTo("Équipe");
		assertThat(created.get("Policy").get("description").asString()).isEqualTo("données ✓");

		// and the output comes back in UTF-8
		Run get = bash(C_LOCALE, "\"$ASTRA\" user get 'zoë@example.com' -o csv \"${API[@]}\"");
		assertThat(get.exit()).as(get.toString()).isZero();
		assertThat(get.out()).contains(",zoë@example.com,invited,Équipe\r\n");
	}

	@Test
	void scriptsOnStandardInputAndInFilesWithNonAsciiNamesAreUtf8() throws Exception {
		Files.writeString(dir.resolve("équipe.astra"), "# onboarding\nuser invite chloé@example.com -r \"RO User\"\n",
				StandardCharsets.UTF_8);
		Run file = bash(C_LOCALE, "\"$ASTRA\" script 'équipe.astra' \"${API[@]}\"");
		assertThat(file.exit()).as(file.toString()).isZero();

		Run stdin = bash(C_LOCALE, "printf 'user invite renée@example.com\\n' | \"$ASTRA\" \"${API[@]}\"");
		assertThat(stdin.exit()).as(stdin.toString()).isZero();

		assertThat(emails()).contains("chloé@example.com", "renée@example.com");
	}

	@Test
	void aUtf8LocaleIsLeftAsItIs() throws Exception {
		Run r = bash("export LC_ALL=C.UTF-8", "\"$ASTRA\" user invite 'åsa@example.com' \"${API[@]}\"");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(emails()).contains("åsa@example.com");
	}

}
