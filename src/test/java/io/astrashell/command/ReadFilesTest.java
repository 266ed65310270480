package io.astrashell.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files a command reads (scripts, organization files) that are not UTF-8, or not files at all: one
 * sentence naming the file and the line (exit 11), nothing run and nothing changed on the server.
 */
class ReadFilesTest extends ServedSandboxFixture {

	Result local(String... args) {
		String[] all = Stream.concat(Arrays.stream(args),
				Stream.of("--env", "local", "--local-endpoint", sandbox.endpoint().toString(), "--token", token))
			.toArray(String[]::new);
		return astra.run(all);
	}

	@Test
	void aLatin1ScriptIsNamedWithItsLineAndNothingOfItRuns() throws Exception {
		Path script = dir.resolve("onboard.astra");
		Files.write(script, "user invite ann@example.com\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
		Result r = local("script", script.toString());
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).as(r.toString()).hasLineCount(1)
			.contains("The script " + script + " is not UTF-8 text (line 2 holds a byte that is not UTF-8)")
			.doesNotContain("Exception");
		assertThat(local("user", "list", "-o", "json").out()).doesNotContain("ann@example.com");
	}

	@Test
	void aLatin1OrganizationFileIsNamedWithItsLine() throws Exception {
		Path file = dir.resolve("org.yaml");
		Files.write(file, "users:\n  - email: ren\u00e9e@example.com\n".getBytes(StandardCharsets.ISO_8859_1));
		Result r = local("org", "apply", file.toString(), "--yes");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).as(r.toString()).hasLineCount(1)
			.contains("The organization file " + file + " is not UTF-8 text (line 2 holds a byte that is not UTF-8)");
	}

	@Test
	void aDirectoryGivenAsAFileIsRefusedInOneLine() throws Exception {
		Result r = local("org", "diff", dir.toString());
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).as(r.toString()).hasLineCount(1).contains(dir.toString()).contains("not a regular file");
	}

}
