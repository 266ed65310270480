package io.astrashell.launcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.astrashell.launcher.LaunchFixture.Run;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files read by a one-shot command through {@code ./astra}, in the JVM the launcher starts (its heap
 * limits included): what never ends ({@code /dev/zero}, a FIFO, an endless standard input) is refused
 * with one line and a bounded read, and an organization file of 300,000 users is read and diffed in
 * every format, not a "Not enough memory".
 */
class LauncherLimitsIT {

	@TempDir
	static Path dir;

	static LocalSandbox served;

	static LaunchFixture fixture;

	@BeforeAll
	static void serve() throws Exception {
		served = LocalSandbox.start(dir.resolve("sandbox"), 0);
		fixture = new LaunchFixture(dir);
	}

	@AfterAll
	static void stop() {
		served.close();
	}

	static Run bash(String line) throws IOException, InterruptedException {
		return fixture.run(dir, Map.of("ASTRA", LaunchFixture.LAUNCHER.toString(), "API",
				"--env local --local-endpoint " + served.endpoint() + " --token " + served.adminToken()), "bash", "-c",
				"set -u; " + line);
	}

	@Test
	void whatNeverEndsIsRefusedInOneLine() throws Exception {
		Path fifo = dir.resolve("fifo");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		Map<String, String> refusals = Map.of(
				"\"$ASTRA\" org diff /dev/zero $API", "The organization file /dev/zero is not a regular file (it is a character device)",
				"\"$ASTRA\" org diff " + fifo + " $API", "is not a regular file (it is a named pipe, a FIFO)",
				"\"$ASTRA\" config list -cf /dev/zero", "The profiles file /dev/zero is not a regular file",
				"yes | \"$ASTRA\" org diff - $API", "The organization file on standard input is over the limit of 64 MiB",
				"yes | \"$ASTRA\" script - $API", "The script on standard input is over the limit of");
		for (var e : refusals.entrySet()) {
			Run r = bash("timeout 60 " + e.getKey());
			assertThat(r.exit()).as(e.getKey() + "\n" + r).isIn(9, 11);
			assertThat(r.err()).as(e.getKey() + "\n" + r).contains(e.getValue()).doesNotContain("memory", "Exception");
			assertThat(r.err().lines().filter(l -> l.startsWith("[ERROR]")).count()).as(r.toString()).isEqualTo(1);
		}
	}

	@Test
	void anOrganizationFileOf300000UsersIsDiffedInEveryFormat() throws Exception {
		Path big = dir.resolve("big.yaml");
		try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
			w.write("roles: []\nusers:\n");
			for (int i = 0; i < 300_000; i++) {
				w.write("  - email: \"u" + i + "@example.com\"\n    roles: [\"Organization Administrator\"]\n");
			}
		}
		for (String format : List.of("human", "json", "csv")) {
			Run r = bash("\"$ASTRA\" org diff " + big + " -o " + format + " $API");
			assertThat(r.exit()).as(format + ": " + r.err()).isEqualTo(2);
			assertThat(r.err()).as(format).doesNotContain("memory", "[ERROR]");
			assertThat(r.out()).as(format).contains("u299999@example.com").contains("u0@example.com");
		}
		Run dry = bash("\"$ASTRA\" org apply " + big + " --dry-run $API");
		assertThat(dry.exit()).as(dry.err()).isZero();
		assertThat(dry.out().lines().filter(l -> l.startsWith("+ user ")).count()).isEqualTo(300_000);
	}

}
