package io.astrashell.sandbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The members of the organization (the slice of {@link UsersResource}), in creation order. */
final class UserSlice extends SandboxSlice implements RoleSlice.Holder {

	/** A member of the organization: {@code active} or {@code invited}, with role ids. */
	record StoredUser(String userId, String email, String status, List<String> roles) {

		StoredUser {
			roles = roles == null ? List.of() : List.copyOf(roles);
		}

		StoredUser withRoles(List<String> newRoles) {
			return new StoredUser(this.userId, this.email, this.status, newRoles);
		}

	}

	private final Map<String, StoredUser> users = new LinkedHashMap<>();

	private final Map<String, String> userIdsByEmail = new HashMap<>();

	Collection<StoredUser> all() {
		return this.users.values();
	}

	int size() {
		return this.users.size();
	}

	StoredUser user(String userId) {
		return userId == null ? null : this.users.get(userId);
	}

	StoredUser byEmail(String email) {
		return user(this.userIdsByEmail.get(emailKey(email)));
	}

	void put(StoredUser user) {
		StoredUser previous = this.users.put(user.userId(), user);
		if (previous != null) {
			this.userIdsByEmail.remove(emailKey(previous.email()));
		}
		this.userIdsByEmail.put(emailKey(user.email()), user.userId());
		changed();
	}

	void remove(String userId) {
		StoredUser removed = this.users.remove(userId);
		if (removed != null) {
			this.userIdsByEmail.remove(emailKey(removed.email()));
			changed();
		}
	}

	@Override
	public void forgetRole(String roleId) {
		for (StoredUser user : List.copyOf(this.users.values())) {
			List<String> kept = RoleSlice.without(user.roles(), roleId);
			if (kept != null) {
				put(user.withRoles(kept));
			}
		}
	}

	private static String emailKey(String email) {
		return email == null ? "" : email.toLowerCase(Locale.ROOT);
	}

}
