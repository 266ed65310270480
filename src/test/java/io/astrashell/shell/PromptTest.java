package io.astrashell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code astra>} prompt in a terminal: it shows, runs org, survives errors, Ctrl-C and quits. */
class PromptTest {

	@TempDir
	Path dir;

	private Map<String, String> env() {
		return Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC", dir.resolve("astrarc").toString(),
				"HOME", dir.toString());
	}

	@Test
	void showsThePromptRunsOrgSurvivesAnErrorAndQuitsOnCtrlD() throws Exception {
		try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
			t.waitFor("astra (LOCAL)> ", 1);
			t.type("org\r");
			String screen = t.waitFor("| Name           | Sandbox Org", 1);
			assertThat(screen).contains("| Attribute      | Value");
			t.waitFor("astra (LOCAL)> ", 2);

			t.type("user frob\r");
			t.waitFor("[ERROR] Unknown command", 1);
			t.type("org --token AstraCS:nope\r");
			t.waitFor("[ERROR] Invalid token", 1);
			t.waitFor("astra (LOCAL)> ", 4);

			t.type("org id\r");
			t.waitFor("astra (LOCAL)> ", 5);
			assertThat(t.ended()).isFalse();

			t.type("\u0004"); // Ctrl-D
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void ctrlCClearsTheLineAndTheShellStays() throws Exception {
		try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
			t.waitFor("astra (LOCAL)> ", 1);
			t.type("org nonsense that will be cleared");
			t.waitFor("cleared", 1);
			t.type("\u0003"); // Ctrl-C
			t.waitFor("astra (LOCAL)> ", 2);
			t.type("org name\r");
			t.waitFor("Sandbox Org", 1);
			assertThat(t.screen()).doesNotContain("Unknown command");
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void tabCompletesCommandsAndOptions() throws Exception {
		try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
			t.waitFor("astra (LOCAL)> ", 1);
			t.type("or\t");
			t.waitFor("astra (LOCAL)> org ", 1);
			t.type("na\t");
			t.waitFor("astra (LOCAL)> org name ", 1);
			t.type("--outp\t");
			t.waitFor("org name --output ", 1);
			t.type("js\t\r");
			t.waitFor("\"name\" : \"Sandbox Org\"", 1);
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void historyIsKeptInTheAstraHomeForItsOwnerAlone() throws Exception {
		try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
			t.waitFor("astra (LOCAL)> ", 1);
			t.type("org id\r");
			t.waitFor("astra (LOCAL)> ", 2);
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
		Path history = dir.resolve("home").resolve("history");
		assertThat(Files.readString(history)).contains("org id");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
		assertThat(dir.resolve("astra.log")).doesNotExist();
	}

}
