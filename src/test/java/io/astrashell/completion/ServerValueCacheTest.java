package io.astrashell.completion;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.astrashell.AstraSettings;
import io.astrashell.api.HttpSettings;
import io.astrashell.cli.Globals;
import io.astrashell.completion.ServerValueCache.Kind;
import io.astrashell.completion.ServerValueCache.Value;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.service.ApiCalls;
import io.astrashell.service.ChangeListener;
import io.astrashell.service.OrgService;
import io.astrashell.service.RoleService;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import io.astrashell.session.Connection;
import io.astrashell.session.Session;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The completion cache: TTL, stale-while-refresh, failures, the shell's changes, and the disk copy. */
class ServerValueCacheTest {

	@TempDir
	Path dir;

	/** A clock the test moves. */
	static final class TestClock extends Clock {

		volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	Session session() {
		AstraSettings settings = new AstraSettings(new AstraSettings.Environments("https://p", "https://d", "https://t"),
				new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 0, Duration.ofSeconds(1)), dir.resolve("home"),
				dir.resolve("astrarc"), new AstraSettings.Sandbox(0), new AstraSettings.Completion(Duration.ofSeconds(60),
						Duration.ofMillis(250)));
		return new Session(settings, Map.of());
	}

	/** A cache that fetches through services of its own, as the shell's are wired. */
	static ServerValueCache cache(Session session, Duration ttl, Duration firstFetchWait, Path home, Clock clock) {
		ApiCalls api = new ApiCalls(session);
		OrgService orgs = new OrgService(api);
		RoleService roles = new RoleService(api, orgs, ChangeListener.NONE);
		UserService users = new UserService(api, roles, orgs, ChangeListener.NONE);
		TokenService tokens = new TokenService(api, roles, ChangeListener.NONE);
		return new ServerValueCache(session, () -> users, () -> roles, () -> tokens, ttl, firstFetchWait, home, clock);
	}

	Connection connection(Session session, URI endpoint, String token) {
		return session.resolve(Globals.NONE.withToken(token).withEnv("local").withLocalEndpoint(endpoint.toString()));
	}

	static List<String> names(List<Value> values) {
		return values.stream().map(Value::value).toList();
	}

	@Test
	void fetchesOnceThenServesMemoryUntilTheTtlThenStaleWhileRefreshing() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sb"), 0)) {
			Session session = session();
			TestClock clock = new TestClock();
			ServerValueCache cache = cache(session, Duration.ofSeconds(60), Duration.ofSeconds(5),
					dir.resolve("cache"), clock);
			Connection c = connection(session, sandbox.endpoint(), sandbox.adminToken());

			assertThat(names(cache.values(c, Kind.USERS))).containsExactly("admin@sandbox.local");
			long afterFirst = sandbox.requestCount();
			assertThat(afterFirst).isEqualTo(3); // roles, users, tokens
			for (int i = 0; i < 100; i++) {
				cache.values(c, Kind.ROLES);
			}
			assertThat(sandbox.requestCount()).isEqualTo(afterFirst);

