package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;

class SandboxAuthTest extends SandboxFixture {

	private static final String WELL_FORMED_UNKNOWN = "AstraCS:abcdefghijklmnopqrstuvwx:"
			+ "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	@Test
	void aMissingTokenIsRefused() {
		SandboxHttp.Reply reply = this.http.as(null).get("/v2/organizations/users").expect(401);
		SandboxUsersTest.assertStandardError(reply, 401);
		assertEquals(340012, reply.json().get("errors").get(0).get("ID").asInt());
		SandboxUsersTest.assertStandardError(this.http.withHeader("GET", "/v2/currentOrg", "").expect(401), 401);
	}

	@Test
	void aMalformedTokenIsRefusedAsInvalidTokenFormat() {
		String admin = this.sandbox.adminToken();
		for (String header : new String[] { "Bearer nonsense", "Bearer " + admin.toUpperCase(), "Basic " + admin,
				admin, "Bearer " + admin + "0", "Bearer AstraCS:abc:" + admin.substring(34),
				"Bearer " + admin.replace("AstraCS:", "AstraXX:") }) {
			SandboxHttp.Reply reply = this.http.withHeader("GET", "/v2/organizations/users", header).expect(401);
			SandboxUsersTest.assertStandardError(reply, 401);
			assertEquals(340012, reply.json().get("errors").get(0).get("ID").asInt(), header);
			assertEquals("invalid token format", SandboxUsersTest.errorMessage(reply), header);
		}
		// the scheme is case-insensitive
		this.http.withHeader("GET", "/v2/currentOrg", "bearer " + admin).expect(200);
	}

	@Test
	void anUnknownOrRevokedTokenIsRefused() {
		SandboxHttp.Reply unknown = this.http.as(WELL_FORMED_UNKNOWN).get("/v2/currentOrg").expect(401);
		SandboxUsersTest.assertStandardError(unknown, 401);

		// the right client id with another hash is no better
		String admin = this.sandbox.adminToken();
		String forged = admin.substring(0, 33) + "0".repeat(64);
		SandboxUsersTest.assertStandardError(this.http.as(forged).get("/v2/currentOrg").expect(401), 401);

		String revoked = this.http.createToken(this.http.roleId("Organization Administrator")).get("token").asString();
		this.http.as(revoked).get("/v2/currentOrg").expect(200);
		this.http.as(revoked).delete("/v2/clientIdSecrets/" + revoked.split(":")[1]).expect(200);
		SandboxHttp.Reply reply = this.http.as(revoked).get("/v2/organizations/users").expect(401);
		SandboxUsersTest.assertStandardError(reply, 401);
		assertEquals(unknown.body(), reply.body());
	}

	@Test
	void unauthorisedRequestsUseTheErrorFormOfTheirFamily() {
		SandboxHttp anonymous = this.http.as(null);
		SandboxUsersTest.assertStandardError(anonymous.get("/v2/currentOrg").expect(401), 401);
		SandboxUsersTest.assertStandardError(anonymous.get("/v2/organizations/users/x").expect(401), 401);
		SandboxRolesTest.assertBareJsonString(anonymous.get("/v2/organizations/roles").expect(401));
		SandboxRolesTest.assertBareJsonString(anonymous.delete("/v2/organizations/roles/x").expect(401));
		SandboxUsersTest.assertStandardError(anonymous.get("/v2/clientIdSecrets").expect(401), 401);
		SandboxUsersTest.assertStandardError(anonymous.delete("/v2/clientIdSecrets/abc").expect(401), 401);
		SandboxTokensTest.assertPlainText(anonymous.post("/v2/clientIdSecrets", "{}").expect(401));
	}

	@Test
	void unknownPathsAndWrongMethods() {
		SandboxUsersTest.assertStandardError(this.http.get("/v2/organizations/widgets").expect(404), 404);
		SandboxUsersTest.assertStandardError(this.http.get("/v1/currentOrg").expect(404), 404);
		SandboxUsersTest.assertStandardError(this.http.get("/").expect(404), 404);
		SandboxUsersTest.assertStandardError(this.http.get("/v2/organizations/users/a/b/c").expect(404), 404);

		SandboxHttp.Reply post = this.http.post("/v2/currentOrg", "{}").expect(405);
		SandboxUsersTest.assertStandardError(post, 405);
		assertEquals("GET", post.header("Allow"));
		SandboxHttp.Reply users = this.http.call("PATCH", "/v2/organizations/users", "{}").expect(405);
		SandboxUsersTest.assertStandardError(users, 405);
		assertTrue(users.header("Allow").contains("PUT"));
		SandboxUsersTest.assertStandardError(this.http.get("/v2/clientIdSecrets/abc").expect(405), 405);
		SandboxRolesTest.assertBareJsonString(this.http.delete("/v2/organizations/roles").expect(405));
	}

	@Test
	void trailingSlashesAndQueriesAreTolerated() {
		this.http.get("/v2/currentOrg/").expect(200);
		this.http.get("/v2/organizations/users?x=1").expect(200);
	}

}
