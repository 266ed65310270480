package io.astrashell.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.astrashell.AstraRun.Result;
import io.astrashell.AstraRun;
import io.astrashell.api.model.WireJson;
import io.astrashell.sandbox.LocalSandbox;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that change the same thing at the same moment: several shells on threads, each running
 * the real command code against one served sandbox; and, for the interleavings the sandbox cannot
 * be made to show on demand, the same commands against a wire-level fake.
 */
class ConcurrentChangesTest {

	@TempDir
	Path dir;

	LocalSandbox served;

	@BeforeEach
	void serve() throws Exception {
		served = LocalSandbox.start(dir.resolve("sandbox"), 0);
	}

	@AfterEach
	void stop() {
		served.close();
	}

	/** One shell of its own (home, profiles) against the served sandbox. */
	Result astra(int shell, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", served.endpoint().toString(), "--token",
				served.adminToken()));
		return new AstraRun(dir.resolve("shell-" + shell)).run(all.toArray(String[]::new));
	}

	/** Runs {@code n} commands at once (released together) and returns their results in order. */
	static List<Result> atOnce(int n, Function<Integer, Result> command) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Result>> runs = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int shell = i;
				runs.add(threads.submit(() -> {
					go.await();
					return command.apply(shell);
				}));
			}
			go.countDown();
			List<Result> results = new ArrayList<>();
			for (Future<Result> run : runs) {
				results.add(run.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void tenInvitationsOfOneEmailAtOnceLeaveOneUserAndTheHelpSaysWhatTheyCanTell() throws Exception {
		List<Result> results = atOnce(10, shell -> astra(shell, "user", "invite", "zoe@example.com", "-r", "RO User"));
		int invited = 0;
		for (Result r : results) {
			if (r.exitCode() == 0) {
				assertThat(r.out()).as(r.toString())
					.isEqualTo("[OK]    User 'zoe@example.com' has been invited with the role RO User.\n");
				invited++;
			}
			else {
				// a shell whose listing already held the email
				assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
				assertThat(r.err()).as(r.toString())
					.startsWith("[ERROR] User 'zoe@example.com' already exists in the organization (invited).");
			}
		}
		assertThat(invited).isPositive();

		JsonNode users = WireJson.mapper().readTree(astra(0, "user", "list", "-o", "json").out()).get("data");
		List<JsonNode> zoes = new ArrayList<>();
		users.forEach(u -> {
			if (u.get("Email").asString().equalsIgnoreCase("zoe@example.com")) {
				zoes.add(u);
			}
		});
		assertThat(zoes).hasSize(1);
		assertThat(zoes.get(0).get("Status").asString()).isEqualTo("invited");
		assertThat(zoes.get(0).get("Roles").get(0).get("Name").asString()).isEqualTo("RO User");

		// what a shell cannot tell, its help says
		Result help = astra(0, "help", "user", "invite");
		assertThat(help.out()).contains("DISCUSSION").contains("invitations of one email")
			.contains("each report 'invited'");
		assertThat(astra(0, "user", "invite", "zoe@example.com").exitCode()).isEqualTo(7);
	}

	@Test
	void parallelUpdatesOfOneRoleNeverReportALostChangeAsDone() throws Exception {
		assertThat(astra(0, "role", "create", "Shared", "-a", "org-read", "-d", "start").exitCode()).isZero();
		int n = 8;
		List<Result> results = atOnce(n, shell -> astra(shell, "role", "update", "Shared", "-d", "by shell " + shell));
		List<String> reportedDone = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Result r = results.get(i);
			if (r.exitCode() == 0) {
				assertThat(r.out()).as(r.toString()).contains("| Description    | by shell " + i + " ");
				reportedDone.add("by shell " + i);
			}
			else {
				assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
				assertThat(r.err()).as(r.toString()).startsWith("[ERROR] Role 'Shared' was changed by another command at "
						+ "the same moment: read back, it no longer holds the description this command sent");
			}
		}
		// the last write is read back by its own command: the role holds a change that was reported done
		String description = WireJson.mapper()
			.readTree(astra(0, "role", "get", "Shared", "-o", "json").out())
			.get("data")
			.get("Policy")
			.get("description")
			.asString();
		assertThat(reportedDone).contains(description);

		assertThat(astra(0, "help", "role", "update").out()).contains("DISCUSSION").contains("read back")
			.contains("no conditional update");
	}

	/** A shell of its own (home, profiles) that shares the astra home of this machine's shells. */
	Result sharingHome(int shell, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", served.endpoint().toString(), "--token",
				served.adminToken()));
		return new AstraRun(dir.resolve("shell-" + shell)).env("ASTRA_HOME", dir.resolve("astra-home").toString())
			.run(all.toArray(String[]::new));
	}

	static final List<String> ACTIONS = List.of("db-cql", "db-table-select", "org-audits-read", "org-billing-read",
			"db-keyspace-create");

	@Test
	void twentyPairsOfUpdatesOfDifferentPartsOfOneRoleLoseNoChangeReportedDone() throws Exception {
		int pairs = 20;
		List<String> lost = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			String role = "Pair " + i;
			assertThat(sharingHome(0, "role", "create", role, "-a", "org-read", "-d", "start").exitCode()).isZero();
			String description = "by pair " + i;
			String action = ACTIONS.get(i % ACTIONS.size());
			List<Result> both = atOnce(2, shell -> shell == 0
					? sharingHome(1, "role", "update", role, "-d", description)
					: sharingHome(2, "role", "update", role, "-a", "org-read", "-a", action));
			JsonNode now = WireJson.mapper().readTree(sharingHome(0, "role", "get", role, "-o", "json").out())
				.get("data").get("Policy");
			boolean descriptionThere = now.get("description").asString().equals(description);
			boolean actionThere = now.get("actions").toString().contains("\"" + action + "\"");
			for (Result r : both) {
				assertThat(r.exitCode()).as(role + "\n" + r).isIn(0, 100);
			}
			if (both.get(0).exitCode() == 0 && !descriptionThere) {
				lost.add(role + ": the description, reported done\n" + both.get(0));
			}
			if (both.get(1).exitCode() == 0 && !actionThere) {
				lost.add(role + ": the actions, reported done\n" + both.get(1));
			}
			// shells of one machine take turns: both changes land
			assertThat(descriptionThere && actionThere).as(role + " holds both changes: " + now + "\n" + both).isTrue();
		}
		assertThat(lost).isEmpty();
	}

	// ---- the interleavings, on a wire-level fake

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);

	static final String AUDITOR = "{\"ID\":\"r-aud\",\"Name\":\"Auditor\",\"Policy\":{\"description\":\"%s\","
			+ "\"resources\":[\"drn:astra:org:o1\"],\"actions\":[\"%s\"],\"effect\":\"allow\"}}";

	static final String ROLES = "[{\"ID\":\"r-ro\",\"Name\":\"RO User\"},{\"ID\":\"r-dba\",\"Name\":\"Database "
			+ "Administrator\"}," + AUDITOR.formatted("old", "org-read") + "]";

	Result againstFake(MockWebServer server, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", server.url("/").toString(), "--token", TOKEN));
		return new AstraRun(dir.resolve("fake")).run(all.toArray(String[]::new));
	}

	static MockWebServer fake(Function<String, MockResponse> answers) throws Exception {
		MockWebServer server = new MockWebServer();
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answers.apply(request.getMethod() + " " + request.getTarget());
			}
		});
		server.start();
		return server;
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
	}

	static List<String> requests(MockWebServer server) throws InterruptedException {
		List<String> seen = new ArrayList<>();
		RecordedRequest r;
		while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
			String body = r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
			seen.add(r.getMethod() + " " + r.getTarget() + (body.isEmpty() ? "" : " " + body));
		}
		return seen;
	}

	@Test
	void aRoleUpdateOverwrittenBeforeItIsReadBackFailsNamingWhatWasLost() throws Exception {
		// another command wrote the role between this one's write and its read back: actions kept, description lost
		String afterOther = AUDITOR.formatted("someone else's", "org-audits-read");
		try (MockWebServer server = fake(key -> switch (key) {
			case "GET /v2/organizations/roles" -> json(ROLES);
			case "PUT /v2/organizations/roles/r-aud" -> new MockResponse.Builder().code(200).build();
			case "GET /v2/organizations/roles/r-aud" -> json(afterOther);
			default -> new MockResponse.Builder().code(404).build();
		})) {
			Result r = againstFake(server, "role", "update", "Auditor", "-d", "mine", "-a", "org-audits-read");
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
			assertThat(r.err()).isEqualTo("[ERROR] Role 'Auditor' was changed by another command at the same moment: "
					+ "read back, it no longer holds the description this command sent (the API replaces the whole "
					+ "role, the last write wins). See 'astra role get Auditor' and run the command again if the "
					+ "change is still wanted.\n");
			assertThat(requests(server)).containsExactly("GET /v2/organizations/roles",
					"PUT /v2/organizations/roles/r-aud {\"name\":\"Auditor\",\"policy\":{\"description\":\"mine\","
							+ "\"resources\":[\"drn:astra:org:o1\"],\"actions\":[\"org-audits-read\"],\"effect\":\"allow\"}}",
					"GET /v2/organizations/roles/r-aud");
		}
	}

	@Test
	void aRoleUpdateReadBackAsSentSucceedsAndShowsTheRoleAsTheApiHoldsIt() throws Exception {
		try (MockWebServer server = fake(key -> switch (key) {
			case "GET /v2/organizations/roles" -> json(ROLES);
			case "PUT /v2/organizations/roles/r-aud" -> new MockResponse.Builder().code(200).build();
			// as the API normalizes it: trimmed, actions in lower case
			case "GET /v2/organizations/roles/r-aud" -> json(AUDITOR.formatted("mine", "org-audits-read"));
			default -> new MockResponse.Builder().code(404).build();
		})) {
			Result r = againstFake(server, "role", "update", "Auditor", "-d", " mine ", "-a", "ORG-AUDITS-READ");
			assertThat(r.exitCode()).as(r.toString()).isZero();
			assertThat(r.out()).contains("| Description    | mine ").contains("[0] org-audits-read");
		}
	}

	@Test
	void aRoleDeletedBeforeItIsReadBackIsNotFound() throws Exception {
		try (MockWebServer server = fake(key -> switch (key) {
			case "GET /v2/organizations/roles" -> json(ROLES);
			case "PUT /v2/organizations/roles/r-aud" -> new MockResponse.Builder().code(200).build();
			default -> new MockResponse.Builder().code(404).body("\"role not found\"").build();
		})) {
			Result r = againstFake(server, "role", "update", "Auditor", "-n", "Auditors");
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
			assertThat(r.err()).isEqualTo("[ERROR] Role 'Auditors' was deleted by another command just after this "
					+ "change was written.\n");
		}
	}

	@Test
	void anInvitationOfAnEmailThatBecameAnActiveMemberMeanwhileIsAlreadyExists() throws Exception {
		// the listing did not hold the email; by the time the invitation arrived, it was an active member (409)
		try (MockWebServer server = fake(key -> switch (key) {
			case "GET /v2/organizations/roles" -> json(ROLES);
			case "GET /v2/organizations/users" -> json("{\"OrgID\":\"o1\",\"Users\":[]}");
			case "PUT /v2/organizations/users" -> new MockResponse.Builder().code(409)
				.setHeader("Content-Type", "application/json")
				.body("{\"errors\":[{\"ID\":0,\"message\":\"user zoe@example.com is already a member\"}]}")
				.build();
			default -> new MockResponse.Builder().code(404).build();
		})) {
			Result r = againstFake(server, "user", "invite", "zoe@example.com");
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
			assertThat(r.err()).isEqualTo("[ERROR] User 'zoe@example.com' already exists in the organization (active). "
					+ "Use 'astra user update' to change its roles, or --if-not-exists to ignore it.\n");
			Result ifNotExists = againstFake(server, "user", "invite", "zoe@example.com", "--if-not-exists", "-o", "json");
			assertThat(ifNotExists.exitCode()).as(ifNotExists.toString()).isZero();
			assertThat(WireJson.mapper().readTree(ifNotExists.out()).get("data").get("alreadyThere").asBoolean()).isTrue();
		}
	}

	@Test
	void anApplyDoesNotUndoARoleChangedSinceItsPlan() throws Exception {
		// the plan read the role with the description 'old'; by the time apply sends, it holds another one
		AtomicInteger reads = new AtomicInteger();
		try (MockWebServer server = fake(key -> switch (key) {
			case "GET /v2/organizations/users" -> json("{\"OrgID\":\"o1\",\"OrgName\":\"Org\",\"Users\":[]}");
			case "GET /v2/organizations/roles" -> json(ROLES);
			case "GET /v2/organizations/roles/r-aud" -> {
				reads.incrementAndGet();
				yield json(AUDITOR.formatted("someone else's", "org-read"));
			}
			default -> new MockResponse.Builder().code(204).build();
		})) {
			Path file = dir.resolve("org.yaml");
			Files.writeString(file, "roles:\n  - name: Auditor\n    actions: [org-read, db-cql]\n"
					+ "    resources: [\"drn:astra:org:o1\"]\n");
			Result r = againstFake(server, "org", "apply", file.toString(), "--yes");
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
			assertThat(r.err()).contains("Role \"Auditor\" was changed by another command after the plan was made: not "
					+ "updated, so that its change is not undone. Run the apply again");
			assertThat(reads.get()).isEqualTo(1);
			assertThat(requests(server)).noneMatch(line -> line.startsWith("PUT"));
		}
	}

	@Test
	void twoShellsDemotingTheLastTwoAdministratorsTakeTurns() throws Exception {
		// a fake holding two active administrators, whose users listing takes long enough that two shells
		// not taking turns would both read it before either wrote
		Map<String, String> roleOf = new ConcurrentHashMap<>(
				Map.of("u-1", "r-admin", "u-2", "r-admin"));
		String roles = "[{\"ID\":\"r-admin\",\"Name\":\"Organization Administrator\"},{\"ID\":\"r-ro\","
				+ "\"Name\":\"RO User\"}]";
		MockWebServer server = new MockWebServer();
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				String key = request.getMethod() + " " + request.getTarget();
				if (key.equals("GET /v2/organizations/roles")) {
					return json(roles);
				}
				if (key.equals("GET /v2/organizations/users")) {
					String listing = "{\"OrgID\":\"o1\",\"Users\":[" + user("u-1", roleOf.get("u-1")) + ","
							+ user("u-2", roleOf.get("u-2")) + "]}";
					Thread.sleep(400);
					return json(listing);
				}
				if (key.startsWith("PUT /v2/organizations/users/u-")) {
					String id = key.substring("PUT /v2/organizations/users/".length(), key.length() - "/roles".length());
					roleOf.put(id, request.getBody().string(StandardCharsets.UTF_8).contains("r-admin") ? "r-admin" : "r-ro");
					return new MockResponse.Builder().code(204).build();
				}
				return new MockResponse.Builder().code(404).build();
			}
		});
		server.start();
		try (server) {
			List<Result> both = atOnce(2, shell -> {
				List<String> args = new ArrayList<>(List.of("user", "update", "u" + (shell + 1) + "@example.com", "-r",
						"RO User", "--env", "local", "--local-endpoint", server.url("/").toString(), "--token", TOKEN));
				return new AstraRun(dir.resolve("admin-shell-" + shell)).env("ASTRA_HOME", dir.resolve("astra-home").toString())
					.run(args.toArray(String[]::new));
			});
			assertThat(both).extracting(Result::exitCode).as(both.toString()).containsExactlyInAnyOrder(0, 11);
			assertThat(roleOf.values()).as("an administrator is left").contains("r-admin");
		}
	}

	static String user(String id, String role) {
		return "{\"UserID\":\"" + id + "\",\"Email\":\"u" + id.substring(2) + "@example.com\",\"Status\":\"active\","
				+ "\"Roles\":[{\"ID\":\"" + role + "\",\"Name\":\"" + (role.equals("r-admin") ? "Organization Administrator"
						: "RO User") + "\"}]}";
	}

}
