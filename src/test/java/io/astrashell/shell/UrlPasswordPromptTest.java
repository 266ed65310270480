package io.astrashell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A password in a URL reaches neither the prompt's screen nor its history file. */
class UrlPasswordPromptTest {

	@TempDir
	Path dir;

	@Test
	void thePasswordOfTheEndpointIsMaskedOnScreenAndInTheHistory() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("home"), 0)) {
			String endpoint = "http://admin:s3cret-pw@127.0.0.1:" + sandbox.endpoint().getPort();
			Path history = dir.resolve("home").resolve("history");
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC",
					dir.resolve("astrarc").toString(), "HOME", dir.toString());
			try (PromptTerminal t = new PromptTerminal(env, "--env", "local", "--local-endpoint", endpoint, "--token",
					sandbox.adminToken())) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.type("org name --local-endpoint " + endpoint + "\r");
				t.waitFor(sandbox.organizationName(), 1);
				t.waitFor("astra (LOCAL)> ", 2);
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
				String screen = t.screen();
				assertThat(screen).contains("Local endpoint http://admin:****@127.0.0.1:" + sandbox.endpoint().getPort());
				assertThat(screen.replace("org name --local-endpoint " + endpoint, "(typed)")).doesNotContain("s3cret");
			}
			assertThat(Files.readString(history)).contains("--local-endpoint http://admin:****@127.0.0.1:")
				.doesNotContain("s3cret");
		}
	}

}
