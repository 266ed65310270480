package io.astrashell.api;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.astrashell.AstraRun;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.RoleRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests as bytes on the wire, against a server that frames them by Content-Length alone and keeps
 * its connections alive ({@link StrictServer}): a GET or a DELETE carries no body, no Content-Type and
 * no Transfer-Encoding, so the next request on the connection is read as sent; and answers that are
 * not HTTP, or not whole, become one plain sentence, never a Java exception's text.
 */
class RequestFramingTest {

	static final String TOKEN = DevOpsClientTest.TOKEN;

	static final String ROLES = "[{\"ID\":\"r-admin\",\"Name\":\"Organization Administrator\"},"
			+ "{\"ID\":\"r-old\",\"Name\":\"Old Role\",\"Policy\":{\"description\":\"d\",\"resources\":[\"drn:astra:org:o1\"],"
			+ "\"actions\":[\"org-read\"],\"effect\":\"allow\"}}]";

	static final String USERS = "{\"OrgID\":\"o1\",\"OrgName\":\"Strict Org\",\"Users\":["
			+ "{\"UserID\":\"u-admin\",\"Email\":\"admin@example.com\",\"Status\":\"active\",\"Roles\":[{\"ID\":\"r-admin\","
			+ "\"Name\":\"Organization Administrator\"}]},"
			+ "{\"UserID\":\"u-2\",\"Email\":\"two@example.com\",\"Status\":\"active\",\"Roles\":[]},"
			+ "{\"UserID\":\"u-3\",\"Email\":\"three@example.com\",\"Status\":\"invited\",\"Roles\":[]}]}";

	static StrictServer.Answer answer(StrictServer.Request r) {
		String line = r.line();
		if (line.startsWith("GET /v2/organizations/roles ")) {
			return new StrictServer.Answer(200, ROLES);
		}
		if (line.startsWith("GET /v2/organizations/users ")) {
			return new StrictServer.Answer(200, USERS);
		}
		if (line.startsWith("GET /v2/clientIdSecrets ")) {
			return new StrictServer.Answer(200, "{\"clients\":[]}");
		}
		if (line.startsWith("DELETE ")) {
			return new StrictServer.Answer(204, "");
		}
		if (line.startsWith("PUT ")) {
			return new StrictServer.Answer(200, "");
		}
		return new StrictServer.Answer(404, "\"not found\"");
	}

	static void noBody(StrictServer.Request r) {
		assertThat(r.header("Transfer-Encoding")).as(r.head()).isNull();
		assertThat(r.header("Content-Type")).as(r.head()).isNull();
		assertThat(r.header("Content-Length")).as(r.head()).isIn(null, "0");
		assertThat(r.body()).as(r.head()).isEmpty();
	}

	@Test
	void getAndDeleteSendNoBodyAndTheConnectionIsReusedAfterADelete() throws Exception {
		try (StrictServer server = new StrictServer(RequestFramingTest::answer)) {
			DevOpsClient client = new DevOpsClient(URI.create(server.url()), TOKEN, HttpSettings.DEFAULTS);
			RolesApi.delete(client, "r-old");
			assertThat(RolesApi.list(client)).hasSize(2);
			UsersApi.delete(client, "u-2");
			TokensApi.delete(client, "ABCDEFGHIJKLMNOPQRSTUVWX");
			assertThat(UsersApi.list(client).users()).hasSize(3);
			assertThat(server.garbage).as("bytes read where a request was due").isEmpty();
			assertThat(server.requests).extracting(StrictServer.Request::line)
				.containsExactly("DELETE /v2/organizations/roles/r-old HTTP/1.1", "GET /v2/organizations/roles HTTP/1.1",
						"DELETE /v2/organizations/users/u-2 HTTP/1.1", "DELETE /v2/clientIdSecrets/ABCDEFGHIJKLMNOPQRSTUVWX HTTP/1.1",
						"GET /v2/organizations/users HTTP/1.1");
			server.requests.forEach(RequestFramingTest::noBody);
			assertThat(server.requests).as("one connection, kept alive across the deletes")
				.extracting(StrictServer.Request::connection)
				.containsOnly(1);
		}
	}

