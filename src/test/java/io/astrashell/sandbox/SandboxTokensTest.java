package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.TokenList;
import io.astrashell.api.model.WireJson;
import tools.jackson.databind.JsonNode;

class SandboxTokensTest extends SandboxFixture {

	private static final String RFC_3339_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

	@Test
	void createsListsUsesAndRevokesAToken() {
		String ro = this.http.roleId("RO User");
		String uiView = this.http.roleId("UI View Only");
		SandboxHttp.Reply reply = this.http
			.post("/v2/clientIdSecrets",
					"{\"roles\":[\"" + uiView + "\",\"" + ro + "\"],\"description\":\"ci\",\"orgId\":\""
							+ this.sandbox.organizationId() + "\"}")
			.expect(200);
		assertEquals("application/json", reply.contentType());
		assertTrue(reply.body().startsWith("{"), "one object, not an array: " + reply.body());
		for (String key : List.of("clientId", "secret", "orgId", "roles", "token", "generatedOn", "tokenExpiry",
				"description")) {
			assertTrue(reply.body().contains("\"" + key + "\""), key + " missing in " + reply.body());
		}
		CreatedToken created = WireJson.mapper().readValue(reply.body(), CreatedToken.class);
		assertTrue(created.clientId().matches("[A-Za-z]{24}"), created.clientId());
		assertTrue(created.secret().matches("[A-Za-z0-9.,+_-]{128}"), created.secret());
		assertEquals("AstraCS:" + created.clientId() + ":" + SandboxCredentials.hash(created.secret()),
				created.token());
		assertEquals(this.sandbox.organizationId(), created.orgId());
		assertEquals(List.of(uiView, ro), created.roles());
		assertTrue(created.generatedOn().matches(RFC_3339_MILLIS), created.generatedOn());
		assertNull(created.tokenExpiry());
		assertEquals("ci", created.description());

		// the new token works, within its roles
		SandboxHttp asNew = this.http.as(created.token());
		assertEquals(this.sandbox.organizationId(), asNew.get("/v2/currentOrg").expect(200).json().get("id").asString());
		asNew.get("/v2/organizations/users").expect(200);
		asNew.get("/v2/clientIdSecrets").expect(200);
		SandboxUsersTest.assertStandardError(
				asNew.put("/v2/organizations/users", "{\"email\":\"x@example.com\",\"roles\":[\"" + ro + "\"]}")
					.expect(403),
				403);

		SandboxHttp.Reply list = this.http.get("/v2/clientIdSecrets").expect(200);
		assertTrue(list.body().startsWith("{\"clients\":["), list.body());
		assertFalse(list.body().contains(created.secret()));
		assertFalse(list.body().contains(created.token()));
		assertFalse(list.body().contains("\"secret\""));
		assertFalse(list.body().contains("\"token\""));
		TokenList tokens = WireJson.mapper().readValue(list.body(), TokenList.class);
		assertEquals(2, tokens.clients().size());
		var info = tokens.clients().get(1);
		assertEquals(created.clientId(), info.clientId());
		assertEquals(List.of(uiView, ro), info.roles());
		assertEquals(created.generatedOn(), info.generatedOn());
		assertEquals("ci", info.description());
		assertTrue(list.body().contains("\"tokenExpiry\":null"), list.body());

		SandboxHttp.Reply deleted = this.http.delete("/v2/clientIdSecrets/" + created.clientId()).expect(200);
		assertEquals("", deleted.body());
		assertEquals(1, this.http.get("/v2/clientIdSecrets").expect(200).json().get("clients").size());
		SandboxUsersTest.assertStandardError(asNew.get("/v2/currentOrg").expect(401), 401);
		SandboxUsersTest.assertStandardError(
				this.http.delete("/v2/clientIdSecrets/" + created.clientId()).expect(404), 404);
	}

