package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.astrashell.api.model.ApiErrors;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.WireJson;
import tools.jackson.databind.JsonNode;

class SandboxUsersTest extends SandboxFixture {

	String roUser;

	String rwUser;

	@BeforeEach
	void roles() {
		this.roUser = this.http.roleId("RO User");
		this.rwUser = this.http.roleId("R/W User");
	}

	private SandboxHttp.Reply invite(String email, String... roleIds) {
		return this.http.put("/v2/organizations/users",
				"{\"email\":\"" + email + "\",\"orgID\":\"" + this.sandbox.organizationId() + "\",\"roles\":"
						+ SandboxHttp.jsonArray(roleIds) + "}");
	}

	@Test
	void listsUsersWithTheLiveKeyCasing() {
		SandboxHttp.Reply reply = this.http.get("/v2/organizations/users").expect(200);
		assertEquals("application/json", reply.contentType());
		String body = reply.body();
		for (String key : List.of("\"OrgID\"", "\"OrgName\"", "\"Users\"", "\"UserID\"", "\"Email\"", "\"Status\"",
				"\"Roles\"", "\"ID\"", "\"Name\"")) {
			assertTrue(body.contains(key), key + " missing in " + body);
		}
		for (String key : List.of("\"orgId\"", "\"userId\"", "\"email\"", "\"Policy\"")) {
			assertFalse(body.contains(key), key + " present in " + body);
		}
		OrganizationUsers users = WireJson.mapper().readValue(body, OrganizationUsers.class);
		assertEquals(this.sandbox.organizationId(), users.orgId());
		assertEquals(1, users.users().size());
	}

	@Test
	void invitesANewEmailAsAnInvitedUser() {
		SandboxHttp.Reply reply = invite("new.person@example.com", this.roUser).expect(200);
		assertEquals("", reply.body());
		JsonNode user = this.http.userByEmail("new.person@example.com");
		assertNotNull(user);
		assertEquals("invited", user.get("Status").asString());
		UUID.fromString(user.get("UserID").asString());
		assertEquals(1, user.get("Roles").size());
		assertEquals(this.roUser, user.get("Roles").get(0).get("ID").asString());
		assertEquals("RO User", user.get("Roles").get(0).get("Name").asString());

		SandboxHttp.Reply one = this.http.get("/v2/organizations/users/" + user.get("UserID").asString()).expect(200);
		assertEquals("application/json", one.contentType());
		assertTrue(one.body().startsWith("{\"UserID\":"), one.body());
		assertEquals(user, one.json());
	}

	@Test
	void reinvitingAnInvitedEmailReplacesItsRoles() {
		invite("again@example.com", this.roUser).expect(200);
		String id = this.http.userByEmail("again@example.com").get("UserID").asString();
		invite("AGAIN@Example.com", this.rwUser, this.roUser).expect(200);
		JsonNode user = this.http.get("/v2/organizations/users/" + id).expect(200).json();
		assertEquals("again@example.com", user.get("Email").asString());
		assertEquals(List.of(this.rwUser, this.roUser),
				List.of(user.get("Roles").get(0).get("ID").asString(), user.get("Roles").get(1).get("ID").asString()));
		assertEquals(2, this.http.get("/v2/organizations/users").expect(200).json().get("Users").size());
	}

	@Test
	void invitingAnActiveMemberConflicts() {
		SandboxHttp.Reply reply = invite("Admin@Sandbox.Local", this.roUser).expect(409);
		assertStandardError(reply, 409);
	}

	@Test
	void invitationsAreValidated() {
		assertStandardError(invite("not-an-email", this.roUser).expect(400), 400);
		assertStandardError(invite("a@b", this.roUser).expect(400), 400);
		assertStandardError(invite("ok@example.com").expect(400), 400);
		SandboxHttp.Reply unknownRole = invite("ok@example.com", UUID.randomUUID().toString()).expect(400);
		assertTrue(errorMessage(unknownRole).contains("invalid role id"), unknownRole.body());
		SandboxHttp.Reply otherOrg = this.http
			.put("/v2/organizations/users",
					"{\"email\":\"ok@example.com\",\"orgID\":\"" + UUID.randomUUID() + "\",\"roles\":[\"" + this.roUser
							+ "\"]}")
			.expect(400);
		assertStandardError(otherOrg, 400);
		assertStandardError(this.http.put("/v2/organizations/users", "{not json").expect(400), 400);
		assertStandardError(this.http.put("/v2/organizations/users", "").expect(400), 400);
		assertNull(this.http.userByEmail("ok@example.com"));
	}

