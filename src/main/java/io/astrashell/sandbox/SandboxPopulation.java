package io.astrashell.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.Policy;

/**
 * Fills a sandbox with many users, custom roles and tokens in one write, for benchmarks and tests
 * at scale (adding 10,000 users through the API would rewrite the state 10,000 times).
 */
final class SandboxPopulation {

	private SandboxPopulation() {
	}

	static void populate(SandboxState state, int users, int roles, int tokens) {
		Instant now = Instant.now();
		String stamp = SandboxCredentials.timestamp(now);
		RoleSlice roleSlice = state.slice(RoleSlice.class);
		UserSlice userSlice = state.slice(UserSlice.class);
		TokenSlice tokenSlice = state.slice(TokenSlice.class);
		String orgId = state.slice(OrgSlice.class).id();
		String dba = roleSlice.named(BuiltInRoles.DATABASE_ADMINISTRATOR).id();
		List<String> custom = new ArrayList<>();
		for (int i = 1; i <= roles; i++) {
			String id = UUID.randomUUID().toString();
			String name = String.format("Custom Role %04d", i);
			roleSlice.put(new RoleSlice.StoredRole(id, name, false, new Policy(name,
					List.of("drn:astra:org:" + orgId), List.of("org-read", "db-cql"), Policy.ALLOW), stamp, null));
			custom.add(id);
		}
		for (int i = 1; i <= users; i++) {
			String role = custom.isEmpty() ? dba : custom.get(i % custom.size());
			userSlice.put(new UserSlice.StoredUser(UUID.randomUUID().toString(), String.format("user%05d@example.com", i),
					i % 5 == 0 ? "invited" : "active", List.of(role)));
		}
		for (int i = 1; i <= tokens; i++) {
			String role = custom.isEmpty() ? dba : custom.get(i % custom.size());
			String clientId = SandboxCredentials.newClientId();
			tokenSlice.put(new TokenSlice.StoredClient(clientId, SandboxCredentials.hash(SandboxCredentials.newSecret()),
					null, List.of(role), SandboxCredentials.timestamp(now.minusSeconds(i)), "token " + i, null));
		}
	}

}
