package io.astrashell.sandbox;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application tokens of the organization (the slice of {@link TokensResource}), in creation order,
 * and the seeded administrator token.
 */
final class TokenSlice extends SandboxSlice implements RoleSlice.Holder {

	/**
	 * An application token. Only the hex SHA-256 of its secret is kept (which is also the last part of
	 * the token); {@code userId} is the user it acts for (reported as {@code LastUpdateUserID}).
	 */
	record StoredClient(String clientId, String tokenHash, String userId, List<String> roles, String generatedOn,
			String description, String tokenExpiry) {

		StoredClient {
			roles = roles == null ? List.of() : List.copyOf(roles);
		}

		StoredClient withRoles(List<String> newRoles) {
			return new StoredClient(this.clientId, this.tokenHash, this.userId, newRoles, this.generatedOn,
					this.description, this.tokenExpiry);
		}

	}

	/** Its form in {@code state.json}. */
	record Stored(String adminToken, List<StoredClient> clients) {
	}

	private final String adminToken;

	private final Map<String, StoredClient> clients = new LinkedHashMap<>();

	TokenSlice(String adminToken) {
		this.adminToken = adminToken;
	}

	/** The seeded Organization Administrator token ({@code AstraCS:...}). */
	String adminToken() {
		return this.adminToken;
	}

	Collection<StoredClient> all() {
		return this.clients.values();
	}

	StoredClient client(String clientId) {
		return clientId == null ? null : this.clients.get(clientId);
	}

	void put(StoredClient client) {
		this.clients.put(client.clientId(), client);
		changed();
	}

	void remove(String clientId) {
		if (this.clients.remove(clientId) != null) {
			changed();
		}
	}

	@Override
	public void forgetRole(String roleId) {
		for (StoredClient client : List.copyOf(this.clients.values())) {
			List<String> kept = RoleSlice.without(client.roles(), roleId);
			if (kept != null) {
				put(client.withRoles(kept));
			}
		}
	}

}