	@Test
	void readsRequestKeysCaseInsensitivelyAndOrgIdIsOptional() {
		this.http.put("/v2/organizations/users", "{\"EMAIL\":\"casing@example.com\",\"ROLES\":[\"" + this.roUser + "\"]}")
			.expect(200);
		assertNotNull(this.http.userByEmail("casing@example.com"));
		this.http
			.put("/v2/organizations/users",
					"{\"Email\":\"casing2@example.com\",\"orgId\":\"" + this.sandbox.organizationId()
							+ "\",\"Roles\":[\"" + this.roUser.toUpperCase() + "\"]}")
			.expect(200);
		JsonNode user = this.http.userByEmail("casing2@example.com");
		assertEquals(this.roUser, user.get("Roles").get(0).get("ID").asString());
	}

	@Test
	void replacesTheRolesOfAUser() {
		invite("roles@example.com", this.roUser).expect(200);
		String id = this.http.userByEmail("roles@example.com").get("UserID").asString();
		SandboxHttp.Reply reply = this.http
			.put("/v2/organizations/users/" + id + "/roles", "{\"roles\":[\"" + this.rwUser + "\"]}")
			.expect(204);
		assertEquals("", reply.body());
		JsonNode user = this.http.get("/v2/organizations/users/" + id).expect(200).json();
		assertEquals(1, user.get("Roles").size());
		assertEquals("R/W User", user.get("Roles").get(0).get("Name").asString());

		assertStandardError(this.http.put("/v2/organizations/users/" + id + "/roles", "{\"roles\":[]}").expect(400),
				400);
		assertStandardError(this.http
			.put("/v2/organizations/users/" + id + "/roles", "{\"roles\":[\"" + UUID.randomUUID() + "\"]}")
			.expect(400), 400);
		assertStandardError(this.http
			.put("/v2/organizations/users/" + UUID.randomUUID() + "/roles", "{\"roles\":[\"" + this.rwUser + "\"]}")
			.expect(404), 404);
		assertEquals("R/W User", this.http.get("/v2/organizations/users/" + id)
			.expect(200)
			.json()
			.get("Roles")
			.get(0)
			.get("Name")
			.asString());
	}

	@Test
	void deletesAUser() {
		invite("gone@example.com", this.roUser).expect(200);
		String id = this.http.userByEmail("gone@example.com").get("UserID").asString();
		SandboxHttp.Reply reply = this.http.delete("/v2/organizations/users/" + id).expect(204);
		assertEquals("", reply.body());
		assertStandardError(this.http.get("/v2/organizations/users/" + id).expect(404), 404);
		assertStandardError(this.http.delete("/v2/organizations/users/" + id).expect(404), 404);
		assertNull(this.http.userByEmail("gone@example.com"));
		// the email may be invited again
		invite("gone@example.com", this.roUser).expect(200);
	}

	@Test
	void unknownUserIsNotFoundInTheStandardForm() {
		SandboxHttp.Reply reply = this.http.get("/v2/organizations/users/" + UUID.randomUUID()).expect(404);
		assertStandardError(reply, 404);
		assertTrue(errorMessage(reply).startsWith("user not found"), reply.body());
	}

	static void assertStandardError(SandboxHttp.Reply reply, int status) {
		assertEquals(status, reply.status());
		assertEquals("application/json", reply.contentType());
		assertTrue(reply.body().startsWith("{\"errors\":[{\"ID\":"), reply.body());
		ApiErrors errors = WireJson.mapper().readValue(reply.body(), ApiErrors.class);
		assertEquals(1, errors.errors().size());
		assertNotNull(errors.errors().get(0).id());
		assertFalse(errors.errors().get(0).message().isBlank());
		assertTrue(reply.json().get("errors").get(0).get("ID").isInt(), reply.body());
	}

	static String errorMessage(SandboxHttp.Reply reply) {
		return reply.json().get("errors").get(0).get("message").asString();
	}

}
