package io.astrashell.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationSummary;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.api.model.TokenList;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against a wire-level fake: both key casings, every error-body form and status of
 * docs/wire.md, an HTML page, an empty body, a refused connection, a timeout, and the retry rules.
 */
class DevOpsClientTest {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "a".repeat(64);

	@StartStop
	final MockWebServer server = new MockWebServer();

	DevOpsClient client;

	@BeforeEach
	void client() {
		client = client(HttpSettings.DEFAULTS);
	}

	DevOpsClient client(HttpSettings settings) {
		return new DevOpsClient(URI.create(server.url("/").toString()), TOKEN, settings);
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
	}

	static MockResponse text(int code, String contentType, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
	}

	@Test
	void sendsTheTokenAndAcceptsJson() throws Exception {
		server.enqueue(json(200, "{\"id\":\"org-1\"}"));
		assertThat(OrganizationApi.current(client).id()).isEqualTo("org-1");
		RecordedRequest request = server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v2/currentOrg");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
		assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
	}

	@Test
	void readsUsersInTheLivePascalCaseForm() {
		server.enqueue(json(200, """
				{"OrgID":"o1","OrgName":"My Org","Users":[{"UserID":"u1","Email":"alice@example.com","Status":"active",
				"Roles":[{"ID":"r1","Name":"Database Administrator"}]}]}"""));
		OrganizationUsers users = UsersApi.list(client);
		assertThat(users.orgName()).isEqualTo("My Org");
		User alice = users.users().get(0);
		assertThat(alice.email()).isEqualTo("alice@example.com");
		assertThat(alice.status()).isEqualTo("active");
		assertThat(alice.roles()).extracting(Role::name).containsExactly("Database Administrator");
	}

	@Test
	void readsUsersInTheSpecCamelCaseForm() {
		server.enqueue(json(200, """
				{"orgID":"o1","orgName":"My Org","users":[{"userID":"u1","email":"bob@example.com","status":"invited",
				"roles":[{"id":"r1","name":"RO User"}]}]}"""));
		User bob = UsersApi.list(client).users().get(0);
		assertThat(bob.userId()).isEqualTo("u1");
		assertThat(bob.status()).isEqualTo("invited");
		assertThat(bob.roles().get(0).id()).isEqualTo("r1");
	}

	@Test
	void readsTheOrganizationFromTheUsersListingInBothForms() throws Exception {
		server.enqueue(json(200, """
				{"OrgID":"o1","OrgName":"My Org","Users":[{"UserID":"u1","Email":"alice@example.com","Status":"active",
				"Roles":[{"ID":"r1","Name":"Database Administrator","Policy":{"actions":["org-read"]}}]}]}"""));
		assertThat(OrganizationApi.summary(client)).isEqualTo(new OrganizationSummary("o1", "My Org"));
		assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/organizations/users");
		server.enqueue(json(200, """
				{"orgID":"o2","orgName":"Spec Org","users":[]}"""));
		assertThat(OrganizationApi.summary(client)).isEqualTo(new OrganizationSummary("o2", "Spec Org"));
	}

	@Test
	void readsOnlyTheListingsOwnOrganizationKeys() {
		// keys of the same names inside the users are not the organization's; values may come before
		// or after the users, and an id that is a number is read as its text, as binding would
		server.enqueue(json(200, """
				{"Users":[{"UserID":"u1","OrgID":"not-this","OrgName":"nor this","Roles":[{"ID":"r1"}]}],
				"Extra":{"OrgID":"nor-this"},"orgname":"My Org","ORGID":42}"""));
		assertThat(OrganizationApi.summary(client)).isEqualTo(new OrganizationSummary("42", "My Org"));
		server.enqueue(json(200, "{\"Users\":[]}"));
		assertThat(OrganizationApi.summary(client)).isEqualTo(new OrganizationSummary(null, null));
	}

	@Test
	void aUsersListingThatIsNotAnObjectIsAnUnexpectedResponse() {
		server.enqueue(json(200, "[{\"OrgID\":\"o1\"}]"));
		assertThatThrownBy(() -> OrganizationApi.summary(client)).isInstanceOf(ApiException.UnexpectedResponse.class)
			.hasMessageContaining("could not be read");
		server.enqueue(json(200, "{\"OrgID\":\"o1\", \"Users\": ["));
		assertThatThrownBy(() -> OrganizationApi.summary(client)).isInstanceOf(ApiException.UnexpectedResponse.class);
		server.enqueue(text(200, "text/html", "<html>captive portal</html>"));
		assertThatThrownBy(() -> OrganizationApi.summary(client)).isInstanceOf(ApiException.UnexpectedResponse.class);
	}

	@Test
	void readsRolesAsABareArrayInBothForms() {
		server.enqueue(json(200, """
				[{"ID":"r1","Name":"Custom","Policy":{"description":"d","resources":["drn:astra:org:o1"],
				"actions":["org-read"],"effect":"allow"}},
				{"id":"r2","name":"Other","policy":{"description":"e","resources":[],"actions":["db-cql"],"effect":"allow"},
				"last_update_datetime":"2025-06-17T02:26:29.846Z","last_update_userid":"u9"}]"""));
		List<Role> roles = RolesApi.list(client);
		assertThat(roles).extracting(Role::name).containsExactly("Custom", "Other");
		assertThat(roles.get(0).policy().actions()).containsExactly("org-read");
		assertThat(roles.get(1).lastUpdateUserId()).isEqualTo("u9");
	}

