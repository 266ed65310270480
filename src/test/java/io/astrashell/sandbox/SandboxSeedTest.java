package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.PolicyActions;
import tools.jackson.databind.JsonNode;

class SandboxSeedTest {

	@TempDir
	Path home;

	@Test
	void seedsSixteenBuiltInRolesWithDocumentedPolicies() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			JsonNode roles = new SandboxHttp(sandbox).get("/v2/organizations/roles").expect(200).json();
			assertTrue(roles.isArray());
			List<String> names = new ArrayList<>();
			Set<String> ids = new HashSet<>();
			for (JsonNode role : roles) {
				String name = role.get("Name").asString();
				names.add(name);
				UUID.fromString(role.get("ID").asString());
				ids.add(role.get("ID").asString());
				JsonNode policy = role.get("Policy");
				assertEquals(name, policy.get("description").asString());
				assertEquals("allow", policy.get("effect").asString());
				List<String> resources = strings(policy.get("resources"));
				assertTrue(resources.contains("drn:astra:org:__ORG_ID__"), name + " " + resources);
				List<String> actions = strings(policy.get("actions"));
				assertTrue(actions.contains(PolicyActions.ORG_READ), name + " lacks org-read");
				assertTrue(PolicyActions.ALL.containsAll(actions), name + " holds unknown actions " + actions);
				assertEquals(actions.size(), new HashSet<>(actions).size(), name + " repeats an action");
				if (name.equals(BuiltInRoles.ORGANIZATION_ADMINISTRATOR)) {
					assertEquals(Set.copyOf(PolicyActions.ALL), Set.copyOf(actions));
				}
				if (name.contains("Database") || name.contains("User") || name.contains("Svc Acct")) {
					assertTrue(actions.stream()
						.noneMatch(a -> a.startsWith("org-user-") || a.startsWith("org-role-")
								|| a.startsWith("org-token-")),
							name + " holds organization management actions: " + actions);
				}
				if (name.equals("Billing Admin")) {
					assertFalse(actions.contains(PolicyActions.ORG_USER_READ));
				}
			}
			assertEquals(BuiltInRoles.NAMES, names);
			assertEquals(16, ids.size());
		}
	}

	@Test
	void seedsAnActiveAdministratorAndAWorkingAdminToken() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			SandboxHttp http = new SandboxHttp(sandbox);
			assertTrue(sandbox.adminToken().matches("AstraCS:[A-Za-z]{24}:[0-9a-f]{64}"), sandbox.adminToken());
			assertEquals(97, sandbox.adminToken().length());
			assertEquals("Sandbox Org", sandbox.organizationName());
			UUID.fromString(sandbox.organizationId());
			assertTrue(sandbox.endpoint().toString().startsWith("http://127.0.0.1:"));

			SandboxHttp.Reply org = http.get("/v2/currentOrg").expect(200);
			assertEquals("{\"id\":\"" + sandbox.organizationId() + "\"}", org.body());
			assertEquals("application/json", org.contentType());

			JsonNode users = http.get("/v2/organizations/users").expect(200).json();
			assertEquals(sandbox.organizationId(), users.get("OrgID").asString());
			assertEquals("Sandbox Org", users.get("OrgName").asString());
			assertEquals(1, users.get("Users").size());
			JsonNode admin = users.get("Users").get(0);
			assertEquals("admin@sandbox.local", admin.get("Email").asString());
			assertEquals("active", admin.get("Status").asString());
			assertEquals(1, admin.get("Roles").size());
			assertEquals(BuiltInRoles.ORGANIZATION_ADMINISTRATOR, admin.get("Roles").get(0).get("Name").asString());

			JsonNode clients = http.get("/v2/clientIdSecrets").expect(200).json().get("clients");
			assertEquals(1, clients.size());
			JsonNode token = clients.get(0);
			assertEquals(sandbox.adminToken().split(":")[1], token.get("clientId").asString());
			assertEquals("sandbox admin token", token.get("description").asString());
			assertEquals(List.of(http.roleId(BuiltInRoles.ORGANIZATION_ADMINISTRATOR)), strings(token.get("roles")));
			assertTrue(token.has("tokenExpiry"));
			assertTrue(token.get("tokenExpiry").isNull());
		}
	}

	@Test
	void seedsOnceAndKeepsTheStateAcrossRestarts() throws Exception {
		assertNull(LocalSandbox.adminTokenOf(this.home));
		String orgId;
		String token;
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			orgId = sandbox.organizationId();
			token = sandbox.adminToken();
			new SandboxHttp(sandbox).put("/v2/organizations/users",
					"{\"email\":\"kept@example.com\",\"roles\":[\"" + new SandboxHttp(sandbox).roleId("RO User") + "\"]}")
				.expect(200);
		}
		assertEquals(token, LocalSandbox.adminTokenOf(this.home));
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			assertEquals(orgId, sandbox.organizationId());
			assertEquals(token, sandbox.adminToken());
			assertTrue(new SandboxHttp(sandbox).userByEmail("kept@example.com") != null);
		}
	}

	@Test
	void resetDeletesTheStateAndTheNextStartSeedsAfresh() throws Exception {
		LocalSandbox.reset(this.home); // safe when absent
		String firstOrg;
		String firstToken;
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			firstOrg = sandbox.organizationId();
			firstToken = sandbox.adminToken();
		}
		LocalSandbox.reset(this.home);
		assertFalse(Files.exists(this.home.resolve("sandbox/state.json")));
		assertNull(LocalSandbox.adminTokenOf(this.home));
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			assertNotEquals(firstOrg, sandbox.organizationId());
			assertNotEquals(firstToken, sandbox.adminToken());
			new SandboxHttp(sandbox).as(firstToken).get("/v2/currentOrg").expect(401);
			new SandboxHttp(sandbox).get("/v2/currentOrg").expect(200);
			LocalSandbox.reset(this.home);
			LocalSandbox.reset(this.home);
		}
	}

	@Test
	void keepsTheStatePrivateAndNoSecrets() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			SandboxHttp http = new SandboxHttp(sandbox);
			JsonNode created = http.createToken(http.roleId("RO User"));
			String secret = created.get("secret").asString();
			Path state = this.home.resolve("sandbox/state.json");
			String text = Files.readString(state);
			assertFalse(text.contains(secret), "the state holds a secret");
			assertTrue(text.contains(SandboxCredentials.hash(secret)));
			if (state.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
				assertEquals("rwx------",
						PosixFilePermissions.toString(Files.getPosixFilePermissions(state.getParent())));
			}
			try (var files = Files.list(state.getParent())) {
				assertEquals(Set.of("state.json", "state.lock"),
						Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
			}
		}
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : array) {
			values.add(value.asString());
		}
		return values;
	}

}
