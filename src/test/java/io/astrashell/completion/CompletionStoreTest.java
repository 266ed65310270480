package io.astrashell.completion;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.astrashell.cli.ValueKind;
import io.astrashell.files.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The completion store owns its format: what it writes, it reads back, and the readers it writes
 * into the bash and zsh scripts find the same files and values; the scripts' own code spells none
 * of the layout.
 */
class CompletionStoreTest {

	@TempDir
	Path home;

	static final Map<ValueKind, List<Candidate>> VALUES = Map.of(TestKinds.USERS,
			List.of(new Candidate("ann@example.com", "active\tadmin"), new Candidate("bob@example.com", "invited")),
			TestKinds.ROLES, List.of(new Candidate("RO User", "r1")), TestKinds.TOKENS, List.of());

	void save(String folder, String hash, Map<ValueKind, List<Candidate>> values) {
		for (ServerKind<?> k : TestKinds.stored()) {
			store().save(folder, hash, k, values.get(k.kind()));
		}
	}

	CompletionStore store() {
		return new CompletionStore(home.resolve(CompletionStore.DIRECTORY));
	}

	@Test
	void readsBackWhatItWroteForTheSameIdentityOnly() {
		String folder = CompletionStore.profileFolder("my prof/1", "dev");
		assertThat(folder).isEqualTo("profile-my_prof_1-dev");
		save(folder, "hash", VALUES);
		Map<ValueKind, List<Candidate>> loaded = store().load(folder, "hash", TestKinds.stored());
		assertThat(loaded.get(TestKinds.USERS)).containsExactly(new Candidate("ann@example.com", "active admin"),
				new Candidate("bob@example.com", "invited"));
		assertThat(loaded.get(TestKinds.ROLES)).containsExactly(new Candidate("RO User", "r1"));
		assertThat(loaded.get(TestKinds.TOKENS)).isEmpty();
		assertThat(store().load(folder, "another", TestKinds.stored())).isNull();
		assertThat(store().load(CompletionStore.profileFolder("other", "dev"), "hash", TestKinds.stored())).isNull();
	}

	@Test
	void aCacheFileThatIsNotARegularFileIsLeftAsItWas() throws Exception {
		String folder = CompletionStore.profileFolder("p", "dev");
		save(folder, "hash", VALUES);
		Path dir = home.resolve(CompletionStore.DIRECTORY).resolve(folder);
		String name = TestKinds.stored(TestKinds.USERS).fileName();
		Path users = dir.resolve(name);
		Files.delete(users);
		SpecialFiles.fifo(users);
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
		var before = SpecialFiles.listing(dir);
		try {
			assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
				save(folder, "hash", VALUES); // quietly: the memory cache still works
				assertThat(store().load(folder, "hash", TestKinds.stored()).get(TestKinds.USERS)).isNull();
			});
		}
		finally {
			SpecialFiles.unblock(users);
		}
		var after = SpecialFiles.listing(dir);
		assertThat(after.get(name)).isEqualTo(before.get(name));
		assertThat(after.keySet()).isEqualTo(before.keySet()); // no temporary file left
		assertThat(SpecialFiles.typeAndMode(dir)).isEqualTo("40750"); // an existing folder keeps its mode
	}

	@Test
	void theBashReaderReadsTheStore() throws Exception {
		save(CompletionStore.profileFolder("my prof", "dev"), "hash", VALUES);
		String script = CompletionStore.bashReader(TestKinds.stored());
		assertThat(CompletionScripts.bash(List.of(), TestKinds.values(home))).contains(script);
		String out = run(List.of("bash", "--norc", "--noprofile", "-c", "eval \"$SCRIPT\"; for k in USER ROLE TOKEN_CLIENT_ID; do "
				+ "_astra_store_file \"$H\" $k 'my prof' dev && _astra_store_values \"$f\"; echo \"-- $k\"; done; "
				+ "_astra_store_file \"$H\" FILE 'my prof' dev || echo none"), script);
		assertThat(out).isEqualTo("ann@example.com\nbob@example.com\n-- USER\nRO User\n-- ROLE\n-- TOKEN_CLIENT_ID\nnone\n");
	}

	@Test
	void theZshReaderFindsTheStoresFiles() throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")), "no zsh");
		save(CompletionStore.profileFolder("my prof", "dev"), "hash", VALUES);
		String out = run(List.of("zsh", "-f", "-c", "eval \"$SCRIPT\"; for k in USER ROLE TOKEN_CLIENT_ID; do "
				+ "_astra_store_file \"$H\" $k 'my prof' dev && print -r -- \"${f#$H/}\"; done; "
				+ "_astra_store_file \"$H\" FILE 'my prof' dev || print none"), CompletionStore.zshReader(TestKinds.stored()));
		assertThat(CompletionScripts.zsh(List.of(), TestKinds.values(home))).contains(CompletionStore.zshReader(TestKinds.stored()));
		assertThat(out).isEqualTo("completion/profile-my_prof-dev/users.tsv\ncompletion/profile-my_prof-dev/roles.tsv\n"
				+ "completion/profile-my_prof-dev/tokens.tsv\nnone\n");
		assertThat(home.resolve("completion/profile-my_prof-dev/users.tsv")).isRegularFile();
	}

	@Test
	void theScriptsCodeSpellsNoneOfTheLayout() throws Exception {
		for (String name : List.of("astra.bash", "astra.zsh")) {
			String code;
			try (InputStream in = CompletionScripts.class.getResourceAsStream(name)) {
				code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			for (String line : code.split("\n")) {
				String stripped = line.strip();
				if (!stripped.startsWith("#")) {
					assertThat(stripped).as(name).doesNotContain(".tsv", "profile-", "/completion", "cut -f",
							"A-Za-z0-9");
				}
			}
		}
	}

	private String run(List<String> command, String script) throws Exception {
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().put("SCRIPT", script);
		pb.environment().put("H", home.toString());
		Process p = pb.start();
		p.getOutputStream().close();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return out;
	}

}
