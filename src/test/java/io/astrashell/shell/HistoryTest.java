package io.astrashell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt's history keeps no secret; {@code history --save} writes a runnable script; scripts restore the session. */
class HistoryTest {

	@TempDir
	Path dir;

	@Test
	void aTokenTypedAtThePromptNeverReachesTheHistoryFile() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("home"), 0)) {
			String token = sandbox.adminToken();
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC",
					dir.resolve("astrarc").toString(), "HOME", dir.toString());
			try (PromptTerminal t = new PromptTerminal(env, "--env", "local")) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.run("org id --token " + token, "astra (LOCAL)> ");
				t.run("org name --token=" + token, "astra (LOCAL)> ");
				t.run("token get --token '" + token + "'", "astra (LOCAL)> ");
				String screen = t.run("history", "astra (LOCAL)> ");
				assertThat(screen).contains("org id --token AstraCS:****").contains("org name --token=AstraCS:****");
				t.run("history --save " + dir.resolve("session.astra"), "astra (LOCAL)> ");
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
			Path history = dir.resolve("home").resolve("history");
			String saved = Files.readString(history);
			assertThat(saved).contains("org id --token AstraCS:****").contains("token get --token AstraCS:****")
				.doesNotContain(token).doesNotContain(token.substring(8, 32)).doesNotContain(token.substring(33));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");

			String script = Files.readString(dir.resolve("session.astra"));
			assertThat(script).contains("# tokens were not saved: set ASTRA_DB_APPLICATION_TOKEN before running it")
				.contains("org id --token ${ASTRA_DB_APPLICATION_TOKEN}\n")
				.contains("org name --token=${ASTRA_DB_APPLICATION_TOKEN}\n").doesNotContain("history").doesNotContain(token);
		}
	}

	@Test
	void aScriptsProfileSwitchEndsWithIt() throws Exception {
		try (LocalSandbox a = LocalSandbox.start(dir.resolve("org-a"), 0);
				LocalSandbox b = LocalSandbox.start(dir.resolve("org-b"), 0)) {
			Path script = dir.resolve("switch.astra");
			Files.writeString(script, "config use b\norg id\n");
			// [default] is a copy of [a], as the original CLI writes it (a token only [default] holds is never overwritten)
			Map<String, String> env = TestProfiles.defaultTo(dir, a).add("a", a).add("b", b).write();
			try (PromptTerminal t = new PromptTerminal(env)) {
				t.waitFor("astra (LOCAL)> ", 1);
				String screen = t.run("script " + script, "astra (LOCAL)> ");
				assertThat(screen).contains(b.organizationId());
				t.run("org id", "astra (LOCAL)> ");
				assertThat(t.screen().substring(t.screen().lastIndexOf("org id"))).contains(a.organizationId());
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
		}
	}

}
