package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.astrashell.api.model.Role;
import io.astrashell.api.model.WireJson;
import tools.jackson.databind.JsonNode;

class SandboxRolesTest extends SandboxFixture {

	private static String roleBody(String name, String... actions) {
		return "{\"name\":\"" + name + "\",\"policy\":{\"description\":\"" + name + " policy\",\"resources\":[],"
				+ "\"actions\":" + SandboxHttp.jsonArray(actions) + ",\"effect\":\"allow\"}}";
	}

	@Test
	void listsRolesAsABareArrayWithPascalCaseRolesAndCamelCasePolicies() {
		SandboxHttp.Reply reply = this.http.get("/v2/organizations/roles").expect(200);
		assertEquals("application/json", reply.contentType());
		assertTrue(reply.body().startsWith("[{\"ID\":"), reply.body());
		for (String key : List.of("\"ID\"", "\"Name\"", "\"Policy\"", "\"description\"", "\"resources\"",
				"\"actions\"", "\"effect\"")) {
			assertTrue(reply.body().contains(key), key);
		}
		assertFalse(reply.body().contains("\"OrgID\""));
		assertFalse(reply.body().contains("\"LastUpdateDateTime\""));
		assertEquals(16, reply.json().size());

		String id = this.http.roleId("Database Administrator");
		SandboxHttp.Reply one = this.http.get("/v2/organizations/roles/" + id).expect(200);
		Role role = WireJson.mapper().readValue(one.body(), Role.class);
		assertEquals(id, role.id());
		assertEquals("Database Administrator", role.name());
		assertTrue(role.policy().actions().contains("org-db-create"));
	}

