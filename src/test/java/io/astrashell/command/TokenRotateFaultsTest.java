package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code token rotate} when a step after the new token exists fails, on a server that lets each step
 * fail (the sandbox does not): the new token answers for another organization, the profiles file
 * turns read-only while the token is made, the revoke is refused. Each time the exit code says
 * which, the old token is revoked only when the new one is in the profiles, and the new token is
 * never lost: in human output it is shown once, and {@code -o json} carries it with the failure's
 * code and reason in its envelope (not {@code "OK"}).
 */
class TokenRotateFaultsTest {

	static final String OLD_ID = "OLDOLDOLDOLDOLDOLDOLDOLD";

	static final String OLD = "AstraCS:" + OLD_ID + ":" + "0".repeat(64);

	static final String NEW_ID = "NEWNEWNEWNEWNEWNEWNEWNEW";

	static final String NEW = "AstraCS:" + NEW_ID + ":" + "1".repeat(64);

	@StartStop
	final MockWebServer server = new MockWebServer();

	@TempDir
	Path dir;

	AstraRun astra;

	/** What the new token's organization is, what the revoke answers, what happens as the token is made. */
	String newTokensOrg = "o1";

	int revokeStatus = 200;

	Runnable whileCreating = () -> {
	};

	final List<String> writes = new CopyOnWriteArrayList<>();

	@BeforeEach
	void serve() {
		astra = new AstraRun(dir);
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String key = request.getMethod() + " " + request.getTarget();
				String auth = String.valueOf(request.getHeaders().get("Authorization"));
				if (!request.getMethod().equals("GET")) {
					writes.add(key);
				}
				return switch (key) {
					case "GET /v2/organizations/users" -> json("{\"OrgID\":\"" + (auth.contains(NEW) ? newTokensOrg : "o1")
							+ "\",\"OrgName\":\"Org\",\"Users\":[]}");
					case "GET /v2/clientIdSecrets" -> json("{\"clients\":[{\"clientId\":\"" + OLD_ID + "\",\"roles\":"
							+ "[\"r1\"],\"generatedOn\":\"2026-01-01T00:00:00Z\",\"description\":\"ci\"}]}");
					case "POST /v2/clientIdSecrets" -> {
						whileCreating.run();
						yield json("{\"clientId\":\"" + NEW_ID + "\",\"secret\":\"the-secret\",\"orgId\":\"o1\",\"roles\":"
								+ "[\"r1\"],\"token\":\"" + NEW + "\",\"generatedOn\":\"2026-12-07T00:00:00Z\"}");
					}
					case "DELETE /v2/clientIdSecrets/" + OLD_ID -> new MockResponse.Builder().code(revokeStatus)
						.setHeader("Content-Type", "application/json")
						.body(revokeStatus == 200 ? "" : "{\"errors\":[{\"message\":\"no\"}]}")
						.build();
					default -> new MockResponse.Builder().code(404).build();
				};
			}
		});
		Result r = astra.run("config", "create", "ci", "--token", OLD, "--env", "local", "--local-endpoint",
				server.url("/").toString(), "--no-validate");
		assertThat(r.exitCode()).as(r.toString()).isZero();
	}

	static MockResponse json(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
	}

	String file() throws Exception {
		return Files.readString(astra.configFile());
	}

	static JsonNode json(Result r) {
		return WireJson.mapper().readTree(r.out());
	}

	@Test
	void aNewTokenOfAnotherOrganizationIsWrittenNowhereAndTheOldOneStays() throws Exception {
		newTokensOrg = "o2";
		String before = file();
		Result r = astra.run("token", "rotate", OLD_ID, "-conf", "ci", "-o", "json");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		JsonNode doc = json(r);
		assertThat(doc.get("code").asString()).isEqualTo("INTERNAL_ERROR");
		assertThat(doc.get("message").asString()).contains("not fully rotated")
			.contains("answers for organization o2, not o1").contains("was not revoked");
		assertThat(doc.get("data").get("token").asString()).isEqualTo(NEW); // not lost
		assertThat(doc.get("data").get("oldRevoked").asBoolean()).isFalse();
		assertThat(file()).isEqualTo(before);
		assertThat(writes).containsExactly("POST /v2/clientIdSecrets");

		Result human = astra.run("token", "rotate", OLD_ID, "-conf", "ci");
		assertThat(human.exitCode()).isEqualTo(100);
		assertThat(human.out()).contains(NEW); // printed once, in no profile
		assertThat(human.err()).contains("[ERROR] The new token answers for organization o2");
	}

	@Test
	void aProfilesFileThatTurnsReadOnlyWhileTheTokenIsMadeKeepsTheOldOneAndPrintsTheNewOne() throws Exception {
		Path config = astra.configFile();
		whileCreating = () -> {
			try {
				Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("r--------"));
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		};
		String before = file();
		Result r = astra.run("token", "rotate", OLD_ID, "-o", "json", "-conf", "ci");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
		JsonNode doc = json(r);
		assertThat(doc.get("code").asString()).isEqualTo("CONFIGURATION");
		assertThat(doc.get("message").asString()).contains("read-only").contains("was not revoked and still works");
		assertThat(doc.get("data").get("token").asString()).isEqualTo(NEW);
		assertThat(doc.get("data").get("profiles")).isEmpty();
		assertThat(file()).isEqualTo(before);
		assertThat(writes).containsExactly("POST /v2/clientIdSecrets"); // no revoke

		Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
		Result csv = astra.run("token", "rotate", OLD_ID, "-o", "csv", "-conf", "ci");
		assertThat(csv.exitCode()).as(csv.toString()).isEqualTo(9);
		assertThat(csv.out()).contains(NEW);
		assertThat(csv.err()).contains("[ERROR]").contains("read-only");
	}

	@Test
	void aRefusedRevokeSaysTheOldTokenIsStillValid() throws Exception {
		revokeStatus = 500;
		Result r = astra.run("token", "rotate", OLD_ID, "-conf", "ci", "-o", "json");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		JsonNode doc = json(r);
		assertThat(doc.get("code").asString()).isEqualTo("INTERNAL_ERROR");
		assertThat(doc.get("message").asString()).contains("could not be revoked").contains("still valid");
		assertThat(doc.get("data").get("profiles").toString()).contains("ci");
		assertThat(file()).contains("[ci]\nASTRA_DB_APPLICATION_TOKEN=" + NEW + "\n");
		assertThat(writes).containsExactly("POST /v2/clientIdSecrets", "DELETE /v2/clientIdSecrets/" + OLD_ID);
	}

}