			// someone else changes the organization; past the TTL the old values are served while a refresh runs
			io.astrashell.api.UsersApi.invite(new io.astrashell.api.DevOpsClient(sandbox.endpoint(), sandbox.adminToken(),
					HttpSettings.DEFAULTS), new io.astrashell.api.model.InviteUserRequest("new@example.com",
							sandbox.organizationId(), List.of(cache.values(c, Kind.ROLES).get(0).description())));
			clock.now = clock.now.plusSeconds(61);
			assertThat(names(cache.values(c, Kind.USERS))).containsExactly("admin@sandbox.local");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> names(cache.values(c, Kind.USERS)).contains("new@example.com"));
		}
	}

	@Test
	void aFailedFetchKeepsTheValuesAndSaysSoOnce() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			server.start();
			String roles = "[{\"ID\":\"r1\",\"Name\":\"RO User\"}]";
			server.enqueue(new MockResponse.Builder().code(200).body(roles).build());
			server.enqueue(new MockResponse.Builder().code(200).body("{\"Users\":[{\"UserID\":\"u\",\"Email\":\"a@b.co\",\"Status\":\"active\"}]}").build());
			server.enqueue(new MockResponse.Builder().code(200).body("{\"clients\":[]}").build());
			Session session = session();
			TestClock clock = new TestClock();
			ServerValueCache cache = cache(session, Duration.ofSeconds(60), Duration.ofSeconds(5),
					dir.resolve("cache"), clock);
			Connection c = connection(session, URI.create(server.url("/").toString()),
					"AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64));
			assertThat(names(cache.values(c, Kind.USERS))).containsExactly("a@b.co");

			server.enqueue(new MockResponse.Builder().code(503).body("down").build());
			clock.now = clock.now.plusSeconds(120);
			cache.values(c, Kind.USERS); // starts the refresh, which fails
			await().atMost(Duration.ofSeconds(10)).until(() -> server.getRequestCount() >= 4);
			await().atMost(Duration.ofSeconds(10)).until(() -> cache.takeStaleNotice(c) != null);
			assertThat(cache.takeStaleNotice(c)).isNull(); // said once
			assertThat(names(cache.values(c, Kind.USERS))).containsExactly("a@b.co");
		}
	}

	/**
	 * The values are fetched through the services the commands use; a listing the token may not read
	 * (403) is empty (the roles keep theirs), and any other failure reaches {@code refresh} as the
	 * API's own error, which it names.
	 */
	@Test
	void fetchesThroughTheServicesAndAForbiddenListingIsEmpty() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			server.start();
			Session session = session();
			ApiCalls api = new ApiCalls(session);
			OrgService orgs = new OrgService(api);
			RoleService roles = new RoleService(api, orgs, ChangeListener.NONE);
			UserService users = new UserService(api, roles, orgs, ChangeListener.NONE);
			TokenService tokens = new TokenService(api, roles, ChangeListener.NONE);
			java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
			ServerValueCache cache = new ServerValueCache(session, () -> {
				lookups.incrementAndGet();
				return users;
			}, () -> {
				lookups.incrementAndGet();
				return roles;
			}, () -> {
				lookups.incrementAndGet();
				return tokens;
			}, Duration.ofSeconds(60), Duration.ofSeconds(5), dir.resolve("home"), new TestClock());
			assertThat(lookups).hasValue(0); // not while the shell is being built
			Connection c = connection(session, URI.create(server.url("/").toString()),
					"AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64));
			server.enqueue(new MockResponse.Builder().code(200).body("[{\"ID\":\"r1\",\"Name\":\"RO User\"}]").build());
			server.enqueue(new MockResponse.Builder().code(403).body("{\"errors\":[{\"message\":\"no\"}]}").build());
			server.enqueue(new MockResponse.Builder().code(200)
				.body("{\"clients\":[{\"clientId\":\"CID\",\"roles\":[\"r1\"],\"generatedOn\":\"2026-01-02T00:00:00Z\"}]}").build());
			assertThat(cache.refresh(c)).isEqualTo(Map.of(Kind.USERS, 0, Kind.ROLES, 1, Kind.TOKENS, 1));
			assertThat(lookups).hasValue(3);
			assertThat(cache.values(c, Kind.TOKENS)).containsExactly(new Value("CID", "(no description) · RO User · 2026-01-02"));

			server.enqueue(new MockResponse.Builder().code(403).body("{}").build());
			server.enqueue(new MockResponse.Builder().code(200).body("{\"Users\":[]}").build());
			server.enqueue(new MockResponse.Builder().code(200).body("{\"clients\":[]}").build());
			cache.refresh(c);
			assertThat(names(cache.values(c, Kind.ROLES))).containsExactly("RO User");

			server.enqueue(new MockResponse.Builder().code(503).body("down").build());
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.refresh(c))
				.isInstanceOf(java.util.concurrent.ExecutionException.class)
				.cause().isInstanceOf(io.astrashell.api.ApiException.ServerError.class);
			assertThat(cache.takeStaleNotice(c)).isNotNull();
			assertThat(names(cache.values(c, Kind.ROLES))).containsExactly("RO User");
		}
	}

	@Test
	void theFirstTabWaitsABoundedTimeForASilentServer() throws Exception {
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
			Session session = session();
			ServerValueCache cache = cache(session, Duration.ofSeconds(60), Duration.ofMillis(100),
					dir.resolve("cache"), Clock.systemUTC());
			Connection c = connection(session, URI.create("http://127.0.0.1:" + silent.getLocalPort()),
					"AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64));
			assertThat(cache.values(c, Kind.USERS)).isEmpty(); // returned after the wait, not after the read timeout
		}
	}

	@Test
	void theShellsChangesAndTheDiskCopy() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sb"), 0)) {
			Session session = session();
			Path cacheDir = dir.resolve("cache");
			ServerValueCache cache = cache(session, Duration.ofSeconds(60), Duration.ofSeconds(5), cacheDir,
					Clock.systemUTC());
			Connection c = connection(session, sandbox.endpoint(), sandbox.adminToken());
			cache.values(c, Kind.USERS);
			cache.userAdded(c, "zoe@example.com");
			cache.roleAdded(c, "role-id", "Auditors");
			cache.tokenAdded(c, "ABCDEFGHIJKLMNOPQRSTUVWX", "ci");
			cache.tokenRemoved(c, "ABCDEFGHIJKLMNOPQRSTUVWX");
			assertThat(names(cache.values(c, Kind.USERS))).contains("zoe@example.com");
			assertThat(names(cache.values(c, Kind.ROLES))).contains("Auditors");
			assertThat(names(cache.values(c, Kind.TOKENS))).doesNotContain("ABCDEFGHIJKLMNOPQRSTUVWX");
			assertThat(sandbox.requestCount()).isEqualTo(3);

			// a new shell reads the disk copy: completes at once, before any request
			ServerValueCache next = cache(session(), Duration.ofSeconds(60), Duration.ofSeconds(5), cacheDir,
					Clock.systemUTC());
			assertThat(names(next.values(c, Kind.USERS))).contains("zoe@example.com", "admin@sandbox.local");
			assertThat(next.isFromDiskOnly(c)).isTrue();
			try (var files = Files.walk(cacheDir)) {
				for (Path p : files.toList()) {
					if (Files.isRegularFile(p)) {
						assertThat(Files.readString(p)).doesNotContain(sandbox.adminToken())
							.doesNotContain(sandbox.adminToken().substring(33));
						assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
					}
				}
			}
		}
	}

}
