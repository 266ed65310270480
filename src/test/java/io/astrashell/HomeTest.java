package io.astrashell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.astrashell.AstraRun.Result;
import io.astrashell.session.AstraHome;
import io.astrashell.session.AstraRc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ~} is {@code $HOME} when it is set (as in bash, git, gh, aws), else the JVM's
 * {@code user.home}: for the default profiles file, the default astra home, and {@code -cf ~/...}.
 */
class HomeTest {

	static final String TOKEN = "AstraCS:HomeTokenXXXXXXXXXXXXXXX:" + "e".repeat(64);

	@TempDir
	Path dir;

	/** The shell with only HOME pointing at a temporary directory: no ASTRARC, no ASTRA_HOME. */
	AstraRun withHomeOnly(Path home) {
		return new AstraRun(dir).without("ASTRARC").without("ASTRA_HOME").env("HOME", home.toString());
	}

	@Test
	void theDefaultsFollowHomeRatherThanTheJvmsUserHome() {
		Path home = dir.resolve("home");
		assertThat(home.toString()).isNotEqualTo(System.getProperty("user.home"));
		AstraSettings settings = AstraSettings.from(AstraShellApplication.environment(Map.of("HOME", home.toString())));
		assertThat(settings.configFile()).isEqualTo(home.resolve(".astrarc"));
		assertThat(settings.home()).isEqualTo(home.resolve(".astra"));
	}

	@Test
	void withoutHomeTheJvmsUserHomeIsTaken() {
		String jvm = System.getProperty("user.home");
		assertThat(AstraHome.userHome(Map.of())).isEqualTo(jvm);
		assertThat(AstraHome.userHome("")).isEqualTo(jvm);
		assertThat(AstraHome.userHome("relative/dir")).isEqualTo(jvm);
		assertThat(AstraHome.userHome("/home/ci")).isEqualTo("/home/ci");
		Map<String, String> none = new HashMap<>();
		AstraSettings settings = AstraSettings.from(AstraShellApplication.environment(none));
		assertThat(settings.configFile()).isEqualTo(Path.of(jvm, ".astrarc"));
		assertThat(AstraHome.expandHome("~", "/h")).isEqualTo("/h");
		assertThat(AstraHome.expandHome("~/x", "/h")).isEqualTo("/h/x");
		assertThat(AstraHome.expandHome("~/x", "/")).isEqualTo("/x");
		assertThat(AstraHome.expandHome("~other/x", "/h")).isEqualTo("~other/x");
	}

	@Test
	void theProfilesFileIsTheOneInHome() throws Exception {
		Path home = Files.createDirectory(dir.resolve("ci-home"));
		AstraRun astra = withHomeOnly(home);
		// read first: on a regression this names the JVM's home, and the test stops before writing anything
		Result list = astra.run("config", "list", "-o", "json");
		assertThat(list.exitCode()).as(list.toString()).isZero();
		assertThat(list.out()).contains("0 profile(s) in " + home.resolve(".astrarc"));

		Result create = astra.run("config", "create", "ci", "--token", TOKEN, "--no-validate");
		assertThat(create.exitCode()).as(create.toString()).isZero();
		assertThat(create.out()).contains(home.resolve(".astrarc").toString());
		assertThat(AstraRc.read(home.resolve(".astrarc")).value("ci", AstraRc.TOKEN_KEY)).isEqualTo(TOKEN);
		assertThat(astra.run("token", "get").out()).isEqualTo(TOKEN + "\n");
	}

	@Test
	void aTildeInTheConfigFileOptionIsHome() throws Exception {
		Path home = Files.createDirectory(dir.resolve("user"));
		Files.writeString(home.resolve("team-rc"), "[team]\nASTRA_DB_APPLICATION_TOKEN=" + TOKEN + "\n");
		Result r = withHomeOnly(home).run("token", "get", "-conf", "team", "-cf", "~/team-rc");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo(TOKEN + "\n");
	}

	@Test
	void theAstraHomeIsInHome() throws Exception {
		Path home = Files.createDirectory(dir.resolve("runner"));
		AstraRun astra = withHomeOnly(home);
		// first without writing: on a regression the sandbox must not start in the JVM's home
		assertThat(AstraSettings.from(AstraShellApplication.environment(Map.of("HOME", home.toString()))).home())
			.isEqualTo(home.resolve(".astra"));
		Result r = astra.run("org", "name", "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(home.resolve(".astra").resolve("sandbox")).isDirectory();
	}

}
