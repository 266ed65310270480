package io.astrashell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prompt remembers who you are: {@code config use} switches the organization that {@code org}
 * prints; a per-command {@code --token} applies to that command alone; with no usable token the
 * prompt still opens and says what to do.
 */
class SessionPromptTest {

	@TempDir
	Path dir;

	/** The prompt's session used the token it rotated: the next commands use the new one, and the history holds no secret. */
	@Test
	void rotatingTheSessionsOwnTokenSwitchesTheSessionToTheNewOne() throws Exception {
		try (LocalSandbox a = LocalSandbox.start(dir.resolve("org-a"), 0)) {
			Map<String, String> env = TestProfiles.defaultTo(dir, a).write();
			String old = a.adminToken();
			String clientId = old.substring(8, 32);
			try (PromptTerminal t = new PromptTerminal(env)) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.run("token rotate " + clientId, "astra (LOCAL)> ");
				t.waitFor("Token '" + clientId + "' rotated", 1);
				t.run("user list", "astra (LOCAL)> "); // a request with the session's token: the old one is revoked
				t.waitFor("admin@sandbox.local", 1);
				assertThat(t.screen()).doesNotContain("was refused");
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
			String rc = Files.readString(Path.of(env.get("ASTRARC")));
			assertThat(rc).doesNotContain(old);
			Path history = Path.of(env.get("ASTRA_HOME")).resolve("history");
			if (Files.exists(history)) {
				assertThat(Files.readString(history)).contains("token rotate").doesNotContain("AstraCS:" + clientId);
			}
		}
	}

	@Test
	void configUseSwitchesTheSessionAndPerCommandOptionsDoNot() throws Exception {
		try (LocalSandbox a = LocalSandbox.start(dir.resolve("org-a"), 0);
				LocalSandbox b = LocalSandbox.start(dir.resolve("org-b"), 0)) {
			Map<String, String> env = TestProfiles.defaultTo(dir, a).add("team-a", a).add("team-b", b).write();
			Path rc = Path.of(env.get("ASTRARC"));
			try (PromptTerminal t = new PromptTerminal(env)) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.type("org id\r");
				t.waitFor(a.organizationId(), 1);

				t.type("config use team-b\r");
				t.waitFor("The session now uses profile 'team-b'", 1);
				t.waitFor("astra (team-b · LOCAL)> ", 1);
				t.type("org id\r");
				t.waitFor(b.organizationId(), 1);

				t.type("org id --token " + a.adminToken() + " --local-endpoint " + a.endpoint() + "\r");
				t.waitFor(a.organizationId(), 2);
				t.type("org id\r");
				t.waitFor(b.organizationId(), 2);
				t.waitFor("astra (team-b · LOCAL)> ", 4);

				t.type("org id -conf team-a\r");
				t.waitFor(a.organizationId(), 3);
				t.waitFor("astra (team-b · LOCAL)> ", 5);
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
			assertThat(Files.readString(rc)).startsWith("[default]\nASTRA_DB_APPLICATION_TOKEN=" + b.adminToken());
		}
	}

	@Test
	void setupAsksForTheTokenWithoutEchoAndSwitchesTheSession() throws Exception {
		try (LocalSandbox a = LocalSandbox.start(dir.resolve("org-a"), 0)) {
			Path rc = dir.resolve("astrarc");
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC", rc.toString(),
					"HOME", dir.toString());
			try (PromptTerminal t = new PromptTerminal(env)) {
				t.waitFor("astra> ", 1);
				t.type("setup --env local --local-endpoint " + a.endpoint() + " --name team-a\r");
				t.waitFor("Application token (AstraCS:...): ", 1);
				t.type(a.adminToken() + "\r");
				t.waitFor("Profile 'team-a' for organization 'Sandbox Org' saved in " + rc, 1);
				t.waitFor("astra (team-a · LOCAL)> ", 1);
				t.run("org id", "astra (team-a · LOCAL)> ");
				assertThat(t.screen()).contains(a.organizationId()).doesNotContain(a.adminToken())
					.doesNotContain(a.adminToken().substring(33));
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
			assertThat(Files.readString(rc)).contains("[team-a]\nASTRA_DB_APPLICATION_TOKEN=" + a.adminToken());
			assertThat(Files.readString(dir.resolve("home").resolve("history"))).doesNotContain(a.adminToken());
		}
	}

	@Test
	void withNoUsableTokenThePromptOpensAndSaysWhatToDo() throws Exception {
		Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC",
				dir.resolve("none").toString(), "HOME", dir.toString());
		try (PromptTerminal t = new PromptTerminal(env)) {
			String screen = t.waitFor("astra> ", 1);
			assertThat(screen).contains("[WARN]  No token: pass --token AstraCS:..., set ASTRA_DB_APPLICATION_TOKEN, or run "
					+ "'astra setup'").contains("add --env local");
			t.type("org -o json\r");
			t.waitFor("\"code\" : \"CONFIGURATION\"", 1);
			assertThat(t.screen()).contains("run 'astra setup'");
			t.type("help\r");
			t.waitFor("GLOBAL OPTIONS", 1);
			t.type("\u0004");
			assertThat(t.exitCode()).isZero();
		}
	}

}
