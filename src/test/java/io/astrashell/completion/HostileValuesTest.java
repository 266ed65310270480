package io.astrashell.completion;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.astrashell.AstraSettings;
import io.astrashell.HostileServer;
import io.astrashell.api.HttpSettings;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.UnsafeCharacters;
import io.astrashell.cli.Globals;
import io.astrashell.cli.ValueKind;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.astrashell.HostileServer.CLEAR;
import static io.astrashell.HostileServer.RLO;
import static io.astrashell.HostileServer.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server values with escape sequences (a window title, a screen clear, a clipboard write), C1
 * controls and bidirectional overrides are cleaned where they enter Tab completion: a description
 * has them replaced with a space, a value holding one is offered by its id (a role, a user) or not at
 * all (a client id), and the files of the completion cache hold none of them, whatever wrote them.
 */
class HostileValuesTest {

	@TempDir
	Path dir;

	/** Every character of every file under {@code folder} is safe (a tab and a line feed aside). */
	static void noUnsafeCharacterOnDisk(Path folder) throws Exception {
		try (var files = Files.walk(folder)) {
			for (Path p : files.filter(Files::isRegularFile).toList()) {
				String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
				for (int i = 0; i < text.length(); i++) {
					char c = text.charAt(i);
					assertThat(c != '\t' && c != '\n' && UnsafeCharacters.isUnsafe(c))
						.as("U+%04X at %d of %s:%n%s", (int) c, i, p, text.replace("\u001B", "ESC")).isFalse();
				}
			}
		}
	}

	Session session() {
		AstraSettings settings = new AstraSettings(new AstraSettings.Environments("https://p", "https://d", "https://t"),
				new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 0, Duration.ofSeconds(1)), dir.resolve("home"),
				dir.resolve("astrarc"), new AstraSettings.Sandbox(0), new AstraSettings.Completion(Duration.ofSeconds(60),
						Duration.ofMillis(250)),
				new AstraSettings.Daemon(false, Duration.ofMinutes(15)));
		return new Session(settings, Map.of());
	}

	@Test
	void tabOffersCleanValuesAndTheCacheOnDiskHoldsNoControlCharacter() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			HostileServer.serve(server);
			server.start();
			Session session = session();
			Path cacheDir = dir.resolve("cache");
			ServerValueCache cache = ServerValueCacheTest.cache(session, Duration.ofSeconds(60), Duration.ofSeconds(5),
					cacheDir, new ServerValueCacheTest.TestClock());
			Identity c = session.resolve(Globals.NONE.withToken(HostileServer.TOKEN)
				.withEnv("local").withLocalEndpoint(URI.create(server.url("/").toString()).toString()));
			cache.refresh(c);
			// a role whose name cannot be typed back is offered by its id; one whose id cannot either is left out
			assertThat(cache.values(c, TestKinds.ROLES)).containsExactly(new Candidate("r1", "Evil ]0;pwned "),
					new Candidate("RO User", "r2"));
			assertThat(cache.values(c, TestKinds.USERS)).containsExactly(
					new Candidate("u1", "eve [2J@b.co · active 31m · Evil ]0;pwned "), new Candidate("ok@b.co", "invited"));
			assertThat(cache.values(c, TestKinds.TOKENS))
				.containsExactly(new Candidate("CID", "nightly ]52;c;cHduZWQ=   · Evil ]0;pwned  · 2026-01-02"));
			// the shell's own changes go through the same rules
			cache.added(c, new Role("r9", "Fresh" + CLEAR, null));
			cache.added(c, new TokenInfo("NEWCLIENTIDABCDEFGHIJKLM", List.of(), "2026-01-01T00:00:00Z", "from " + TITLE, null));
			assertThat(cache.values(c, TestKinds.ROLES)).contains(new Candidate("r9", "Fresh [2J"));
			assertThat(cache.values(c, TestKinds.TOKENS).get(0)).isEqualTo(new Candidate("NEWCLIENTIDABCDEFGHIJKLM", "from  ]0;pwned  · 2026-01-01"));
			cache.removed(c, new Role("r9", "Fresh" + CLEAR, null));
			assertThat(cache.values(c, TestKinds.ROLES)).extracting(Candidate::value).doesNotContain("r9");
			noUnsafeCharacterOnDisk(cacheDir);
			assertThat(Files.list(cacheDir).count()).isEqualTo(1);
		}
	}

	/** A cache file written by an older version, or by hand, with raw escapes: read without them. */
	@Test
	void aCacheFileWithRawEscapesIsReadWithoutThem() throws Exception {
		Path folder = dir.resolve("completion").resolve(CompletionStore.profileFolder("default", "local"));
		Files.createDirectories(folder);
		Files.writeString(folder.resolve(CompletionStore.IDENTITY), "hash\n");
		Files.writeString(folder.resolve(TestKinds.stored(TestKinds.USERS).fileName()),
				"eve" + CLEAR + "@b.co\tactive\nok@b.co\tinvited" + TITLE + "\n" + RLO + "x@b.co\tactive\n");
		Map<ValueKind, List<Candidate>> loaded = new CompletionStore(dir.resolve("completion"))
			.load(folder.getFileName().toString(), "hash", TestKinds.stored());
		assertThat(loaded.get(TestKinds.USERS)).containsExactly(new Candidate("ok@b.co", "invited ]0;pwned "));
	}

}
