package io.astrashell.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.astrashell.api.model.Policy;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.sandbox.RoleSlice.StoredRole;
import io.astrashell.sandbox.TokenSlice.StoredClient;
import io.astrashell.sandbox.UserSlice.StoredUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxStateTest {

	@TempDir
	Path home;

	@Test
	void aChangeThroughOneInstanceIsVisibleThroughAnotherAtOnce() throws Exception {
		try (LocalSandbox first = LocalSandbox.start(this.home, 0); LocalSandbox second = LocalSandbox.start(this.home, 0)) {
			assertEquals(first.organizationId(), second.organizationId());
			assertEquals(first.adminToken(), second.adminToken());
			SandboxHttp one = new SandboxHttp(first);
			SandboxHttp two = new SandboxHttp(second);
			String ro = one.roleId("RO User");

			one.put("/v2/organizations/users", "{\"email\":\"seen@example.com\",\"roles\":[\"" + ro + "\"]}")
				.expect(200);
			JsonNode user = two.userByEmail("seen@example.com");
			assertNotNull(user);
			assertEquals("invited", user.get("Status").asString());

			String roleId = two.post("/v2/organizations/roles",
					"{\"name\":\"Shared\",\"policy\":{\"actions\":[\"org-read\"]}}").expect(201).json().get("ID").asString();
			one.get("/v2/organizations/roles/" + roleId).expect(200);

			String token = one.createToken(roleId).get("token").asString();
			two.as(token).get("/v2/currentOrg").expect(200);
			two.delete("/v2/clientIdSecrets/" + token.split(":")[1]).expect(200);
			one.as(token).get("/v2/currentOrg").expect(401);

			two.delete("/v2/organizations/users/" + user.get("UserID").asString()).expect(204);
			one.get("/v2/organizations/users/" + user.get("UserID").asString()).expect(404);
		}
	}

	@Test
	void concurrentWritersThroughTwoInstancesLoseNothing() throws Exception {
		try (LocalSandbox first = LocalSandbox.start(this.home, 0); LocalSandbox second = LocalSandbox.start(this.home, 0)) {
			String ro = new SandboxHttp(first).roleId("RO User");
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				List<Future<Integer>> results = new ArrayList<>();
				for (int i = 0; i < 60; i++) {
					SandboxHttp http = new SandboxHttp(i % 2 == 0 ? first : second);
					String email = "writer" + i + "@example.com";
					results.add(pool.submit(() -> http
						.put("/v2/organizations/users", "{\"email\":\"" + email + "\",\"roles\":[\"" + ro + "\"]}")
						.status()));
				}
				for (Future<Integer> result : results) {
					assertEquals(200, result.get(60, TimeUnit.SECONDS));
				}
			}
			finally {
				pool.shutdownNow();
			}
			JsonNode users = new SandboxHttp(second).get("/v2/organizations/users").expect(200).json().get("Users");
			assertEquals(61, users.size());
			Set<String> emails = new HashSet<>();
			users.forEach(u -> emails.add(u.get("Email").asString()));
			for (int i = 0; i < 60; i++) {
				assertTrue(emails.contains("writer" + i + "@example.com"), "lost writer" + i);
			}
		}
	}

	@Test
	void anUnchangedStateIsNotParsedAgainAndALargeStateStaysFast() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0); LocalSandbox other = LocalSandbox.start(this.home, 0)) {
			populate(sandbox.store(), 10_000, 500, 2_000);
			SandboxHttp http = new SandboxHttp(sandbox);
			http.get("/v2/currentOrg").expect(200);
			int parses = sandbox.store().parses();

			long started = System.nanoTime();
			for (int i = 0; i < 200; i++) {
				http.get("/v2/currentOrg").expect(200);
			}
			long perRequestMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 200;
			assertEquals(parses, sandbox.store().parses(), "an unchanged state was parsed again");
			assertTrue(perRequestMillis < 50, "a request on a large unchanged state took " + perRequestMillis + " ms");

			JsonNode users = http.get("/v2/organizations/users").expect(200).json().get("Users");
			assertEquals(10_001, users.size());
			assertEquals(516, http.get("/v2/organizations/roles").expect(200).json().size());
			assertEquals(2_001, http.get("/v2/clientIdSecrets").expect(200).json().get("clients").size());

			// a change by this instance is cached as written, not parsed again
			String ro = http.roleId("RO User");
			started = System.nanoTime();
			for (int i = 0; i < 10; i++) {
				http.put("/v2/organizations/users", "{\"email\":\"big" + i + "@example.com\",\"roles\":[\"" + ro + "\"]}")
					.expect(200);
			}
			long perWriteMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 10;
			assertTrue(perWriteMillis < 2_000, "a write on a large state took " + perWriteMillis + " ms");
			assertEquals(parses, sandbox.store().parses());

			// the other instance parses the new state once, then serves it from its cache
			SandboxHttp otherHttp = new SandboxHttp(other);
			otherHttp.get("/v2/currentOrg").expect(200);
			int otherParses = other.store().parses();
			for (int i = 0; i < 20; i++) {
				otherHttp.get("/v2/currentOrg").expect(200);
			}
			assertEquals(otherParses, other.store().parses());
			assertEquals(10_011, otherHttp.get("/v2/organizations/users").expect(200).json().get("Users").size());
		}
	}

	@Test
	void anUnreadableStateIsReportedNotReplaced() throws Exception {
		String token;
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			token = sandbox.adminToken();
			Path state = this.home.resolve("sandbox/state.json");
			Files.writeString(state, "{ this is not json");
			SandboxHttp.Reply reply = new SandboxHttp(sandbox.endpoint(), token).get("/v2/organizations/users")
				.expect(500);
			SandboxUsersTest.assertStandardError(reply, 500);
			assertEquals("{ this is not json", Files.readString(state));
		}
		assertThrows(IOException.class, () -> LocalSandbox.start(this.home, 0));
		assertThrows(IOException.class, () -> LocalSandbox.adminTokenOf(this.home));
		LocalSandbox.reset(this.home);
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			new SandboxHttp(sandbox).get("/v2/currentOrg").expect(200);
		}
	}

	@Test
	void aRunningSandboxFollowsAResetOrADeletedDirectory() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			String firstOrg = sandbox.organizationId();
			String firstToken = sandbox.adminToken();

			LocalSandbox.reset(this.home);
			new SandboxHttp(sandbox.endpoint(), firstToken).get("/v2/currentOrg").expect(401);
			String secondOrg = sandbox.organizationId();
			assertTrue(!secondOrg.equals(firstOrg));
			assertEquals(sandbox.adminToken(), LocalSandbox.adminTokenOf(this.home));
			assertEquals(secondOrg, new SandboxHttp(sandbox).get("/v2/currentOrg").expect(200).json().get("id").asString());

			try (var files = Files.walk(this.home.resolve("sandbox"))) {
				for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
			assertEquals(16, new SandboxHttp(sandbox).get("/v2/organizations/roles").expect(200).json().size());
			assertTrue(!sandbox.organizationId().equals(secondOrg));
			assertTrue(Files.isRegularFile(this.home.resolve("sandbox/state.json")));
		}
	}

	@Test
	void aSecondStartOnABusyPortFailsCleanly() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			int port = sandbox.endpoint().getPort();
			assertThrows(IOException.class, () -> LocalSandbox.start(this.home, port));
			new SandboxHttp(sandbox).get("/v2/currentOrg").expect(200);
		}
	}

	/** Adds users, custom roles and tokens straight to the state, in one write. */
	static void populate(SandboxStore store, int users, int roles, int tokens) throws IOException {
		store.transact(state -> {
			RoleSlice roleSlice = state.slice(RoleSlice.class);
			String orgId = state.slice(OrgSlice.class).id();
			StoredRole admin = roleSlice.named("Organization Administrator");
			List<String> roleIds = new ArrayList<>();
			for (int i = 0; i < roles; i++) {
				String id = UUID.randomUUID().toString();
				roleIds.add(id);
				roleSlice.put(new StoredRole(id, "Custom role " + i, false,
						new Policy("Custom role " + i, List.of("drn:astra:org:" + orgId),
								List.of(PolicyActions.ORG_READ, "org-db-view"), Policy.ALLOW),
						"2025-06-17T02:26:29.846Z", null));
			}
			for (int i = 0; i < users; i++) {
				state.slice(UserSlice.class).put(new StoredUser(UUID.randomUUID().toString(), "user" + i + "@example.com",
						i % 2 == 0 ? "active" : "invited", List.of(admin.id(), roleIds.get(i % roles))));
			}
			for (int i = 0; i < tokens; i++) {
				String clientId = SandboxCredentials.newClientId();
				state.slice(TokenSlice.class).put(new StoredClient(clientId, SandboxCredentials.hash("secret" + i), null,
						List.of(roleIds.get(i % roles)), "2025-06-17T02:26:29.846Z", "token " + i, null));
			}
			return null;
		});
	}

}