	@Test
	void readsTokensAndTheCreatedToken() throws Exception {
		server.enqueue(json(200, """
				{"clients":[{"clientId":"abc","roles":["r1"],"generatedOn":"2025-06-17T02:26:29.846Z",
				"description":"ci","tokenExpiry":null}]}"""));
		TokenList tokens = TokensApi.list(client);
		assertThat(tokens.clients().get(0).clientId()).isEqualTo("abc");
		assertThat(tokens.clients().get(0).tokenExpiry()).isNull();

		server.enqueue(json(200, """
				{"clientId":"xyz","secret":"s3cr3t","orgId":"o1","roles":["r1"],"token":"AstraCS:xyz:00",
				"generatedOn":"2025-06-17T02:26:29.846123456Z","tokenExpiry":null,"description":"d"}"""));
		CreatedToken created = TokensApi.create(client, new CreateTokenRequest(List.of("r1"), "d", null, null));
		assertThat(created.secret()).isEqualTo("s3cr3t");
		assertThat(created.toString()).doesNotContain("s3cr3t");
		server.takeRequest();
		RecordedRequest post = server.takeRequest();
		assertThat(post.getMethod()).isEqualTo("POST");
		assertThat(post.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"roles\":[\"r1\"],\"description\":\"d\"}");
	}

