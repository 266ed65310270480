package io.astrashell.completion;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.astrashell.AstraSettings;
import io.astrashell.api.ApiException;
import io.astrashell.api.DevOpsClient;
import io.astrashell.api.HttpSettings;
import io.astrashell.api.Trace;
import io.astrashell.api.UsersApi;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.User;
import io.astrashell.cli.Globals;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.service.ApiCalls;
import io.astrashell.service.ChangeListener;
import io.astrashell.service.OrgService;
import io.astrashell.service.RoleService;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
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
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
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

	/** A cache that fetches through services of its own, as the shell's are wired. */
	static ServerValueCache cache(Session session, Duration ttl, Duration firstFetchWait, Path home, Clock clock) {
		ApiCalls api = new ApiCalls(session);
		OrgService orgs = new OrgService(api);
		RoleService roles = new RoleService(api, orgs, ChangeListener.NONE);
		UserService users = new UserService(api, roles, orgs, ChangeListener.NONE);
		TokenService tokens = new TokenService(api, roles, ChangeListener.NONE);
		return new ServerValueCache(session, () -> TestKinds.of(users, roles, tokens), ttl, firstFetchWait, home, clock,
				Trace.NONE);
	}

	Identity identity(Session session, URI endpoint, String token) {
		return session.resolve(Globals.NONE.withToken(token).withEnv("local").withLocalEndpoint(endpoint.toString()));
	}

	static List<String> names(List<Candidate> values) {
		return values.stream().map(Candidate::value).toList();
	}

	@Test
	void fetchesOnceThenServesMemoryUntilTheTtlThenStaleWhileRefreshing() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sb"), 0)) {
			Session session = session();
			TestClock clock = new TestClock();
			ServerValueCache cache = cache(session, Duration.ofSeconds(60), Duration.ofSeconds(5),
					dir.resolve("cache"), clock);
			Identity c = identity(session, sandbox.endpoint(), sandbox.adminToken());

			assertThat(names(cache.values(c, TestKinds.USERS))).containsExactly("admin@sandbox.local");
			assertThat(sandbox.requestCount()).isEqualTo(1); // the users listing alone: each kind is fetched on its own
			cache.values(c, TestKinds.ROLES);
			long afterFirst = sandbox.requestCount();
			assertThat(afterFirst).isEqualTo(2);
			for (int i = 0; i < 100; i++) {
				cache.values(c, TestKinds.ROLES);
			}
			assertThat(sandbox.requestCount()).isEqualTo(afterFirst);

			// someone else changes the organization; past the TTL the old values are served while a refresh runs
			UsersApi.invite(new DevOpsClient(sandbox.endpoint(), sandbox.adminToken(),
					HttpSettings.DEFAULTS), new InviteUserRequest("new@example.com",
							sandbox.organizationId(), List.of(cache.values(c, TestKinds.ROLES).get(0).description())));
			clock.now = clock.now.plusSeconds(61);
			assertThat(names(cache.values(c, TestKinds.USERS))).containsExactly("admin@sandbox.local");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> names(cache.values(c, TestKinds.USERS)).contains("new@example.com"));
		}
	}

	@Test
	void aFailedFetchKeepsTheValuesAndSaysSoOnce() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			server.start();
			server.enqueue(new MockResponse.Builder().code(200).body("{\"Users\":[{\"UserID\":\"u\",\"Email\":\"a@b.co\",\"Status\":\"active\"}]}").build());
			Session session = session();
			TestClock clock = new TestClock();
			ServerValueCache cache = cache(session, Duration.ofSeconds(60), Duration.ofSeconds(5),
					dir.resolve("cache"), clock);
			Identity c = identity(session, URI.create(server.url("/").toString()),
					"AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64));
			assertThat(names(cache.values(c, TestKinds.USERS))).containsExactly("a@b.co");

			server.enqueue(new MockResponse.Builder().code(503).body("down").build());
			clock.now = clock.now.plusSeconds(120);
			cache.values(c, TestKinds.USERS); // starts the refresh, which fails
			await().atMost(Duration.ofSeconds(10)).until(() -> server.getRequestCount() >= 2);
			await().atMost(Duration.ofSeconds(10)).until(() -> cache.takeStaleNotice(c) != null);
			assertThat(cache.takeStaleNotice(c)).isNull(); // said once
			assertThat(names(cache.values(c, TestKinds.USERS))).containsExactly("a@b.co");
		}
	}

	/**
	 * The values are fetched through the services the commands use, each kind on its own: a listing
	 * the token may not read (403) is empty (or keeps what it had), a kind whose fetch fails leaves
	 * the others' values fresh, and reaches {@code refresh} as the API's own error.
	 */
	@Test
	void eachKindIsFetchedOnItsOwnAndAForbiddenListingIsEmpty() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			server.start();
			Map<String, MockResponse> answers = new ConcurrentHashMap<>();
			server.setDispatcher(new mockwebserver3.Dispatcher() {
				@Override
				public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
					MockResponse answer = answers.get(request.getTarget());
					return answer != null ? answer : new MockResponse.Builder().code(404).body("{}").build();
				}
			});
			Session session = session();
			ApiCalls api = new ApiCalls(session);
			OrgService orgs = new OrgService(api);
			RoleService roles = new RoleService(api, orgs, ChangeListener.NONE);
			UserService users = new UserService(api, roles, orgs, ChangeListener.NONE);
			TokenService tokens = new TokenService(api, roles, ChangeListener.NONE);
			AtomicInteger lookups = new AtomicInteger();
			ServerValueCache cache = new ServerValueCache(session, () -> {
				lookups.incrementAndGet();
				return TestKinds.of(users, roles, tokens);
			}, Duration.ofSeconds(60), Duration.ofSeconds(5), dir.resolve("home"), new TestClock(),
					Trace.NONE);
			assertThat(lookups).hasValue(0); // not while the shell is being built
			Identity c = identity(session, URI.create(server.url("/").toString()),
					"AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64));
			answers.put("/v2/organizations/roles", ok("[{\"ID\":\"r1\",\"Name\":\"RO User\"}]"));
			answers.put("/v2/organizations/users", new MockResponse.Builder().code(403).body("{\"errors\":[{\"message\":\"no\"}]}").build());
			answers.put("/v2/clientIdSecrets",
					ok("{\"clients\":[{\"clientId\":\"CID\",\"roles\":[\"r1\"],\"generatedOn\":\"2026-01-02T00:00:00Z\"}]}"));
			ServerValueCache.Refreshed first = cache.refresh(c);
			assertThat(first.failures()).isEmpty();
			assertThat(first.counts()).isEqualTo(Map.of(TestKinds.USERS, 0, TestKinds.ROLES, 1, TestKinds.TOKENS, 1));
			assertThat(lookups).hasValue(1);
			assertThat(cache.values(c, TestKinds.TOKENS)).containsExactly(new Candidate("CID", "(no description) · RO User · 2026-01-02"));

			answers.put("/v2/organizations/roles", new MockResponse.Builder().code(403).body("{}").build());
			cache.refresh(c);
			assertThat(names(cache.values(c, TestKinds.ROLES))).containsExactly("RO User");

			// the token listing fails: the users and roles are fetched all the same
			answers.put("/v2/organizations/roles", ok("[{\"ID\":\"r1\",\"Name\":\"RO User\"},{\"ID\":\"r2\",\"Name\":\"Auditors\"}]"));
			answers.put("/v2/organizations/users", ok("{\"Users\":[{\"UserID\":\"u\",\"Email\":\"a@b.co\",\"Status\":\"active\"}]}"));
			answers.put("/v2/clientIdSecrets", new MockResponse.Builder().code(503).body("down").build());
			ServerValueCache.Refreshed partial = cache.refresh(c);
			assertThat(partial.failures()).containsOnlyKeys(TestKinds.TOKENS);
			assertThat(partial.failures().get(TestKinds.TOKENS)).isInstanceOf(ApiException.ServerError.class);
			assertThat(cache.takeStaleNotice(c)).isNotNull();
			assertThat(names(cache.values(c, TestKinds.ROLES))).containsExactly("RO User", "Auditors");
			assertThat(names(cache.values(c, TestKinds.USERS))).containsExactly("a@b.co");
			assertThat(names(cache.values(c, TestKinds.TOKENS))).containsExactly("CID"); // kept from before
		}
	}

	private static MockResponse ok(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
	}

	@Test
	void theFirstTabWaitsABoundedTimeForASilentServer() throws Exception {
		try (ServerSocket silent = new ServerSocket(0)) {
			Session session = session();
			ServerValueCache cache = cache(session, Duration.ofSeconds(60), Duration.ofMillis(100),
					dir.resolve("cache"), Clock.systemUTC());
			Identity c = identity(session, URI.create("http://127.0.0.1:" + silent.getLocalPort()),
					"AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64));
			assertThat(cache.values(c, TestKinds.USERS)).isEmpty(); // returned after the wait, not after the read timeout
		}
	}

	@Test
	void theShellsChangesAndTheDiskCopy() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sb"), 0)) {
			Session session = session();
			Path cacheDir = dir.resolve("cache");
			ServerValueCache cache = closing(cache(session, Duration.ofSeconds(60), Duration.ofSeconds(5), cacheDir,
					Clock.systemUTC()));
			Identity c = identity(session, sandbox.endpoint(), sandbox.adminToken());
			cache.refresh(c);
			long fetched = sandbox.requestCount();
			cache.added(c, new User(null, "zoe@example.com", "invited", List.of()));
			cache.added(c, new Role("role-id", "Auditors", null));
			cache.added(c, new TokenInfo("ABCDEFGHIJKLMNOPQRSTUVWX", List.of(), null, "ci", null));
			assertThat(names(cache.values(c, TestKinds.TOKENS))).contains("ABCDEFGHIJKLMNOPQRSTUVWX");
			cache.removed(c, new TokenInfo("ABCDEFGHIJKLMNOPQRSTUVWX", List.of(), null, null, null));
			assertThat(names(cache.values(c, TestKinds.USERS))).contains("zoe@example.com");
			assertThat(names(cache.values(c, TestKinds.ROLES))).contains("Auditors");
			assertThat(names(cache.values(c, TestKinds.TOKENS))).doesNotContain("ABCDEFGHIJKLMNOPQRSTUVWX");
			assertThat(sandbox.requestCount()).isEqualTo(fetched); // the changes needed no listing

			// a new shell reads the disk copy: completes at once, before any request
			// its refresh in the background writes the disk copy: closed before the folder is removed
			ServerValueCache next = closing(cache(session(), Duration.ofSeconds(60), Duration.ofSeconds(5), cacheDir,
					Clock.systemUTC()));
			assertThat(names(next.values(c, TestKinds.USERS))).contains("zoe@example.com", "admin@sandbox.local");
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

	private final List<ServerValueCache> opened = new ArrayList<>();

	/** A cache closed after the test, before its folder is removed: no background fetch writes into it then. */
	ServerValueCache closing(ServerValueCache cache) {
		opened.add(cache);
		return cache;
	}

	@AfterEach
	void closeCaches() {
		opened.forEach(ServerValueCache::close);
	}

}
