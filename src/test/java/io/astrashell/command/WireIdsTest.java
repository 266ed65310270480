package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that acts on what a listing names (delete, update, give a role, apply a file), against
 * listings whose ids are missing, null or blank, and against bodies of {@code null}: one plain line
 * naming what the API left out, exit 100, and nothing sent that changes anything. Never a
 * NullPointerException. (Rendering such values is {@link WireValuesTest}'s.)
 */
class WireIdsTest {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);

	@StartStop
	final MockWebServer server = new MockWebServer();

	@TempDir
	Path dir;

	/** The answers: a custom role 'X' and a user a@b.co, each with its id field as given (whole). */
	void serve(String roleId, String userId) {
		Map<String, String> answers = Map.of("GET /v2/organizations/roles",
				"[{\"ID\":\"r-admin\",\"Name\":\"Organization Administrator\"},{\"ID\":\"r-ro\",\"Name\":\"RO User\"},{"
						+ roleId + "\"Name\":\"X\",\"Policy\":{\"description\":\"d\",\"resources\":[\"drn:astra:org:o1\"],"
						+ "\"actions\":[\"org-read\"],\"effect\":\"allow\"}}]",
				"GET /v2/organizations/users", "{\"OrgID\":\"o1\",\"OrgName\":\"Org\",\"Users\":[{\"UserID\":\"u-admin\","
						+ "\"Email\":\"admin@b.co\",\"Status\":\"active\",\"Roles\":[{\"ID\":\"r-admin\",\"Name\":"
						+ "\"Organization Administrator\"}]},{" + userId + "\"Email\":\"a@b.co\",\"Status\":\"active\","
						+ "\"Roles\":[{\"ID\":\"r-ro\",\"Name\":\"RO User\"}]}]}",
				"GET /v2/clientIdSecrets", "{\"clients\":[]}");
		serve(answers);
	}

	void serve(Map<String, String> answers) {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String key = request.getMethod() + " " + request.getTarget();
				if (answers.containsKey(key)) {
					return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
						.body(answers.get(key))
						.build();
				}
				return new MockResponse.Builder().code(request.getMethod().equals("GET") ? 404 : 204).build();
			}
		});
	}

	Result run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", server.url("/").toString(), "--token", TOKEN));
		return new AstraRun(dir).run(all.toArray(String[]::new));
	}

	List<String> writes() throws InterruptedException {
		List<String> seen = new ArrayList<>();
		RecordedRequest r;
		while ((r = server.takeRequest(20, TimeUnit.MILLISECONDS)) != null) {
			if (!r.getMethod().equals("GET")) {
				seen.add(r.getMethod() + " " + r.getTarget());
			}
		}
		return seen;
	}

	static void onePlainLine(String what, Result r, String message) {
		assertThat(r.exitCode()).as(what + "\n" + r).isEqualTo(100);
		// an [INFO] note of org apply may come first; the error is one line
		assertThat(r.err().lines().filter(l -> !l.startsWith("[INFO]")).toList()).as(what)
			.containsExactly("[ERROR] " + message);
		assertThat(r.out() + r.err()).as(what).doesNotContain("Exception");
	}

	Path file(String yaml) throws Exception {
		Path f = dir.resolve("org.yaml");
		Files.writeString(f, yaml);
		return f;
	}

	/** The id field of the wire as a server may leave it: missing, null, empty, blank. */
	static final String[] MISSING_IDS = { "", "\"ID\":null,", "\"ID\":\"\",", "\"ID\":\"  \"," };

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void aRoleListedWithoutItsIdIsNeverActedOn(int variant) throws Exception {
		serve(MISSING_IDS[variant], "\"UserID\":\"u-a\",");
		String what = "role ID as " + MISSING_IDS[variant];
		String cannot = "The API listed the role 'X' without its ID: it cannot be ";
		onePlainLine("role delete " + what, run("role", "delete", "X", "-y"), cannot + "deleted.");
		onePlainLine("role update " + what, run("role", "update", "x", "-d", "new"), cannot + "changed.");
		onePlainLine("user update " + what, run("user", "update", "a@b.co", "-r", "X"),
				cannot + "given to a user or a token.");
		onePlainLine("user invite " + what, run("user", "invite", "n@b.co", "-r", "X"),
				cannot + "given to a user or a token.");
		onePlainLine("token create " + what, run("token", "create", "-r", "X"), cannot + "given to a user or a token.");
		onePlainLine("org apply (change) " + what, run("org", "apply", file("roles:\n  - name: X\n    actions: "
				+ "[org-read, db-cql]\n").toString(), "--yes"), cannot + "updated.");
		onePlainLine("org apply --prune (delete) " + what, run("org", "apply", file("roles: []\n").toString(), "--yes",
				"--prune"), cannot + "deleted.");
		assertThat(writes()).as(what).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\"UserID\":null,", "\"UserID\":\"\",", "\"UserID\":\" \"," })
	void aUserListedWithoutItsIdIsNeverActedOn(String userId) throws Exception {
		serve("\"ID\":\"r-x\",", userId);
		String cannot = "The API listed the user 'a@b.co' without its UserID: it cannot be changed or removed by this "
				+ "command.";
		onePlainLine("user update", run("user", "update", "a@b.co", "-r", "X"), cannot);
		onePlainLine("user delete", run("user", "delete", "a@b.co", "-y"), cannot);
		onePlainLine("org apply (roles)", run("org", "apply", file("users:\n  - email: admin@b.co\n    roles: "
				+ "[Organization Administrator]\n  - email: a@b.co\n    roles: [X]\n").toString(), "--yes"), cannot);
		onePlainLine("org apply --prune (remove)", run("org", "apply", file("users:\n  - email: admin@b.co\n    roles: "
				+ "[Organization Administrator]\n").toString(), "--yes", "--prune"), cannot);
		assertThat(writes()).as(userId).isEmpty();
	}

	@Test
	void aDefaultResourceWithoutTheOrganizationsIdIsNotSent() throws Exception {
		for (String org : List.of("", "\"OrgID\":null,")) {
			serve(Map.of("GET /v2/organizations/users", "{" + org + "\"Users\":[]}", "GET /v2/organizations/roles", "[]"));
			onePlainLine(org, run("org", "apply", file("roles:\n  - name: New\n    actions: [org-read]\n").toString(),
					"--yes"), "The API did not send the organization's id, which the default resource of role \"New\" "
							+ "needs: give its resources in the file. Nothing was applied.");
			assertThat(writes()).isEmpty();
		}
	}

	@Test
	void bodiesOfNullAreEmptyListingsOrOnePlainLine() throws Exception {
		serve(Map.of("GET /v2/organizations/users", "null", "GET /v2/organizations/roles", "null",
				"GET /v2/clientIdSecrets", "null", "GET /v2/organizations/users/00000000-0000-0000-0000-000000000001",
				"null", "POST /v2/organizations/roles", "{\"ID\":\"r-new\",\"Name\":\"R\"}"));
		Result diff = run("org", "diff", file("users:\n  - email: a@b.co\n    roles: [RO User]\n").toString());
		assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(2);
		assertThat(diff.out()).contains("+ user a@b.co [RO User]");
		Result export = run("org", "export", "--include-tokens");
		assertThat(export.exitCode()).as(export.toString()).isZero();
		Result prune = run("org", "apply", file("roles:\n  - name: R\n    actions: [org-read]\n    resources: "
				+ "[\"drn:astra:org:o1\"]\n").toString(), "--prune", "--yes");
		assertThat(prune.exitCode()).as(prune.toString()).isZero();
		onePlainLine("user get", run("user", "get", "00000000-0000-0000-0000-000000000001"), "The API answered the "
				+ "request for user '00000000-0000-0000-0000-000000000001' without a user.");
		Result delete = run("role", "delete", "nobody", "--if-exists");
		assertThat(delete.exitCode()).as(delete.toString()).isZero();
		assertThat(writes()).containsExactly("POST /v2/organizations/roles");
	}

}