	@Test
	void aPutStillSendsItsJsonBodyByLength() throws Exception {
		try (StrictServer server = new StrictServer(RequestFramingTest::answer)) {
			DevOpsClient client = new DevOpsClient(URI.create(server.url()), TOKEN, HttpSettings.DEFAULTS);
			RolesApi.update(client, "r-old", new RoleRequest("Old Role", new Policy("d", List.of("drn:astra:org:o1"),
					List.of("org-read"), Policy.ALLOW)));
			RolesApi.delete(client, "r-old");
			StrictServer.Request put = server.requests.get(0);
			assertThat(put.header("Content-Type")).isEqualTo("application/json");
			assertThat(put.header("Transfer-Encoding")).isNull();
			assertThat(put.body()).startsWith("{\"name\":\"Old Role\"")
				.hasSize(Integer.parseInt(put.header("Content-Length")));
			noBody(server.requests.get(1));
			assertThat(server.garbage).isEmpty();
		}
	}

	@Test
	void orgApplyPruneRemovesEveryUserOverOneKeptAliveConnection(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("org.yaml");
		Files.writeString(file, "users:\n  - email: admin@example.com\n    roles: [Organization Administrator]\n");
		try (StrictServer server = new StrictServer(RequestFramingTest::answer)) {
			AstraRun.Result r = new AstraRun(dir).run("org", "apply", file.toString(), "--prune", "--yes", "--env",
					"local", "--local-endpoint", server.url(), "--token", TOKEN);
			assertThat(r.exitCode()).as(r.toString()).isZero();
			assertThat(r.out()).contains("[OK]    - user three@example.com").contains("[OK]    - user two@example.com");
			assertThat(server.garbage).isEmpty();
			assertThat(server.requests).extracting(StrictServer.Request::line)
				.contains("DELETE /v2/organizations/users/u-2 HTTP/1.1", "DELETE /v2/organizations/users/u-3 HTTP/1.1");
			server.requests.forEach(RequestFramingTest::noBody);
		}
	}

	// ---- answers that are not HTTP, or not whole

	/** One [ERROR] line on stderr and nothing else: no stack trace, no Java class name. */
	static void onePlainLine(AstraRun.Result r) {
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
		assertThat(r.err()).as(r.toString()).startsWith("[ERROR] ").doesNotContain("Exception")
			.doesNotContain("java.").doesNotContain("Status code").doesNotContain("Unexpected error");
	}

	@ParameterizedTest
	@ValueSource(strings = { "400 0\r\n\r\n", "garbage", "HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\n{}",
			"HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\n{}", "HTTP/1.1 99999 Big\r\nContent-Length: 2\r\n\r\n{}",
			"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n[{\"ID\":",
			"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Len",
			"" })
	void aBrokenAnswerIsOnePlainSentence(String broken) throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			out.write(broken.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		})) {
			AstraRun.Result r = new AstraRun(Files.createTempDirectory("framing")).run("role", "list", "--env", "local",
					"--local-endpoint", server.url(), "--token", TOKEN);
			onePlainLine(r);
			assertThat(r.err()).contains("to list the roles");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "400 0\r\n\r\n", "HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n",
			"HTTP/1.1 2" })
	void aBrokenAnswerToADeleteIsOnePlainSentence(String broken) throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			out.write((head.startsWith("GET ") ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
					+ ROLES.length() + "\r\nConnection: close\r\n\r\n" + ROLES : broken).getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		})) {
			AstraRun.Result r = new AstraRun(Files.createTempDirectory("framing")).run("role", "delete", "Old Role", "-y",
					"--env", "local", "--local-endpoint", server.url(), "--token", TOKEN);
			onePlainLine(r);
			assertThat(r.err()).contains("to delete the role");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "Content-Type: no/such/type;;=\r\nContent-Length: 2", "Content-Length: x\r\nConnection: close" })
	void aMalformedHeaderOfAnAnswerThatReadsIsLetPass(String headers) throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 200 OK\r\n" + headers + "\r\n\r\n[]").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		})) {
			AstraRun.Result r = new AstraRun(Files.createTempDirectory("framing")).run("role", "list", "-o", "csv", "--env",
					"local", "--local-endpoint", server.url(), "--token", TOKEN);
			assertThat(r.exitCode()).as(r.toString()).isZero();
			assertThat(r.out()).isEqualTo("Role Id,Role Name,Description\r\n");
		}
	}

}
