package io.astrashell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.astrashell.AstraRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code org apply} at the prompt: the plan, then the question naming the count and the organization. */
class OrgApplyPromptTest {

	private static final String PROMPT = "astra (LOCAL)> ";

	@TempDir
	Path dir;

	@Test
	void applyAsksAtThePromptAndNoAppliesNothing() throws Exception {
		Path file = dir.resolve("org.yaml");
		Files.writeString(file, "users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ "  - email: new@example.com\n    roles: [RO User]\n");
		Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("astra-home").toString(), "ASTRARC",
				dir.resolve("astrarc").toString(), "HOME", dir.toString());
		try (PromptTerminal t = new PromptTerminal(env, "--env", "local")) {
			t.waitFor(PROMPT, 1);
			t.type("org apply " + file + "\r");
			t.waitFor("+ user new@example.com [RO User]", 1);
			t.waitFor("Apply 1 change to Sandbox Org? [y/N] ", 1);
			t.type("n\r");
			t.waitFor("Cancelled: nothing was applied.", 1);
			t.waitFor(PROMPT, 2);
			assertThat(new AstraRun(dir).run("user", "get", "new@example.com", "--env", "local").exitCode()).isEqualTo(5);

			t.type("org apply " + file + "\r");
			t.waitFor("Apply 1 change to Sandbox Org? [y/N] ", 2);
			t.type("y\r");
			t.waitFor("[OK]    + user new@example.com [RO User]", 1);
			t.waitFor("1 change applied, 0 failed", 1);
			t.waitFor(PROMPT, 3);
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
		assertThat(new AstraRun(dir).run("user", "get", "new@example.com", "--env", "local").exitCode()).isZero();
	}

}
