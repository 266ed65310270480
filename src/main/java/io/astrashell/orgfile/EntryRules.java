package io.astrashell.orgfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.service.RoleService;
import io.astrashell.error.AstraError;
import io.astrashell.service.UserService;

/**
 * The rules an entry of an organization file follows, on its values. {@link OrgFileReader} applies
 * them to what it reads (and names the place of a broken one); {@link OrgFileWriter} applies the
 * very same to what it would write, and leaves out, with a warning, what they refuse: so
 * {@code org export} never writes a file {@code org diff} refuses.
 */
final class EntryRules {

	private EntryRules() {
	}

	/**
	 * A rule broken: the key of the entry it is about (null: the entry as a whole), the item of that
	 * key's list (or -1), and why.
	 */
	static final class Broken extends RuntimeException {

		final String key;

		final int item;

		Broken(String key, int item, String message) {
			super(message, null, false, false);
			this.key = key;
			this.item = item;
		}

	}

	/** A custom role as the rules accept it: actions and resources trimmed, checked and given once. */
	record RoleValues(String name, String description, List<String> actions, List<String> resources) {
	}

	/** A user as the rules accept it: email and role names trimmed. */
	record UserValues(String email, List<String> roles) {
	}

	/**
	 * A custom role: a name (no control character, not a built-in role's), a description if any,
	 * at least one known action ({@code null}: the key is missing), DRN resources (null: none).
	 */
	static RoleValues role(String name, String description, List<String> actions, List<String> resources) {
		if (name == null || name.isBlank()) {
			throw new Broken(null, -1, "a role needs 'name'.");
		}
		check("name", () -> RoleService.checkText(name, null));
		if (BuiltInRoles.isBuiltIn(name)) {
			throw new Broken("name", -1, "'" + name + "' is a built-in role: built-in roles are fixed by Astra; name "
					+ "them under a user's roles, and declare only custom roles here.");
		}
		if (description != null) {
			check("description", () -> RoleService.checkText(null, description));
		}
		if (actions == null) {
			throw new Broken(null, -1, "role '" + name + "' has no 'actions': give the policy actions it grants.");
		}
		List<String> trimmedActions = values("actions", actions);
		if (trimmedActions.isEmpty()) {
			throw new Broken("actions", -1, "role '" + name + "' grants no action: give at least one.");
		}
		List<String> checkedActions = check("actions", () -> RoleService.checkActions(trimmedActions));
		List<String> trimmedResources = values("resources", resources == null ? List.of() : resources);
		List<String> checkedResources = check("resources", () -> RoleService.checkResources(trimmedResources));
		return new RoleValues(name, description, checkedActions, checkedResources);
	}

	/** A user: a valid email, and at least one role name ({@code null}: the key is missing), each once. */
	static UserValues user(String email, List<String> roles) {
		if (email == null || email.isBlank()) {
			throw new Broken(null, -1, "a user needs 'email'.");
		}
		String trimmed = email.trim();
		check("email", () -> UserService.checkEmail(trimmed));
		if (roles == null) {
			throw new Broken(null, -1, "user " + trimmed + " has no 'roles': give the roles they should hold.");
		}
		List<String> names = values("roles", roles);
		if (names.isEmpty()) {
			throw new Broken("roles", -1, "user " + trimmed
					+ " holds no role: give at least one (a user without a role cannot be invited).");
		}
		check("roles", () -> RoleService.checkRefs(names));
		return new UserValues(trimmed, names);
	}

	/** A token's role names (for the record): none blank. */
	static List<String> tokenRoles(List<String> roles) {
		return values("roles", roles);
	}

	/** What makes two roles the same role of a file (declared twice otherwise). */
	static String roleKey(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/** What makes two users the same user of a file (listed twice otherwise). */
	static String userKey(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	/** The values of a list, trimmed; none may be blank. */
	private static List<String> values(String key, List<String> values) {
		List<String> out = new ArrayList<>(values.size());
		for (int i = 0; i < values.size(); i++) {
			String v = values.get(i);
			if (v == null || v.isBlank()) {
				throw new Broken(key, i, "an empty value in '" + key + "'.");
			}
			out.add(v.trim());
		}
		return out;
	}

	private static <T> T check(String key, Supplier<T> check) {
		try {
			return check.get();
		}
		catch (AstraError e) {
			throw new Broken(key, -1, e.getMessage());
		}
	}

	private static void check(String key, Runnable check) {
		check(key, () -> {
			check.run();
			return null;
		});
	}

}