	@Test
	void writesRequestBodiesInCamelCaseWithRoleIds() throws Exception {
		server.enqueue(new MockResponse.Builder().code(200).build());
		UsersApi.invite(client, new InviteUserRequest("a@b.co", "o1", List.of("r1", "r2")));
		RecordedRequest invite = server.takeRequest();
		assertThat(invite.getMethod()).isEqualTo("PUT");
		assertThat(invite.getTarget()).isEqualTo("/v2/organizations/users");
		assertThat(invite.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(invite.getBody().string(StandardCharsets.UTF_8))
			.isEqualTo("{\"email\":\"a@b.co\",\"orgID\":\"o1\",\"roles\":[\"r1\",\"r2\"]}");

		server.enqueue(new MockResponse.Builder().code(204).build());
		UsersApi.setRoles(client, "u1", new UserRolesRequest(List.of("r3")));
		RecordedRequest roles = server.takeRequest();
		assertThat(roles.getTarget()).isEqualTo("/v2/organizations/users/u1/roles");
		assertThat(roles.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"roles\":[\"r3\"]}");

		server.enqueue(json(201, "{\"OrgID\":\"o1\",\"ID\":\"r9\",\"Name\":\"n\",\"Policy\":{\"description\":\"d\","
				+ "\"resources\":[\"drn:astra:org:o1\"],\"actions\":[\"org-read\"],\"effect\":\"allow\"},"
				+ "\"LastUpdateDateTime\":\"2025-06-17T02:26:29.846Z\",\"LastUpdateUserID\":\"u1\"}"));
		Role role = RolesApi.create(client, new RoleRequest("n",
				new Policy("d", List.of("drn:astra:org:o1"), List.of("org-read"), "allow")));
		assertThat(role.id()).isEqualTo("r9");
		assertThat(role.orgId()).isEqualTo("o1");
		assertThat(server.takeRequest().getBody().string(StandardCharsets.UTF_8)).isEqualTo(
				"{\"name\":\"n\",\"policy\":{\"description\":\"d\",\"resources\":[\"drn:astra:org:o1\"],\"actions\":[\"org-read\"],\"effect\":\"allow\"}}");
	}

	@Test
	void standardErrorBodyBecomesATypedErrorWithTheServersMessage() {
		server.enqueue(json(401, "{\"errors\":[{\"ID\":340012,\"message\":\"invalid token format\"}]}"));
		assertThatThrownBy(() -> UsersApi.list(client)).isInstanceOf(ApiException.Unauthorized.class)
			.extracting(e -> ((ApiException) e).serverMessage()).isEqualTo("invalid token format");
		server.enqueue(json(403, "{\"errors\":[{\"ID\":1,\"message\":\"forbidden\"},{\"ID\":2,\"message\":\"lacks org-user-read\"}]}"));
		assertThatThrownBy(() -> UsersApi.list(client)).isInstanceOf(ApiException.Forbidden.class)
			.extracting(e -> ((ApiException) e).serverMessage()).isEqualTo("forbidden; lacks org-user-read");
		server.enqueue(json(404, "{\"errors\":[{\"ID\":3,\"message\":\"user not found\"}]}"));
		assertThatThrownBy(() -> UsersApi.get(client, "nope")).isInstanceOf(ApiException.NotFound.class);
		server.enqueue(json(400, "{\"errors\":[{\"ID\":4,\"message\":\"bad email\"}]}"));
		assertThatThrownBy(() -> UsersApi.invite(client, new InviteUserRequest("x", "o", List.of())))
			.isInstanceOf(ApiException.BadRequest.class).hasMessageContaining("bad email");
	}

	@Test
	void roleEndpointsAnswerWithABareJsonString() {
		server.enqueue(json(404, "\"role not found\""));
		assertThatThrownBy(() -> RolesApi.get(client, "r1")).isInstanceOf(ApiException.NotFound.class)
			.extracting(e -> ((ApiException) e).serverMessage()).isEqualTo("role not found");
		server.enqueue(json(409, "\"role name already exists\""));
		assertThatThrownBy(() -> RolesApi.create(client, new RoleRequest("n", new Policy("d", List.of(), List.of(), "allow"))))
			.isInstanceOf(ApiException.Conflict.class)
			.extracting(e -> ((ApiException) e).serverMessage()).isEqualTo("role name already exists");
	}

	@Test
	void tokenCreateAnswersInPlainText() {
		server.enqueue(text(400, "text/plain; charset=utf-8", "invalid role id\n"));
		assertThatThrownBy(() -> TokensApi.create(client, new CreateTokenRequest(List.of("x"), null, null, null)))
			.isInstanceOf(ApiException.BadRequest.class)
			.extracting(e -> ((ApiException) e).serverMessage()).isEqualTo("invalid role id");
	}

	@Test
	void anHtmlPageFromAProxyIsNamedNotPrinted() {
		server.enqueue(text(502, "text/html", "<html><body><h1>502 Bad Gateway</h1><script>x</script></body></html>"));
		server.enqueue(text(502, "text/html", "<html>again</html>"));
		server.enqueue(text(502, "text/html", "<html>and again</html>"));
		assertThatThrownBy(() -> OrganizationApi.current(client)).isInstanceOf(ApiException.ServerError.class)
			.satisfies(e -> {
				assertThat(((ApiException) e).status()).isEqualTo(502);
				assertThat(((ApiException) e).serverMessage()).contains("HTML page").doesNotContain("<");
			});
	}

	@Test
	void anEmptyErrorBodyStillGivesTheStatus() {
		server.enqueue(new MockResponse.Builder().code(500).build());
		assertThatThrownBy(() -> TokensApi.list(client)).isInstanceOf(ApiException.ServerError.class)
			.satisfies(e -> {
				assertThat(((ApiException) e).status()).isEqualTo(500);
				assertThat(((ApiException) e).serverMessage()).isNull();
			});
	}

	@Test
	void aSuccessThatIsNotTheApisJsonIsAnUnexpectedResponse() {
		server.enqueue(text(200, "text/html", "<html>captive portal</html>"));
		assertThatThrownBy(() -> UsersApi.list(client)).isInstanceOf(ApiException.UnexpectedResponse.class);
		server.enqueue(new MockResponse.Builder().code(200).build());
		assertThatThrownBy(() -> OrganizationApi.current(client)).isInstanceOf(ApiException.UnexpectedResponse.class)
			.hasMessageContaining("no body");
	}

	@Test
	void aRefusedConnectionIsUnreachable() throws IOException {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		DevOpsClient nowhere = new DevOpsClient(URI.create("http://127.0.0.1:" + port), TOKEN, HttpSettings.DEFAULTS);
		assertThatThrownBy(() -> OrganizationApi.current(nowhere)).isInstanceOf(ApiException.Unreachable.class)
			.hasMessageContaining("connection refused");
	}

	@Test
	void aServerThatDoesNotAnswerHitsTheReadTimeout() {
		server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(3, TimeUnit.SECONDS).build());
		DevOpsClient impatient = client(new HttpSettings(Duration.ofSeconds(1), Duration.ofMillis(300), 0,
				Duration.ofSeconds(1)));
		assertThatThrownBy(() -> OrganizationApi.current(impatient)).isInstanceOf(ApiException.Unreachable.class)
			.hasMessageContaining("timeout");
	}

	@Test
	void retryableStatusesAreRetriedOnGetHonouringRetryAfter() throws Exception {
		server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
		server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").build());
		server.enqueue(json(200, "{\"id\":\"org-1\"}"));
		assertThat(OrganizationApi.current(client).id()).isEqualTo("org-1");
		assertThat(server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void retriesStopAtTheLimit() {
		for (int i = 0; i < 3; i++) {
			server.enqueue(new MockResponse.Builder().code(504).setHeader("Retry-After", "0").build());
		}
		assertThatThrownBy(() -> UsersApi.delete(client, "u1")).isInstanceOf(ApiException.ServerError.class);
		assertThat(server.getRequestCount()).isEqualTo(3); // the call and two retries
	}

	@Test
	void postIsNeverRetried() {
		server.enqueue(text(503, "text/plain", "busy"));
		server.enqueue(json(200, "{}"));
		assertThatThrownBy(() -> TokensApi.create(client, new CreateTokenRequest(List.of("r"), null, null, null)))
			.isInstanceOf(ApiException.ServerError.class);
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void idsArePathSegments() throws Exception {
		server.enqueue(new MockResponse.Builder().code(200).build());
		TokensApi.delete(client, "a/b c");
		assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/clientIdSecrets/a%2Fb%20c");
	}

}