	@Test
	void normalisesTheExpiryAndRefusesExpiredTokens() {
		String ro = this.http.roleId("RO User");
		JsonNode future = this.http
			.post("/v2/clientIdSecrets", "{\"roles\":[\"" + ro + "\"],\"tokenExpiry\":\"2099-01-31T01:00:00+01:00\"}")
			.expect(200)
			.json();
		assertEquals("2099-01-31T00:00:00.000Z", future.get("tokenExpiry").asString());
		this.http.as(future.get("token").asString()).get("/v2/currentOrg").expect(200);

		String soon = Instant.now().plus(1, ChronoUnit.SECONDS).toString();
		JsonNode expiring = this.http
			.post("/v2/clientIdSecrets", "{\"roles\":[\"" + ro + "\"],\"tokenExpiry\":\"" + soon + "\"}")
			.expect(200)
			.json();
		JsonNode past = this.http
			.post("/v2/clientIdSecrets", "{\"roles\":[\"" + ro + "\"],\"tokenExpiry\":\"2020-01-01T00:00:00Z\"}")
			.expect(200)
			.json();
		SandboxHttp.Reply expired = this.http.as(past.get("token").asString()).get("/v2/currentOrg").expect(401);
		SandboxUsersTest.assertStandardError(expired, 401);
		assertEquals("token expired", SandboxUsersTest.errorMessage(expired));

		boolean refused = false;
		for (int i = 0; i < 50 && !refused; i++) {
			refused = this.http.as(expiring.get("token").asString()).get("/v2/currentOrg").status() == 401;
			if (!refused) {
				sleep(100);
			}
		}
		assertTrue(refused, "a token past its expiry must be refused");

		JsonNode listed = null;
		for (JsonNode client : this.http.get("/v2/clientIdSecrets").expect(200).json().get("clients")) {
			if (client.get("clientId").asString().equals(future.get("clientId").asString())) {
				listed = client;
			}
		}
		assertNotNull(listed);
		assertEquals("2099-01-31T00:00:00.000Z", listed.get("tokenExpiry").asString());
	}

	@Test
	void createErrorsArePlainText() {
		SandboxHttp.Reply unknownRole = this.http
			.post("/v2/clientIdSecrets", "{\"roles\":[\"" + UUID.randomUUID() + "\"]}")
			.expect(400);
		assertPlainText(unknownRole);
		assertTrue(unknownRole.body().startsWith("invalid role id"), unknownRole.body());

		assertPlainText(this.http.post("/v2/clientIdSecrets", "{\"roles\":[]}").expect(400));
		assertPlainText(this.http.post("/v2/clientIdSecrets", "{\"description\":\"no roles\"}").expect(400));
		SandboxHttp.Reply badExpiry = this.http
			.post("/v2/clientIdSecrets",
					"{\"roles\":[\"" + this.http.roleId("RO User") + "\"],\"tokenExpiry\":\"next tuesday\"}")
			.expect(400);
		assertPlainText(badExpiry);
		assertTrue(badExpiry.body().contains("next tuesday"), badExpiry.body());
		assertPlainText(this.http.post("/v2/clientIdSecrets", "{oops").expect(400));
		assertPlainText(this.http.as(null).post("/v2/clientIdSecrets", "{\"roles\":[]}").expect(401));
		assertEquals(1, this.http.get("/v2/clientIdSecrets").expect(200).json().get("clients").size());
	}

	@Test
	void aBillingAdminTokenIsForbiddenToReadUsers() {
		String billing = this.http.roleId("Billing Admin");
		String token = this.http.createToken(billing).get("token").asString();
		SandboxHttp asBilling = this.http.as(token);
		asBilling.get("/v2/currentOrg").expect(200);

		SandboxHttp.Reply users = asBilling.get("/v2/organizations/users").expect(403);
		SandboxUsersTest.assertStandardError(users, 403);
		assertTrue(SandboxUsersTest.errorMessage(users).contains("org-user-read"), users.body());

		SandboxRolesTest.assertBareJsonString(asBilling.get("/v2/organizations/roles").expect(403));
		SandboxUsersTest.assertStandardError(asBilling.get("/v2/clientIdSecrets").expect(403), 403);
		assertPlainText(asBilling.post("/v2/clientIdSecrets", "{\"roles\":[\"" + billing + "\"]}").expect(403));
		SandboxUsersTest.assertStandardError(asBilling.delete("/v2/clientIdSecrets/abc").expect(403), 403);
	}

	@Test
	void aReadOnlyViewerCanReadButNotWrite() {
		String viewer = this.http.roleId("UI View Only");
		SandboxHttp asViewer = this.http.as(this.http.createToken(viewer).get("token").asString());
		asViewer.get("/v2/organizations/users").expect(200);
		asViewer.get("/v2/organizations/roles").expect(200);
		asViewer.get("/v2/clientIdSecrets").expect(200);
		SandboxRolesTest.assertBareJsonString(asViewer
			.post("/v2/organizations/roles", "{\"name\":\"x\",\"policy\":{\"actions\":[\"org-read\"]}}")
			.expect(403));
		SandboxRolesTest.assertBareJsonString(
				asViewer.delete("/v2/organizations/roles/" + this.http.roleId("RO User")).expect(403));
		assertPlainText(asViewer.post("/v2/clientIdSecrets", "{\"roles\":[\"" + viewer + "\"]}").expect(403));
	}

	static void assertPlainText(SandboxHttp.Reply reply) {
		assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
		assertFalse(reply.body().isBlank());
		assertFalse(reply.body().startsWith("{") || reply.body().startsWith("\""), reply.body());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
