package io.astrashell.orgfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.api.model.Policy;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;

/**
 * What {@code org apply} would do to make the organization match a file, one change a line, in the
 * order it runs them: custom roles created and changed, users invited and their roles set, then (with
 * {@code --prune} alone) users removed and roles deleted. {@code notes} say what was left alone and
 * why; {@code guard} is why applying needs {@code --force}, or null.
 */
public record Plan(String orgId, String orgName, List<Change> changes, List<String> notes, String guard) {

	public boolean inSync() {
		return changes.isEmpty();
	}

	/** One change: its line in the plan ({@code + role "X" (a, b)}), and the same as data for {@code -o json}. */
	public sealed interface Change {

		/** {@code +}, {@code ~} or {@code -}. */
		char sign();

		String line();

		Map<String, Object> data();

	}

	/** A custom role to create. */
	public record AddRole(String name, Policy policy) implements Change {

		@Override
		public char sign() {
			return '+';
		}

		@Override
		public String line() {
			return "+ role " + quote(name) + " (" + String.join(", ", policy.actions()) + ")";
		}

		@Override
		public Map<String, Object> data() {
			return fields("change", "add", "kind", "role", "name", name, "actions", policy.actions(), "resources",
					policy.resources(), "description", policy.description());
		}

	}

	/** A custom role whose name, description, actions or resources change. */
	public record ChangeRole(Role current, String name, Policy policy, List<String> details) implements Change {

		@Override
		public char sign() {
			return '~';
		}

		@Override
		public String line() {
			return "~ role " + quote(current.name()) + ": " + String.join("; ", details);
		}

		@Override
		public Map<String, Object> data() {
			return fields("change", "change", "kind", "role", "name", current.name(), "id", current.id(), "newName", name,
					"actions", policy.actions(), "resources", policy.resources(), "description", policy.description(),
					"details", details);
		}

	}

	/** A user to invite with these roles (names). */
	public record AddUser(String email, List<String> roles) implements Change {

		@Override
		public char sign() {
			return '+';
		}

		@Override
		public String line() {
			return "+ user " + email + " [" + String.join(", ", roles) + "]";
		}

		@Override
		public Map<String, Object> data() {
			return fields("change", "add", "kind", "user", "email", email, "roles", roles);
		}

	}

	/** A user whose roles are set to {@code to} (names). */
	public record SetUserRoles(User current, List<String> from, List<String> to) implements Change {

		@Override
		public char sign() {
			return '~';
		}

		@Override
		public String line() {
			return "~ user " + current.email() + ": roles [" + String.join(", ", from) + "] -> [" + String.join(", ", to)
					+ "]";
		}

		@Override
		public Map<String, Object> data() {
			return fields("change", "change", "kind", "user", "email", current.email(), "id", current.userId(), "from",
					from, "to", to);
		}

	}

	/** A user to remove (with {@code --prune}). */
	public record RemoveUser(User current) implements Change {

		@Override
		public char sign() {
			return '-';
		}

		@Override
		public String line() {
			return "- user " + current.email();
		}

		@Override
		public Map<String, Object> data() {
			return fields("change", "remove", "kind", "user", "email", current.email(), "id", current.userId());
		}

	}

	/** A custom role to delete (with {@code --prune}, once no user holds it). */
	public record RemoveRole(Role current) implements Change {

		@Override
		public char sign() {
			return '-';
		}

		@Override
		public String line() {
			return "- role " + quote(current.name());
		}

		@Override
		public Map<String, Object> data() {
			return fields("change", "remove", "kind", "role", "name", current.name(), "id", current.id());
		}

	}

	/** The plan as data for {@code -o json}. */
	public Map<String, Object> data() {
		List<Map<String, Object>> list = new ArrayList<>();
		changes.forEach(c -> list.add(c.data()));
		return fields("organization", fields("id", orgId, "name", orgName), "inSync", inSync(), "changes", list, "notes",
				notes, "needsForce", guard);
	}

	static String quote(String name) {
		return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	static Map<String, Object> fields(Object... keysAndValues) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			m.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return m;
	}

}
