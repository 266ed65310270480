package io.astrashell.shell;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import io.astrashell.AstraRun;
import io.astrashell.files.SpecialFiles;
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

	@Test
	void aTokenIsRedactedWhateverItsQuotingAndTheSavedScriptIsTheOwnersAlone() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("home"), 0)) {
			String token = sandbox.adminToken();
			String tail = token.substring("AstraCS:".length());
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC",
					dir.resolve("astrarc").toString(), "HOME", dir.toString());
			Path saved = dir.resolve("session.astra");
			try (PromptTerminal t = new PromptTerminal(env, "--env", "local")) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.run("org id --token 'Astra''CS:" + tail + "'", "astra (LOCAL)> ");
				t.run("org name --token \"AstraCS:\"" + tail, "astra (LOCAL)> ");
				t.run("org name --token Astra\\CS:" + tail.substring(0, 10) + "''" + tail.substring(10), "astra (LOCAL)> ");
				t.run("history --save " + saved, "astra (LOCAL)> ");
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
				assertThat(t.screen()).contains("Sandbox Org").contains(sandbox.organizationId());
			}
			String history = Files.readString(dir.resolve("home").resolve("history"));
			assertThat(history).contains("org id --token AstraCS:****").contains("org name --token AstraCS:****")
				.doesNotContain(tail.substring(0, 24)).doesNotContain(tail.substring(25)).doesNotContain(tail.substring(40));
			String script = Files.readString(saved);
			assertThat(script).contains("org id --token ${ASTRA_DB_APPLICATION_TOKEN}\n")
				.contains("org name --token ${ASTRA_DB_APPLICATION_TOKEN}\n").doesNotContain(tail.substring(0, 24))
				.doesNotContain(tail.substring(40));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
		}
	}

	@Test
	void aHistoryFileThatIsNotARegularFileStopsThePromptAndIsLeftAsItWas() throws Exception {
		Path home = Files.createDirectories(dir.resolve("home"));
		Path fifo = SpecialFiles.fifo(dir.resolve("fifo"));
		Path device = SpecialFiles.nullDevice(dir.resolve("null"));
		Map<String, String> env = Map.of("ASTRA_HOME", home.toString(), "ASTRARC", dir.resolve("astrarc").toString(),
				"HOME", dir.toString());
		try {
			for (Path target : List.of(fifo, device)) {
				Path history = home.resolve("history");
				Files.deleteIfExists(history);
				Files.createSymbolicLink(history, target);
				String before = SpecialFiles.typeAndMode(target);
				try (PromptTerminal t = new PromptTerminal(env, "--env", "local")) {
					t.waitFor("not a regular file", 1);
					assertThat(t.exitCode()).isEqualTo(9);
					assertThat(t.screen()).contains("The history file " + history + " (a link to " + target + ")")
						.doesNotContain("astra (LOCAL)> ");
				}
				assertThat(SpecialFiles.typeAndMode(target)).isEqualTo(before);
				assertThat(Files.isSymbolicLink(history)).isTrue();
			}
		}
		finally {
			SpecialFiles.unblock(fifo);
		}
	}

	@Test
	void aHistoryFileOverTheLimitIsRefusedNamingItsSize() throws Exception {
		Path home = Files.createDirectories(dir.resolve("home"));
		Path history = home.resolve("history");
		try (var f = new RandomAccessFile(history.toFile(), "rw")) {
			f.setLength(4L * 1024 * 1024 + 1); // sparse: nothing to write
		}
		Map<String, String> env = Map.of("ASTRA_HOME", home.toString(), "ASTRARC", dir.resolve("astrarc").toString(),
				"HOME", dir.toString());
		try (PromptTerminal t = new PromptTerminal(env, "--env", "local")) {
			t.waitFor("over the limit", 1);
			assertThat(t.exitCode()).isEqualTo(9);
			assertThat(t.screen()).contains("The history file " + history + " is 4.0 MiB (4194305 bytes), over the limit "
					+ "of 4 MiB (4194304 bytes)");
		}
		assertThat(Files.size(history)).isEqualTo(4L * 1024 * 1024 + 1);
	}

	@Test
	void redactionWorksOnTheWordsAsTheyRun() {
		String token = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0123456789abcdef".repeat(4);
		String tail = token.substring(8);
		assertThat(RedactingHistory.redactLine("org id --token 'Astra''CS:" + tail + "'")).isEqualTo("org id --token AstraCS:****");
		assertThat(RedactingHistory.redactLine("org --token=\"Astra\"CS:" + tail + " -o json"))
			.isEqualTo("org --token=AstraCS:**** -o json");
		assertThat(RedactingHistory.redactLine("role create 'a b' -d \"x \"'" + token + "'")).isEqualTo(
				"role create \"a b\" -d \"x AstraCS:****\"");
		assertThat(RedactingHistory.redactLine("user list -d 'unclosed " + token)).doesNotContain(tail);
		assertThat(RedactingHistory.redactLine("org --token \"Astra\\")).isEqualTo("org --token AstraCS:****");
		assertThat(RedactingHistory.redactLine("config create p -t \"Astra\\CS:" + tail + "\" -e DEV"))
			.isEqualTo("config create p -t AstraCS:**** -e DEV");
		assertThat(RedactingHistory.redactLine("config create p -t=nope")).isEqualTo("config create p -t=AstraCS:****");
		assertThat(RedactingHistory.redactLine("config create p -t 'unclosed " + tail)).isEqualTo("config create p -t AstraCS:****");
		assertThat(RedactingHistory.redactLine("user get Astra\"CS\":" + tail)).isEqualTo("user get AstraCS:****");
		assertThat(RedactingHistory.redactLine("user invite 'ann@example.com'  -r \"RO User\""))
			.isEqualTo("user invite 'ann@example.com'  -r \"RO User\""); // no secret: kept as typed
	}

	/**
	 * A mistyped token typed at the prompt (a backslash in it, quotes splitting it, a client id of the
	 * wrong length, a secret part that is not hex, a mistyped prefix; after {@code -t},
	 * {@code --token=}, or as an argument that an error names) is masked in what the command prints and
	 * in the history, as a good one is. Only the echo of the typed line shows it.
	 */
	@Test
	void aMistypedTokenTypedAtThePromptReachesNeitherTheErrorsNorTheHistory() throws Exception {
		String id = "QWERTYUIOPASDFGHJKLZXCVB";
		String hex = "a1b2c3d4e5f60718".repeat(4);
		List<String> lines = List.of("config create p -t \"Astra\\CS:" + id + ":" + hex + "\"",
				"config create p --token=Astra\"CS\":" + id.substring(2) + ":" + hex,
				"user get 'Astra\\CS:" + id + ":" + hex + "'",
				"token delete AstraCS:" + id + ":" + hex.substring(0, 60) + "zzzz",
				"user get Astra\\\\CS:" + id + "\\:" + hex,
				"role get AstarCS:" + id + ":" + hex,
				"setup --token \"astracs:" + id + ":" + hex + "\"");
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("home"), 0)) {
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC",
					dir.resolve("astrarc").toString(), "HOME", dir.toString());
			try (PromptTerminal t = new PromptTerminal(env, "--env", "local")) {
				t.waitFor("astra (LOCAL)> ", 1);
				for (String line : lines) {
					int before = t.screen().length();
					String shown = t.run(line, "astra (LOCAL)> ").substring(before);
					// what follows the echo of the line: the command's error
					String printed = shown.substring(shown.indexOf('\n') + 1);
					assertThat(printed).as(line).contains("[ERROR]").doesNotContain(id.substring(4, 20))
						.doesNotContain(hex.substring(10, 40));
				}
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
			String history = Files.readString(dir.resolve("home").resolve("history"));
			assertThat(history).contains("config create p -t AstraCS:****").contains("--token=AstraCS:****")
				.contains("user get AstraCS:****").doesNotContain(id.substring(4, 20)).doesNotContain(hex.substring(10, 40));
			assertThat(Files.exists(dir.resolve("astrarc"))).isFalse();
		}
	}

	@Test
	void aScriptLineNamedInAnErrorShowsNoTokenWhateverItsQuoting() throws Exception {
		AstraRun astra = new AstraRun(dir);
		String unknown = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0123456789abcdef".repeat(4);
		Path f = dir.resolve("quoted.astra");
		Files.writeString(f, "org id --token 'Astra''CS:" + unknown.substring(8) + "'\n");
		AstraRun.Result r = astra.run("script", f.toString(), "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9); // the sandbox does not know this token
		assertThat(r.err()).contains(f + ":1: org id --token AstraCS:****\n").doesNotContain("ABCDEFGHIJKLMNOPQRSTUVWX")
			.doesNotContain("0123456789abcdef");

		// the -v line of what runs names the words as they run, the token masked
		Files.writeString(f, "org id -v --token \"Astra\"CS:" + unknown.substring(8) + "\n");
		AstraRun.Result verbose = astra.run("script", f.toString(), "--env", "local");
		assertThat(verbose.err()).contains("run: astra org id").contains("AstraCS:****")
			.doesNotContain("ABCDEFGHIJKLMNOPQRSTUVWX").doesNotContain("0123456789abcdef");
	}

}
