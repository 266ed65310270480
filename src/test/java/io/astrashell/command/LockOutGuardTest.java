package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guards against a lock-out (demoting or removing the only active Organization Administrator,
 * by {@code user update}, {@code user delete} and {@code org apply}) when the users listing does not
 * say the administrator is active: a status missing, null, empty or unknown counts as possibly active,
 * as does a role without a name as possibly Organization Administrator. Only {@code invited} is not
 * active. The sandbox always sends both, so these run against a wire-level fake.
 */
class LockOutGuardTest {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);

	static final String ROLES = "[{\"ID\":\"r-admin\",\"Name\":\"Organization Administrator\"},{\"ID\":\"r-ro\",\"Name\":\"RO User\"}]";

	static final String ADMIN_ROLE = "{\"ID\":\"r-admin\",\"Name\":\"Organization Administrator\"}";

	@TempDir
	Path dir;

	/** A users listing: the administrator (its status field as given, whole) and a user of RO User. */
	static String users(String adminStatusField, String adminRole) {
		return "{\"OrgID\":\"o1\",\"OrgName\":\"Org\",\"Users\":[{\"UserID\":\"u-admin\",\"Email\":\"admin@example.com\""
				+ adminStatusField + ",\"Roles\":[" + adminRole + "]},{\"UserID\":\"u-ro\",\"Email\":\"ro@example.com\","
				+ "\"Status\":\"active\",\"Roles\":[{\"ID\":\"r-ro\",\"Name\":\"RO User\"}]}]}";
	}

	MockWebServer fake(String usersListing) throws Exception {
		MockWebServer server = new MockWebServer();
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String key = request.getMethod() + " " + request.getTarget();
				return switch (key) {
					case "GET /v2/organizations/users" -> json(usersListing);
					case "GET /v2/organizations/roles" -> json(ROLES);
					case "GET /v2/clientIdSecrets" -> json("{\"clients\":[]}");
					default -> new MockResponse.Builder().code(request.getMethod().equals("GET") ? 404 : 204).build();
				};
			}
		});
		server.start();
		return server;
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
	}

	Result run(MockWebServer server, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", server.url("/").toString(), "--token", TOKEN));
		return new AstraRun(dir).run(all.toArray(String[]::new));
	}

	static List<String> writes(MockWebServer server) throws InterruptedException {
		List<String> seen = new ArrayList<>();
		RecordedRequest r;
		while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
			if (!r.getMethod().equals("GET")) {
				seen.add(r.getMethod() + " " + r.getTarget());
			}
		}
		return seen;
	}

	Path demotingFile() throws Exception {
		Path file = dir.resolve("org.yaml");
		Files.writeString(file, "users:\n  - email: admin@example.com\n    roles: [RO User]\n"
				+ "  - email: ro@example.com\n    roles: [RO User]\n");
		return file;
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ",\"Status\":null", ",\"Status\":\"\"", ",\"Status\":\"  \"", ",\"Status\":\"suspended\"",
			",\"Status\":\"ACTIVE\"" })
	void anAdministratorNotListedAsInvitedCountsAsActiveForEveryGuard(String status) throws Exception {
		try (MockWebServer server = fake(users(status, ADMIN_ROLE))) {
			Result update = run(server, "user", "update", "admin@example.com", "-r", "RO User");
			assertThat(update.exitCode()).as(update.toString()).isEqualTo(11);
			assertThat(update.err()).contains("the only active Organization Administrator").contains("--force");
			Result delete = run(server, "user", "delete", "admin@example.com", "-y");
			assertThat(delete.exitCode()).as(delete.toString()).isEqualTo(11);
			assertThat(delete.err()).contains("an active Organization Administrator, the only one").contains("--force");
			Result apply = run(server, "org", "apply", demotingFile().toString(), "--yes");
			assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(11);
			assertThat(apply.err()).contains("Not applied: it would leave no active Organization Administrator "
					+ "(admin@example.com");
			assertThat(writes(server)).as("nothing was sent").isEmpty();

			assertThat(run(server, "user", "update", "admin@example.com", "-r", "RO User", "--force").exitCode()).isZero();
			assertThat(run(server, "user", "delete", "admin@example.com", "--force", "-y").exitCode()).isZero();
			assertThat(run(server, "org", "apply", demotingFile().toString(), "--yes", "--force").exitCode()).isZero();
			assertThat(writes(server)).containsExactly("PUT /v2/organizations/users/u-admin/roles",
					"DELETE /v2/organizations/users/u-admin", "PUT /v2/organizations/users/u-admin/roles");
		}
	}

	@Test
	void theMessageSaysWhyAnAdministratorWithoutAStatusCounts() throws Exception {
		try (MockWebServer server = fake(users(",\"Status\":null", ADMIN_ROLE))) {
			Result update = run(server, "user", "update", "admin@example.com", "-r", "RO User");
			assertThat(update.err()).isEqualTo("[ERROR] User 'admin@example.com' may be the only active Organization "
					+ "Administrator (the API listed it without a status, so it counts as active): without that role "
					+ "nobody could manage the organization's users, roles and tokens, which would lock everyone out. "
					+ "Keep the role, make another user an administrator first, or add --force to change the roles "
					+ "anyway.\n");
		}
	}

	@Test
	void aRoleWithoutANameIsNamedFromTheRolesListingElseCountsAsOrganizationAdministrator() throws Exception {
		try (MockWebServer server = fake(users(",\"Status\":\"active\"", "{\"ID\":\"r-admin\"}"))) {
			Result update = run(server, "user", "update", "admin@example.com", "-r", "RO User");
			assertThat(update.exitCode()).as(update.toString()).isEqualTo(11);
			assertThat(update.err()).startsWith("[ERROR] User 'admin@example.com' is the only active Organization "
					+ "Administrator: without");
			Result delete = run(server, "user", "delete", "admin@example.com", "-y");
			assertThat(delete.exitCode()).as(delete.toString()).isEqualTo(11);
			assertThat(delete.err()).contains("is an active Organization Administrator, the only one: the token");
			assertThat(writes(server)).isEmpty();
		}
		for (String role : List.of("{\"ID\":\"r-unknown\"}", "{\"ID\":null,\"Name\":null}", "{}")) {
			try (MockWebServer server = fake(users(",\"Status\":\"active\"", role))) {
				Result update = run(server, "user", "update", "admin@example.com", "-r", "RO User");
				assertThat(update.exitCode()).as(update.toString()).isEqualTo(11);
				assertThat(update.err()).contains("may be the only active Organization Administrator (the API listed a "
						+ "role of it without a name, so it counts as Organization Administrator)");
				Result delete = run(server, "user", "delete", "admin@example.com", "-y");
				assertThat(delete.exitCode()).as(delete.toString()).isEqualTo(11);
				Result apply = run(server, "org", "apply", demotingFile().toString(), "--yes");
				assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(11);
				assertThat(writes(server)).as(role).isEmpty();
			}
		}
	}

	@Test
	void anInvitedAdministratorOrASecondActiveOneIsNoLockOut() throws Exception {
		try (MockWebServer server = fake(users(",\"Status\":\"invited\"", ADMIN_ROLE))) {
			assertThat(run(server, "user", "update", "admin@example.com", "-r", "RO User").exitCode()).isZero();
			assertThat(run(server, "user", "delete", "admin@example.com", "-y").exitCode()).isZero();
			assertThat(run(server, "org", "apply", demotingFile().toString(), "--yes").exitCode()).isZero();
			assertThat(writes(server)).hasSize(3);
		}
		String two = users("", ADMIN_ROLE).replace("{\"ID\":\"r-ro\",\"Name\":\"RO User\"}]}]}",
				"{\"ID\":\"r-admin\",\"Name\":\"Organization Administrator\"}]}]}");
		try (MockWebServer server = fake(two)) {
			// ro@example.com is certainly an active administrator: the one without a status may lose the role;
			// removing it needs --force still, as removing any active administrator does (the token may be theirs)
			assertThat(run(server, "user", "update", "admin@example.com", "-r", "RO User").exitCode()).isZero();
			Result delete = run(server, "user", "delete", "admin@example.com", "-y");
			assertThat(delete.exitCode()).as(delete.toString()).isEqualTo(11);
			assertThat(delete.err()).contains("User 'admin@example.com' may be an active Organization Administrator "
					+ "(the API listed it without a status, so it counts as active): the token");
			Result demoteBoth = run(server, "org", "apply", demotingFile().toString(), "--yes");
			assertThat(demoteBoth.exitCode()).as(demoteBoth.toString()).isEqualTo(11);
			assertThat(demoteBoth.err()).contains("(admin@example.com (the API listed it without a status, so it counts "
					+ "as active), ro@example.com are the only ones)");
		}
	}

}
