package io.astrashell.sandbox;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.astrashell.api.model.Policy;

/**
 * The roles of the organization (the slice of {@link RolesResource}), in creation order, the built-in
 * roles first.
 */
final class RoleSlice extends SandboxSlice {

	/** A role: built in (seeded, cannot change) or custom. */
	record StoredRole(String id, String name, boolean builtIn, Policy policy, String lastUpdateDateTime,
			String lastUpdateUserId) {
	}

	/** A slice that refers to roles by id: told when one is removed, it forgets the id. */
	interface Holder {

		void forgetRole(String roleId);

	}

	private final Map<String, StoredRole> roles = new LinkedHashMap<>();

	Collection<StoredRole> all() {
		return this.roles.values();
	}

	StoredRole role(String id) {
		return id == null ? null : this.roles.get(id);
	}

	StoredRole named(String name) {
		for (StoredRole role : this.roles.values()) {
			if (role.name().equalsIgnoreCase(name)) {
				return role;
			}
		}
		return null;
	}

	void put(StoredRole role) {
		this.roles.put(role.id(), role);
		changed();
	}

	/** Removes the role, and its id from every slice of the state that holds roles ({@link Holder}). */
	void remove(SandboxState state, String id) {
		if (this.roles.remove(id) == null) {
			return;
		}
		changed();
		for (Holder holder : state.slicesOf(Holder.class)) {
			holder.forgetRole(id);
		}
	}

	/**
	 * The role ids of a request (user or token), lower case, each once: at least one, each of a role
	 * of this slice (400 otherwise).
	 */
	List<String> idsOf(List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			throw SandboxException.badRequest("at least one role is required");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String id : requested) {
			String normalized = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
			if (role(normalized) == null) {
				throw SandboxException.badRequest("invalid role id: " + id);
			}
			ids.add(normalized);
		}
		return List.copyOf(ids);
	}

	/** The ids without {@code id}, or null when they do not hold it. */
	static List<String> without(List<String> ids, String id) {
		return ids.contains(id) ? ids.stream().filter(r -> !r.equals(id)).toList() : null;
	}

}
