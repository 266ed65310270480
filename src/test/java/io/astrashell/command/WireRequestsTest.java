package io.astrashell.command;

import java.nio.charset.StandardCharsets;
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
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the commands send, seen on the wire: method, path and body (roles always as ids), and that
 * each command makes only the requests it needs (no token check first, one roles listing).
 */
class WireRequestsTest {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);

	static final String ROLES = """
			[{"ID":"r-admin","Name":"Organization Administrator","Policy":{"description":"Organization Administrator",
			"resources":["drn:astra:org:__ORG_ID__"],"actions":["org-read"],"effect":"allow"}},
			{"ID":"r-dba","Name":"Database Administrator","Policy":{"description":"Database Administrator",
			"resources":["drn:astra:org:__ORG_ID__"],"actions":["org-read"],"effect":"allow"}},
			{"ID":"r-ro","Name":"RO User","Policy":{"description":"RO User","resources":[],"actions":["db-cql"],"effect":"allow"}}]""";

	static final String USERS = """
			{"OrgID":"org-1","OrgName":"Wire Org","Users":[{"UserID":"u-1","Email":"alice@example.com","Status":"active",
			"Roles":[{"ID":"r-ro","Name":"RO User"}]}]}""";

	@StartStop
	final MockWebServer server = new MockWebServer();

	@TempDir
	Path dir;

	AstraRun astra;

	@BeforeEach
	void answers() {
		astra = new AstraRun(dir);
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String key = request.getMethod() + " " + request.getTarget();
				return switch (key) {
					case "GET /v2/currentOrg" -> json(200, "{\"id\":\"org-1\"}");
					case "GET /v2/organizations/roles" -> json(200, ROLES);
					case "GET /v2/organizations/users" -> json(200, USERS);
					case "PUT /v2/organizations/users" -> new MockResponse.Builder().code(200).build();
					case "PUT /v2/organizations/users/u-1/roles" -> new MockResponse.Builder().code(204).build();
					case "POST /v2/organizations/roles" -> json(201, "{\"OrgID\":\"org-1\",\"ID\":\"r-new\",\"Name\":\"Auditor\","
							+ "\"Policy\":{\"description\":\"Auditor\",\"resources\":[\"drn:astra:org:org-1\"],"
							+ "\"actions\":[\"org-audits-read\"],\"effect\":\"allow\"},\"LastUpdateDateTime\":"
							+ "\"2025-06-17T02:26:29.846Z\",\"LastUpdateUserID\":\"u-1\"}");
					case "POST /v2/clientIdSecrets" -> json(200, "{\"clientId\":\"NewClientIdNewClientIdAb\",\"secret\":\"s\","
							+ "\"orgId\":\"org-1\",\"roles\":[\"r-ro\"],\"token\":\"AstraCS:NewClientIdNewClientIdAb:"
							+ "0".repeat(64) + "\",\"generatedOn\":\"2025-06-17T02:26:29.846Z\",\"tokenExpiry\":null,"
							+ "\"description\":\"ci\"}");
					default -> new MockResponse.Builder().code(404).body("\"unexpected " + key + "\"").build();
				};
			}
		});
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
	}

	Result run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", server.url("/").toString(), "--token", TOKEN));
		return astra.run(all.toArray(String[]::new));
	}

	List<String> requests() throws InterruptedException {
		List<String> seen = new ArrayList<>();
		RecordedRequest r;
		while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
			String body = r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
			seen.add(r.getMethod() + " " + r.getTarget() + (body.isEmpty() ? "" : " " + body));
			assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
		}
		return seen;
	}

	@Test
	void inviteSendsRoleIdsAndTheOrgIdAfterOneRolesAndOneUsersListing() throws Exception {
		Result r = run("user", "invite", "bob@example.com", "-r", "ro user", "-r", "r-dba");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(requests()).containsExactly("GET /v2/organizations/roles", "GET /v2/organizations/users",
				"PUT /v2/organizations/users {\"email\":\"bob@example.com\",\"orgID\":\"org-1\",\"roles\":[\"r-ro\",\"r-dba\"]}");
	}

	@Test
	void inviteWithoutARoleSendsTheDatabaseAdministratorId() throws Exception {
		assertThat(run("user", "invite", "bob@example.com").exitCode()).isZero();
		assertThat(requests()).last().asString().endsWith("\"roles\":[\"r-dba\"]}");
	}

	@Test
	void aRefusedInviteSendsNoChange() throws Exception {
		assertThat(run("user", "invite", "alice@example.com").exitCode()).isEqualTo(7);
		assertThat(requests()).containsExactly("GET /v2/organizations/roles", "GET /v2/organizations/users");
		assertThat(run("user", "invite", "not-an-email").exitCode()).isEqualTo(11);
		assertThat(run("user", "invite", "x@y.co", "-r", "Nope").exitCode()).isEqualTo(5);
		assertThat(requests()).containsExactly("GET /v2/organizations/roles");
	}

	@Test
	void setRolesReplacesTheSetWithIds() throws Exception {
		assertThat(run("user", "update", "ALICE@example.com", "-r", "Organization Administrator").exitCode()).isZero();
		assertThat(requests()).containsExactly("GET /v2/organizations/roles", "GET /v2/organizations/users",
				"PUT /v2/organizations/users/u-1/roles {\"roles\":[\"r-admin\"]}");
	}

	@Test
	void roleCreateSendsTheFullPolicyWithTheOrganizationAsDefaultResource() throws Exception {
		assertThat(run("role", "create", "Auditor", "-a", "org-audits-read").exitCode()).isZero();
		assertThat(requests()).containsExactly("GET /v2/currentOrg",
				"POST /v2/organizations/roles {\"name\":\"Auditor\",\"policy\":{\"description\":\"Auditor\","
						+ "\"resources\":[\"drn:astra:org:org-1\"],\"actions\":[\"org-audits-read\"],\"effect\":\"allow\"}}");
		assertThat(run("role", "create", "Auditor", "-a", "org-audits-read", "-R", "drn:astra:org:org-1:db:db-9",
				"-d", "Reads audits").exitCode()).isZero();
		assertThat(requests()).containsExactly("POST /v2/organizations/roles {\"name\":\"Auditor\",\"policy\":"
				+ "{\"description\":\"Reads audits\",\"resources\":[\"drn:astra:org:org-1:db:db-9\"],"
				+ "\"actions\":[\"org-audits-read\"],\"effect\":\"allow\"}}");
	}

	@Test
	void tokenCreateSendsRoleIds() throws Exception {
		Result r = run("token", "create", "-r", "RO User", "-d", "ci");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(requests()).containsExactly("GET /v2/organizations/roles",
				"POST /v2/clientIdSecrets {\"roles\":[\"r-ro\"],\"description\":\"ci\"}");
	}

	@Test
	void readsMakeOnlyTheRequestsTheyNeed() throws Exception {
		run("org");
		assertThat(requests()).containsExactly("GET /v2/organizations/users");
		run("user", "list");
		assertThat(requests()).containsExactly("GET /v2/organizations/users");
		run("role", "get", "RO User");
		assertThat(requests()).containsExactly("GET /v2/organizations/roles");
		run("token", "get");
		assertThat(requests()).isEmpty();
	}

	@Test
	void orgNamesTheOrganizationFromOneUsersListingAndFallsBackToCurrentOrgWhenUsersAreForbidden() throws Exception {
		Result listed = run("org", "-o", "json");
		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.out()).contains("\"id\" : \"org-1\"").contains("\"name\" : \"Wire Org\"");
		assertThat(requests()).containsExactly("GET /v2/organizations/users");

		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return switch (request.getMethod() + " " + request.getTarget()) {
					case "GET /v2/currentOrg" -> json(200, "{\"id\":\"org-1\"}");
					case "GET /v2/organizations/users" -> json(403,
							"{\"errors\":[{\"description\":\"role lacks org-user-read\",\"ID\":0}]}");
					default -> new MockResponse.Builder().code(404).build();
				};
			}
		});
		Result forbidden = run("org", "-o", "json");
		assertThat(forbidden.exitCode()).as(forbidden.toString()).isZero();
		assertThat(forbidden.out()).contains("\"id\" : \"org-1\"").contains("\"name\" : null");
		assertThat(requests()).containsExactly("GET /v2/organizations/users", "GET /v2/currentOrg");
	}

}
