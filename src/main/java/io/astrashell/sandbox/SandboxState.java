package io.astrashell.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.astrashell.api.model.Policy;

/**
 * The state of one sandbox organization, as held in memory between a read of {@code state.json}
 * and the next change. Instances are only touched under the store's locks: the store hands the
 * current state to one operation at a time and writes it back when the operation changed it.
 * Entries are immutable records; a change replaces an entry and marks the state modified.
 */
final class SandboxState {

	/** The version of the state file format this code reads and writes. */
	static final int VERSION = 1;

	/** A role: built in (seeded, cannot change) or custom. */
	record StoredRole(String id, String name, boolean builtIn, Policy policy, String lastUpdateDateTime,
			String lastUpdateUserId) {
	}

	/** A member of the organization: {@code active} or {@code invited}, with role ids. */
	record StoredUser(String userId, String email, String status, List<String> roles) {

		StoredUser {
			roles = roles == null ? List.of() : List.copyOf(roles);
		}

		StoredUser withRoles(List<String> newRoles) {
			return new StoredUser(this.userId, this.email, this.status, newRoles);
		}

	}

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

	/** The JSON document of {@code state.json}. */
	record StateFile(int version, String orgId, String orgName, String adminToken, List<StoredRole> roles,
			List<StoredUser> users, List<StoredClient> clients) {

		StateFile {
			roles = roles == null ? List.of() : roles;
			users = users == null ? List.of() : users;
			clients = clients == null ? List.of() : clients;
		}

	}

	private final String orgId;

	private final String orgName;

	private final String adminToken;

	private final Map<String, StoredRole> roles = new LinkedHashMap<>();

	private final Map<String, StoredUser> users = new LinkedHashMap<>();

	private final Map<String, String> userIdsByEmail = new HashMap<>();

	private final Map<String, StoredClient> clients = new LinkedHashMap<>();

	private boolean modified;

	SandboxState(String orgId, String orgName, String adminToken) {
		this.orgId = orgId;
		this.orgName = orgName;
		this.adminToken = adminToken;
	}

	static SandboxState fromFile(StateFile file) {
		if (file.version() != VERSION) {
			throw new IllegalArgumentException("unsupported sandbox state version " + file.version());
		}
		if (file.orgId() == null || file.adminToken() == null) {
			throw new IllegalArgumentException("the sandbox state has no organization or admin token");
		}
		SandboxState state = new SandboxState(file.orgId(), file.orgName(), file.adminToken());
		for (StoredRole role : file.roles()) {
			require(role != null && role.id() != null && role.name() != null && role.policy() != null, "a role");
			state.putRole(role);
		}
		for (StoredUser user : file.users()) {
			require(user != null && user.userId() != null && user.email() != null, "a user");
			state.putUser(user);
		}
		for (StoredClient client : file.clients()) {
			require(client != null && client.clientId() != null && client.tokenHash() != null, "a token");
			state.putClient(client);
		}
		state.modified = false;
		return state;
	}

	private static void require(boolean condition, String what) {
		if (!condition) {
			throw new IllegalArgumentException(what + " of the sandbox state lacks its id, name or policy");
		}
	}

	StateFile toFile() {
		return new StateFile(VERSION, this.orgId, this.orgName, this.adminToken, new ArrayList<>(this.roles.values()),
				new ArrayList<>(this.users.values()), new ArrayList<>(this.clients.values()));
	}

	String orgId() {
		return this.orgId;
	}

	String orgName() {
		return this.orgName;
	}

	String adminToken() {
		return this.adminToken;
	}

	// ---- change tracking

	void beginOperation() {
		this.modified = false;
	}

	boolean modified() {
		return this.modified;
	}

	/** Marks the state changed without changing an entry (a new state that was never written). */
	void markModified() {
		this.modified = true;
	}

	// ---- roles

	Collection<StoredRole> roles() {
		return this.roles.values();
	}

	StoredRole role(String id) {
		return id == null ? null : this.roles.get(id);
	}

	StoredRole roleNamed(String name) {
		for (StoredRole role : this.roles.values()) {
			if (role.name().equalsIgnoreCase(name)) {
				return role;
			}
		}
		return null;
	}

	void putRole(StoredRole role) {
		this.roles.put(role.id(), role);
		this.modified = true;
	}

	/** Removes the role and takes it out of every user's and token's roles. */
	void removeRole(String id) {
		if (this.roles.remove(id) == null) {
			return;
		}
		this.modified = true;
		for (StoredUser user : List.copyOf(this.users.values())) {
			if (user.roles().contains(id)) {
				putUser(user.withRoles(user.roles().stream().filter(r -> !r.equals(id)).toList()));
			}
		}
		for (StoredClient client : List.copyOf(this.clients.values())) {
			if (client.roles().contains(id)) {
				putClient(client.withRoles(client.roles().stream().filter(r -> !r.equals(id)).toList()));
			}
		}
	}

	// ---- users

	Collection<StoredUser> users() {
		return this.users.values();
	}

	StoredUser user(String userId) {
		return userId == null ? null : this.users.get(userId);
	}

	StoredUser userByEmail(String email) {
		return user(this.userIdsByEmail.get(emailKey(email)));
	}

	void putUser(StoredUser user) {
		StoredUser previous = this.users.put(user.userId(), user);
		if (previous != null) {
			this.userIdsByEmail.remove(emailKey(previous.email()));
		}
		this.userIdsByEmail.put(emailKey(user.email()), user.userId());
		this.modified = true;
	}

	void removeUser(String userId) {
		StoredUser removed = this.users.remove(userId);
		if (removed != null) {
			this.userIdsByEmail.remove(emailKey(removed.email()));
			this.modified = true;
		}
	}

	private static String emailKey(String email) {
		return email == null ? "" : email.toLowerCase(Locale.ROOT);
	}

	// ---- tokens

	Collection<StoredClient> clients() {
		return this.clients.values();
	}

	StoredClient client(String clientId) {
		return clientId == null ? null : this.clients.get(clientId);
	}

	void putClient(StoredClient client) {
		this.clients.put(client.clientId(), client);
		this.modified = true;
	}

	void removeClient(String clientId) {
		if (this.clients.remove(clientId) != null) {
			this.modified = true;
		}
	}

}
