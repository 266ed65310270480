package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Details in which the shell answers as the original CLI 0.6 does: help pages, the short forms of
 * {@code config create}, the {@code ?} command. (The wording of {@code user delete} and
 * {@code token delete} is asserted in {@link UserCommandsTest} and {@link TokenCommandsTest}.)
 */
class FaithfulnessTest {

	@TempDir
	Path dir;

	@Test
	void aRepeatableOptionSaysSoOnce() {
		AstraRun astra = new AstraRun(dir);
		for (String command : new String[] { "user invite", "user update", "token create", "role create" }) {
			Result r = astra.run(("help " + command).split(" "));
			assertThat(r.exitCode()).as(r.toString()).isZero();
			assertThat(r.out()).as(command).contains("may be repeated").doesNotContain("repeated (may be repeated)");
		}
	}

	@Test
	void anAliasHelpPageIsNamedAsAsked() {
		AstraRun astra = new AstraRun(dir);
		assertThat(astra.run("help", "user", "describe").out())
			.startsWith("NAME\n        astra user describe - Show user details\n")
			.contains("ALIASES\n        astra user describe\n");
		assertThat(astra.run("help", "token", "revoke").out()).startsWith("NAME\n        astra token revoke - ");
		assertThat(astra.run("help", "user", "get").out()).startsWith("NAME\n        astra user get - ");
		assertThat(astra.run("help", "token", "delete").out()).startsWith("NAME\n        astra token delete - ");
	}

	@Test
	void configCreateTakesTheShortFormsOfTokenAndEnv() throws Exception {
		AstraRun astra = new AstraRun(dir);
		String token;
		try (LocalSandbox sandbox = LocalSandbox.start(astra.home(), 0)) {
			token = sandbox.adminToken();
			Result r = astra.run("config", "create", "short", "-t", sandbox.adminToken(), "-e", "local",
					"--local-endpoint", sandbox.endpoint().toString());
			assertThat(r.exitCode()).as(r.toString()).isZero();
			assertThat(Files.readString(astra.configFile())).contains("[short]\nASTRA_DB_APPLICATION_TOKEN="
					+ sandbox.adminToken() + "\nASTRA_ENV=LOCAL\n");
		}
		// the long forms still work, and the help page lists each option once, with both names
		Result offline = astra.run("config", "create", "offline", "--token", token, "--no-validate", "--env", "dev");
		assertThat(offline.exitCode()).as(offline.toString()).isZero();
		String help = astra.run("help", "config", "create").out();
		assertThat(help).contains("-t <AUTH_TOKEN>, --token <AUTH_TOKEN>").contains("-e <Environment>, --env <Environment>");
		assertThat(help.split("--token <AUTH_TOKEN>\n", -1)).hasSize(2);
		// -e checks its value as --env does
		Result bad = astra.run("config", "create", "x", "-t", token, "-e", "moon", "--no-validate");
		assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(13);
		// elsewhere -t and -e are not options
		assertThat(astra.run("org", "-e", "local").exitCode()).isEqualTo(11);
		// the completion scripts offer the short forms, and the long ones once (with the global options)
		assertThat(astra.run("completion", "bash").out())
			.contains("\"config create\") reply=$'--default\\n--no-validate\\n-t\\n-e\\n' ;;");
	}

	@Test
	void questionMarkShowsTheBannerAndTheVersion() {
		AstraRun astra = new AstraRun(dir);
		Result r = astra.run("?");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("█████╗").containsPattern("astra shell \\S+\\n$");
		assertThat(astra.run("?", "-o", "json").out()).contains("\"version\"");
	}

}
