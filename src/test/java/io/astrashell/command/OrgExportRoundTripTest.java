package io.astrashell.command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.api.model.WireJson;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code org export} writes only what {@code org diff} reads: for an organization holding awkward
 * values (put there through the API, as another tool could), the export read back is in sync, and
 * whatever it left out it named on standard error, while the file stays valid.
 */
class OrgExportRoundTripTest {

	@TempDir
	Path dir;

	LocalSandbox sandbox;

	AstraRun astra;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void start() throws Exception {
		sandbox = LocalSandbox.start(dir.resolve("sandbox-home"), 0);
		astra = new AstraRun(dir);
	}

	@AfterEach
	void stop() {
		sandbox.close();
	}

	Result run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", sandbox.endpoint().toString(), "--token",
				sandbox.adminToken()));
		return astra.run(all.toArray(String[]::new));
	}

	JsonNode send(String method, String path, Object body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(sandbox.endpoint().resolve(path))
			.header("Authorization", "Bearer " + sandbox.adminToken())
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(WireJson.mapper().writeValueAsString(body)))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response.body().isEmpty() ? null : WireJson.mapper().readTree(response.body());
	}

	String role(String name, String description) throws Exception {
		return send("POST", "/v2/organizations/roles",
				new RoleRequest(name, new Policy(description, List.of(), List.of("org-read"), "allow"))).get("ID").asString();
	}

	void invite(String email, String... roleIds) throws Exception {
		send("PUT", "/v2/organizations/users", new InviteUserRequest(email, sandbox.organizationId(), List.of(roleIds)));
	}

	@Test
	void anExportOfAwkwardValuesDiffsInSyncAndNamesWhatItLeftOut() throws Exception {
		String bell = role("Bell\u0007Role", null);
		role("Bidi \u202Eelor", null);
		role("Escape in the description", "clears \u001B[2J the screen");
		String carried = role("Quote \"q\": #hash, 'apos' - [x] {y} & *z ! | >", "a: b # c");
		role("Line\u2028Separator", "para\u2029graph");
		role("Ünïcødé 角色 😀 e\u0301", "ß");
		role("L" + "o".repeat(3000) + "ng", "d".repeat(5000));
		role("null", "~");
		role("yes", "no");
		role("Non-character \uFFFE", null);
		String temp = role("Temp", null);
		invite("no-roles@example.com", temp);
		send("DELETE", "/v2/organizations/roles/" + temp, null); // takes it from the user too: roles []
		invite("holds-bell@example.com", bell);
		invite("quoted@example.com", carried);
		invite("o'brien+tag@example.com", carried);

		Result export = run("org", "export");
		assertThat(export.exitCode()).as(export.toString()).isZero();
		Path file = dir.resolve("org.yaml");
		Files.writeString(file, export.out());
		List<String> warnings = export.err().lines().filter(l -> l.startsWith("[WARN]  Left out ")).toList();
		assertThat(warnings).hasSize(4);
		assertThat(export.err()).contains("[WARN]  Left out role \"Bell Role\"")
			.contains("Left out role \"Bidi  elor\"").contains("Left out role \"Escape in the description\"")
			.contains("Left out user no-roles@example.com: user no-roles@example.com holds no role")
			.contains("4 entries left out").doesNotContain("\u0007").doesNotContain("\u202E").doesNotContain("\u001B");
		assertThat(export.out()).doesNotContain("\u0007").doesNotContain("\u202E").doesNotContain("\u001B")
			.doesNotContain("\u2028").contains("# Left out, as a file cannot carry them (org export named them): 4 entries.");

		// read back: in sync, and nothing the reader refuses
		Result diff = run("org", "diff", file.toString());
		assertThat(diff.exitCode()).as(diff.toString()).isZero();
		assertThat(diff.err()).contains("matches " + file);

		// with --prune the only differences are what the export named: the entries it left out
		Result prune = run("org", "diff", file.toString(), "--prune", "-o", "json");
		assertThat(prune.exitCode()).as(prune.toString()).isEqualTo(2);
		JsonNode changes = WireJson.mapper().readTree(prune.out()).get("data").get("changes");
		List<String> removed = new ArrayList<>();
		changes.forEach(c -> {
			assertThat(c.get("change").asString()).as(c.toString()).isEqualTo("remove");
			removed.add(c.get("kind").asString() + " " + (c.has("email") ? c.get("email").asString() : c.get("name").asString()));
		});
		// the bell role is still held (by holds-bell@example.com), so prune keeps it
		assertThat(removed).containsExactlyInAnyOrder("user no-roles@example.com", "role Bidi \u202Eelor",
				"role Escape in the description");
	}

}
