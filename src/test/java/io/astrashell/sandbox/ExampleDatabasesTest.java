package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.astrashell.api.model.ExampleDatabase;
import io.astrashell.api.model.WireJson;
import tools.jackson.databind.JsonNode;

/**
 * The example noun of the test sources ({@link ExampleDatabasesResource}) is found by the scan when its
 * profile is active, with no main file naming it, and served over HTTP like every other endpoint.
 */
class ExampleDatabasesTest {

	@TempDir
	Path home;

	@Test
	void theExampleResourceIsFoundByTheScanOnlyWithItsProfile() {
		assertTrue(SandboxResources.scan("example-noun").keys().contains(ExampleDatabasesResource.KEY));
		assertFalse(SandboxResources.scan().keys().contains(ExampleDatabasesResource.KEY));
		assertEquals(List.of("org", "roles", "users", "tokens"), SandboxResources.scan().keys());
	}

	@Test
	void servesTheSeededDatabasesOverHttp() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0, SandboxResources.scan("example-noun"))) {
			SandboxHttp http = new SandboxHttp(sandbox);
			SandboxHttp.Reply list = http.get("/v2/databases").expect(200);
			assertEquals("application/json", list.contentType());
			List<ExampleDatabase> databases = List.of(WireJson.mapper().readValue(list.body(), ExampleDatabase[].class));
			assertEquals(3, databases.size());
			Set<String> names = new HashSet<>();
			for (ExampleDatabase database : databases) {
				names.add(database.name());
				assertFalse(database.status().isBlank());
				assertFalse(database.region().isBlank());
			}
			assertEquals(Set.of("orders", "analytics", "staging"), names);

			ExampleDatabase first = databases.get(0);
			JsonNode one = http.get("/v2/databases/" + first.id()).expect(200).json();
			assertEquals(first.name(), one.get("name").asString());
			assertEquals(first.region(), one.get("region").asString());

			SandboxHttp.Reply missing = http.get("/v2/databases/no-such-id").expect(404);
			SandboxUsersTest.assertStandardError(missing, 404);
			assertEquals("database not found: no-such-id", SandboxUsersTest.errorMessage(missing));
			SandboxUsersTest.assertStandardError(http.post("/v2/databases", "{}").expect(405), 405);
			SandboxUsersTest.assertStandardError(http.as(null).get("/v2/databases").expect(401), 401);
			String billing = http.createToken(http.roleId("Billing Admin")).get("token").asString();
			SandboxUsersTest.assertStandardError(http.as(billing).get("/v2/databases").expect(403), 403);
			// the other endpoints are served as before
			http.get("/v2/currentOrg").expect(200);
			SandboxUsersTest.assertStandardError(http.get("/v2/databases/a/b").expect(404), 404);
		}
		String state = Files.readString(this.home.resolve("sandbox/state.json"));
		assertTrue(state.contains("\"databases\":[{\"id\":"), state);
	}

	/** A shell without the resource (an older version) keeps its slice as it is; a shell with it serves it again. */
	@Test
	void aSandboxWithoutTheResourceKeepsItsSliceAsItWas() throws Exception {
		Path stateFile = this.home.resolve("sandbox/state.json");
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0, SandboxResources.scan("example-noun"))) {
			sandbox.adminToken();
		}
		String slice = SandboxUpgradeTest.rawValue(Files.readString(stateFile), ExampleDatabasesResource.KEY);
		try (LocalSandbox older = LocalSandbox.start(this.home, 0)) {
			SandboxHttp http = new SandboxHttp(older);
			http.get("/v2/databases").expect(404);
			http.put("/v2/organizations/users", "{\"email\":\"later@example.com\",\"roles\":[\"" + http.roleId("RO User")
					+ "\"]}").expect(200);
		}
		String after = new String(Files.readAllBytes(stateFile), StandardCharsets.UTF_8);
		assertTrue(after.contains("later@example.com"));
		assertEquals(slice, SandboxUpgradeTest.rawValue(after, ExampleDatabasesResource.KEY));
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0, SandboxResources.scan("example-noun"))) {
			assertEquals(3, new SandboxHttp(sandbox).get("/v2/databases").expect(200).json().size());
		}
	}

}