	@Test
	void createsACustomRole() {
		SandboxHttp.Reply reply = this.http.post("/v2/organizations/roles", roleBody("My Custom Role", "db-cql",
				"org-db-view", "ORG-READ", "db-cql"))
			.expect(201);
		assertEquals("application/json", reply.contentType());
		for (String key : List.of("\"OrgID\"", "\"ID\"", "\"Name\"", "\"Policy\"", "\"LastUpdateDateTime\"",
				"\"LastUpdateUserID\"")) {
			assertTrue(reply.body().contains(key), key + " missing in " + reply.body());
		}
		JsonNode created = reply.json();
		assertEquals(this.sandbox.organizationId(), created.get("OrgID").asString());
		assertEquals("My Custom Role", created.get("Name").asString());
		assertTrue(created.get("LastUpdateDateTime").asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
		String adminUserId = this.http.userByEmail("admin@sandbox.local").get("UserID").asString();
		assertEquals(adminUserId, created.get("LastUpdateUserID").asString());
		JsonNode policy = created.get("Policy");
		assertEquals("My Custom Role policy", policy.get("description").asString());
		assertEquals(List.of("db-cql", "org-db-view", "org-read"), SandboxSeedTest.strings(policy.get("actions")));
		assertEquals(List.of("drn:astra:org:" + this.sandbox.organizationId()),
				SandboxSeedTest.strings(policy.get("resources")));
		assertEquals("allow", policy.get("effect").asString());

		String id = created.get("ID").asString();
		UUID.fromString(id);
		JsonNode fetched = this.http.get("/v2/organizations/roles/" + id).expect(200).json();
		assertEquals(created.get("Policy"), fetched.get("Policy"));
		assertEquals(17, this.http.get("/v2/organizations/roles").expect(200).json().size());
	}

	@Test
	void createDefaultsTheEffectAndTheDescriptionAndKeepsResources() {
		JsonNode created = this.http
			.post("/v2/organizations/roles",
					"{\"Name\":\"Defaults\",\"Policy\":{\"Actions\":[\"org-read\"],"
							+ "\"Resources\":[\"drn:astra:org:__ORG_ID__:db:abc\"]}}")
			.expect(201)
			.json();
		assertEquals("allow", created.get("Policy").get("effect").asString());
		assertEquals("Defaults", created.get("Policy").get("description").asString());
		assertEquals(List.of("drn:astra:org:__ORG_ID__:db:abc"),
				SandboxSeedTest.strings(created.get("Policy").get("resources")));
	}

	@Test
	void rejectsDuplicateNamesCaseInsensitively() {
		this.http.post("/v2/organizations/roles", roleBody("Unique", "org-read")).expect(201);
		SandboxHttp.Reply custom = this.http.post("/v2/organizations/roles", roleBody("UNIQUE", "org-read")).expect(409);
		assertBareJsonString(custom);
		SandboxHttp.Reply builtIn = this.http.post("/v2/organizations/roles", roleBody("billing admin", "org-read"))
			.expect(409);
		assertBareJsonString(builtIn);
	}

	@Test
	void validatesRoleBodies() {
		SandboxHttp.Reply unknown = this.http.post("/v2/organizations/roles", roleBody("Bad", "org-read", "db-fly"))
			.expect(400);
		assertBareJsonString(unknown);
		assertTrue(unknown.json().asString().contains("db-fly"), unknown.body());
		assertBareJsonString(this.http.post("/v2/organizations/roles", roleBody("  ", "org-read")).expect(400));
		assertBareJsonString(this.http.post("/v2/organizations/roles", roleBody("No Actions")).expect(400));
		assertBareJsonString(this.http.post("/v2/organizations/roles", "{\"name\":\"No Policy\"}").expect(400));
		assertBareJsonString(this.http
			.post("/v2/organizations/roles",
					"{\"name\":\"Deny\",\"policy\":{\"actions\":[\"org-read\"],\"effect\":\"deny\"}}")
			.expect(400));
		assertBareJsonString(this.http
			.post("/v2/organizations/roles",
					"{\"name\":\"Res\",\"policy\":{\"actions\":[\"org-read\"],\"resources\":[\"arn:aws:x\"]}}")
			.expect(400));
		assertBareJsonString(this.http.post("/v2/organizations/roles", "[1,2]").expect(400));
		assertEquals(16, this.http.get("/v2/organizations/roles").expect(200).json().size());
	}

	@Test
	void updatesACustomRoleAsAFullReplacement() {
		String id = this.http.post("/v2/organizations/roles", roleBody("Before", "org-read", "db-cql"))
			.expect(201)
			.json()
			.get("ID")
			.asString();
		SandboxHttp.Reply reply = this.http.put("/v2/organizations/roles/" + id, roleBody("After", "org-db-view"))
			.expect(200);
		assertEquals("", reply.body());
		JsonNode role = this.http.get("/v2/organizations/roles/" + id).expect(200).json();
		assertEquals("After", role.get("Name").asString());
		assertEquals(List.of("org-db-view"), SandboxSeedTest.strings(role.get("Policy").get("actions")));
		assertEquals("After policy", role.get("Policy").get("description").asString());
		// keeping its own name is no conflict; taking another's is
		this.http.put("/v2/organizations/roles/" + id, roleBody("after", "org-read")).expect(200);
		assertBareJsonString(this.http.put("/v2/organizations/roles/" + id, roleBody("RO User", "org-read")).expect(409));
		assertBareJsonString(this.http.put("/v2/organizations/roles/" + id, roleBody("after", "nope")).expect(400));
		assertBareJsonString(
				this.http.put("/v2/organizations/roles/" + UUID.randomUUID(), roleBody("X", "org-read")).expect(404));
	}

	@Test
	void builtInRolesCannotChange() {
		String id = this.http.roleId("RO User");
		SandboxHttp.Reply update = this.http.put("/v2/organizations/roles/" + id, roleBody("RO User", "org-read"))
			.expect(400);
		assertBareJsonString(update);
		assertTrue(update.json().asString().contains("built-in"), update.body());
		SandboxHttp.Reply delete = this.http.delete("/v2/organizations/roles/" + id).expect(400);
		assertBareJsonString(delete);
		assertTrue(delete.json().asString().contains("built-in"), delete.body());
		this.http.get("/v2/organizations/roles/" + id).expect(200);
	}

	@Test
	void deletingACustomRoleRemovesItFromUsersAndTokens() {
		String custom = this.http.post("/v2/organizations/roles", roleBody("Temporary", "org-read"))
			.expect(201)
			.json()
			.get("ID")
			.asString();
		String ro = this.http.roleId("RO User");
		this.http.put("/v2/organizations/users", "{\"email\":\"t@example.com\",\"roles\":[\"" + custom + "\",\"" + ro
				+ "\"]}").expect(200);
		String clientId = this.http.createToken(custom, ro).get("clientId").asString();

		SandboxHttp.Reply reply = this.http.delete("/v2/organizations/roles/" + custom).expect(204);
		assertEquals("", reply.body());
		assertBareJsonString(this.http.get("/v2/organizations/roles/" + custom).expect(404));
		assertEquals("\"role not found\"", this.http.delete("/v2/organizations/roles/" + custom).expect(404).body());

		JsonNode user = this.http.userByEmail("t@example.com");
		assertEquals(1, user.get("Roles").size());
		assertEquals(ro, user.get("Roles").get(0).get("ID").asString());
		for (JsonNode client : this.http.get("/v2/clientIdSecrets").expect(200).json().get("clients")) {
			if (client.get("clientId").asString().equals(clientId)) {
				assertEquals(List.of(ro), SandboxSeedTest.strings(client.get("roles")));
			}
		}
	}

	@Test
	void unknownRoleIsABareJsonStringNotFound() {
		SandboxHttp.Reply reply = this.http.get("/v2/organizations/roles/" + UUID.randomUUID()).expect(404);
		assertEquals("\"role not found\"", reply.body());
		assertEquals("application/json", reply.contentType());
	}

	static void assertBareJsonString(SandboxHttp.Reply reply) {
		assertEquals("application/json", reply.contentType());
		assertTrue(reply.body().startsWith("\"") && reply.body().endsWith("\""), reply.body());
		assertTrue(reply.json().isString(), reply.body());
		assertFalse(reply.json().asString().isBlank());
	}

}
