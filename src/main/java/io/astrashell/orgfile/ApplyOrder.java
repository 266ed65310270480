package io.astrashell.orgfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;

/**
 * Which changes of a plan must wait for which earlier ones when {@code org apply} sends several at
 * once. Every dependency points to an earlier change of the plan, so that sending in plan order, one
 * at a time, honours them all:
 * <ul>
 * <li>two changes of one user (by email) or of one role (by name, old or new, or id) never run at
 * once: each waits for the one before it;</li>
 * <li>a user change waits for the changes of every role it names or holds (a role is created, or
 * renamed, before a user is given it by name);</li>
 * <li>a role deletion waits for the changes of every user that names or holds that role (a user
 * leaves a role before it is deleted).</li>
 * </ul>
 */
final class ApplyOrder {

	private ApplyOrder() {
	}

	/** For each change of {@code changes}, the indexes of the earlier changes it waits for. */
	static int[][] dependencies(List<Plan.Change> changes) {
		int n = changes.size();
		int[][] deps = new int[n][];
		Map<String, Integer> lastOfUser = new HashMap<>();
		Map<String, Integer> lastOfRole = new HashMap<>();
		Map<String, List<Integer>> usersOfRole = new HashMap<>();
		for (int i = 0; i < n; i++) {
			Plan.Change c = changes.get(i);
			Set<Integer> on = new TreeSet<>();
			String user = userKey(c);
			if (user != null) {
				Integer before = lastOfUser.put(user, i);
				if (before != null) {
					on.add(before);
				}
				Set<String> roles = rolesOfUserChange(c);
				for (String r : roles) {
					Integer write = lastOfRole.get(r);
					if (write != null) {
						on.add(write);
					}
				}
				for (String r : roles) {
					usersOfRole.computeIfAbsent(r, k -> new ArrayList<>()).add(i);
				}
			}
			else {
				Set<String> keys = roleKeys(c);
				for (String r : keys) {
					Integer before = lastOfRole.get(r);
					if (before != null) {
						on.add(before);
					}
					if (c instanceof Plan.RemoveRole) {
						on.addAll(usersOfRole.getOrDefault(r, List.of()));
					}
				}
				for (String r : keys) {
					lastOfRole.put(r, i);
				}
			}
			deps[i] = on.stream().mapToInt(Integer::intValue).toArray();
		}
		return deps;
	}

	/** The user a change writes (its email in lower case, else its id), or null for a role change. */
	static String userKey(Plan.Change c) {
		if (c instanceof Plan.AddUser u) {
			return email(u.email(), null);
		}
		if (c instanceof Plan.SetUserRoles s) {
			return email(s.current().email(), s.current().userId());
		}
		if (c instanceof Plan.RemoveUser r) {
			return email(r.current().email(), r.current().userId());
		}
		return null;
	}

	private static String email(String email, String id) {
		return email != null ? "email:" + email.strip().toLowerCase(Locale.ROOT) : "id:" + id;
	}

	/** The keys of the role a role change writes: its name (old and new) and its id. */
	static Set<String> roleKeys(Plan.Change c) {
		Set<String> keys = new LinkedHashSet<>();
		if (c instanceof Plan.AddRole a) {
			name(keys, a.name());
		}
		else if (c instanceof Plan.ChangeRole r) {
			role(keys, r.current());
			name(keys, r.name());
		}
		else if (c instanceof Plan.RemoveRole r) {
			role(keys, r.current());
		}
		return keys;
	}

	/** The keys of the roles a user change names (the roles it gives) or finds the user holding. */
	private static Set<String> rolesOfUserChange(Plan.Change c) {
		Set<String> keys = new LinkedHashSet<>();
		if (c instanceof Plan.AddUser u) {
			u.roles().forEach(r -> name(keys, r));
		}
		else if (c instanceof Plan.SetUserRoles s) {
			s.from().forEach(r -> name(keys, r));
			s.to().forEach(r -> name(keys, r));
			held(keys, s.current());
		}
		else if (c instanceof Plan.RemoveUser r) {
			held(keys, r.current());
		}
		return keys;
	}

	private static void held(Set<String> keys, User user) {
		for (Role r : user.roles()) {
			if (r != null) {
				role(keys, r);
			}
		}
	}

	private static void role(Set<String> keys, Role r) {
		name(keys, r.name());
		if (r.id() != null) {
			keys.add("id:" + r.id());
		}
	}

	private static void name(Set<String> keys, String name) {
		if (name != null) {
			keys.add("name:" + Planner.key(name));
		}
	}

}
