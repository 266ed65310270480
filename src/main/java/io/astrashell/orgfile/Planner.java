package io.astrashell.orgfile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;
import io.astrashell.cli.FewNames;
import io.astrashell.cli.Similarity;
import io.astrashell.service.RoleService;
import io.astrashell.service.UserService;

/**
 * Compares a file with the organization (one users listing, one roles listing) and makes the
 * {@link Plan}. Role names match case-insensitively, users by email case-insensitively; an invited
 * user counts as present. Nothing here sends a request.
 */
public final class Planner {

	private static final String ORG_ADMIN = BuiltInRoles.ORGANIZATION_ADMINISTRATOR.toLowerCase(Locale.ROOT);

	private Planner() {
	}

	public static Plan plan(OrgFile file, OrganizationUsers listing, List<Role> orgRoles, boolean prune) {
		String orgId = listing.orgId();
		List<User> orgUsers = listing.users();
		Map<String, Role> customByName = new HashMap<>();
		Map<String, Role> byName = new HashMap<>();
		Map<String, Role> byId = new HashMap<>();
		for (Role r : orgRoles) {
			if (r.name() == null) {
				continue;
			}
			byName.put(key(r.name()), r);
			if (r.id() != null) {
				byId.put(r.id().toLowerCase(Locale.ROOT), r);
			}
			if (!BuiltInRoles.isBuiltIn(r.name())) {
				customByName.put(key(r.name()), r);
			}
		}
		List<Plan.Change> changes = new ArrayList<>();
		List<String> notes = new ArrayList<>();

		// 1. custom roles
		Map<String, String> declared = new HashMap<>(); // key -> the name as the file writes it
		if (file.roles() != null) {
			for (OrgFile.RoleEntry entry : file.roles()) {
				declared.put(key(entry.name()), entry.name());
				// the default resource is the organization; without its id, none (apply refuses to send that)
				List<String> resources = !entry.resources().isEmpty() ? entry.resources()
						: orgId == null || orgId.isBlank() ? List.of() : List.of(RoleService.ORG_RESOURCE_PREFIX + orgId);
				Role current = customByName.get(key(entry.name()));
				if (current == null) {
					String description = entry.description() != null ? entry.description() : entry.name();
					changes.add(new Plan.AddRole(entry.name(), new Policy(description, resources, entry.actions(), Policy.ALLOW)));
					continue;
				}
				Policy now = current.policy() != null ? current.policy() : new Policy(null, List.of(), List.of(), Policy.ALLOW);
				List<String> details = new ArrayList<>();
				if (!entry.name().equals(current.name())) {
					details.add("name " + Plan.quote(current.name()) + " -> " + Plan.quote(entry.name()));
				}
				String description = entry.description() != null ? entry.description() : now.description();
				if (entry.description() != null && !entry.description().equals(now.description())) {
					details.add("description " + (now.description() == null ? "(none)" : Plan.quote(now.description()))
							+ " -> " + Plan.quote(entry.description()));
				}
				setDifference("actions", lower(now.actions()), lower(entry.actions()), details);
				setDifference("resources", new LinkedHashSet<>(now.resources()), new LinkedHashSet<>(resources), details);
				if (!details.isEmpty()) {
					changes.add(new Plan.ChangeRole(current, entry.name(),
							new Policy(description, resources, entry.actions(), Policy.ALLOW), details));
				}
			}
		}

		// 2. users: the roles each should hold, as canonical names
		Map<String, User> usersByEmail = new HashMap<>();
		for (User u : orgUsers) {
			if (u.email() != null) {
				usersByEmail.put(key(u.email()), u);
			}
		}
		Map<String, List<String>> after = new HashMap<>(); // email key -> role names after the apply
		for (User u : orgUsers) {
			if (u.email() != null) {
				after.put(key(u.email()), names(u.roles()));
			}
		}
		if (file.users() != null) {
			for (OrgFile.UserEntry entry : file.users()) {
				List<String> wanted = new ArrayList<>();
				for (String ref : entry.roles()) {
					wanted.add(resolve(ref, entry, byName, byId, declared));
				}
				User current = usersByEmail.get(key(entry.email()));
				if (current == null) {
					changes.add(new Plan.AddUser(entry.email(), wanted));
				}
				else {
					List<String> now = names(current.roles());
					if (!lower(now).equals(lower(wanted))) {
						changes.add(new Plan.SetUserRoles(current, now, wanted));
					}
				}
				after.put(key(entry.email()), wanted);
			}
		}

		// 3. prune: users absent from the file, then custom roles absent from it that nobody holds
		Set<String> removedUsers = new HashSet<>();
		if (prune && file.users() != null) {
			Set<String> listed = new HashSet<>();
			file.users().forEach(u -> listed.add(key(u.email())));
			for (User u : sorted(orgUsers)) {
				if (u.email() != null && !listed.contains(key(u.email()))) {
					changes.add(new Plan.RemoveUser(u));
					removedUsers.add(key(u.email()));
					after.remove(key(u.email()));
				}
			}
		}
		if (prune && file.roles() != null) {
			for (Role r : sortedRoles(customByName.values())) {
				if (declared.containsKey(key(r.name()))) {
					continue;
				}
				List<String> holders = after.entrySet().stream()
					.filter(e -> lower(e.getValue()).contains(key(r.name())))
					.map(Map.Entry::getKey)
					.sorted()
					.toList();
				if (holders.isEmpty()) {
					changes.add(new Plan.RemoveRole(r));
				}
				else {
					notes.add("role " + Plan.quote(r.name()) + " is not in " + file.path() + " but is kept: "
							+ holders.get(0) + (holders.size() > 1 ? " and " + (holders.size() - 1) + " more" : "")
							+ " still hold it");
				}
			}
		}
		if (prune && (file.users() == null || file.roles() == null)) {
			notes.add("--prune removes only what the file lists: it has no " + (file.users() == null ? "'users:'" : "'roles:'")
					+ ", so " + (file.users() == null ? "users" : "custom roles") + " are left as they are");
		}
		if (!file.tokens().isEmpty()) {
			notes.add("the tokens in " + file.path() + " are for the record: apply leaves tokens as they are");
		}

		// the last active Organization Administrator: the plan takes the role from (or removes) every user who
		// may be one, and leaves nobody who certainly is one (UserService: a status other than invited counts
		// as possibly active)
		Set<String> touched = new HashSet<>();
		for (Plan.Change c : changes) {
			if (c instanceof Plan.SetUserRoles set) {
				touched.add(key(set.current().email()));
			}
			else if (c instanceof Plan.RemoveUser removed) {
				touched.add(key(removed.current().email()));
			}
		}
		List<String> losing = new ArrayList<>();
		boolean remains = false;
		for (User u : orgUsers) {
			if (u.email() == null || !touched.contains(key(u.email()))) {
				remains |= UserService.isActiveAdmin(u, orgRoles); // keeps what it holds
				continue;
			}
			List<String> roles = after.get(key(u.email()));
			boolean keeps = roles != null && lower(roles).contains(ORG_ADMIN);
			if (keeps) {
				remains |= UserService.isActiveAdmin(u, orgRoles);
			}
			else if (UserService.mayBeActiveAdmin(u, orgRoles)) {
				losing.add(u.email() + UserService.unsure(u, orgRoles));
			}
		}
		String guard = null;
		if (!losing.isEmpty() && !remains) {
			guard = "it would leave no active Organization Administrator (" + FewNames.join(", ", losing)
					+ (losing.size() == 1 ? " is the only one" : " are the only ones")
					+ "): the token of this session may be theirs, and nobody could manage the organization's users, "
					+ "roles and tokens any more";
		}
		// in the order apply runs them: roles created, roles changed, users invited, users' roles set, then
		// (with --prune) users removed and roles deleted
		List<Class<?>> order = List.of(Plan.AddRole.class, Plan.ChangeRole.class, Plan.AddUser.class,
				Plan.SetUserRoles.class, Plan.RemoveUser.class, Plan.RemoveRole.class);
		List<Plan.Change> ordered = new ArrayList<>(changes);
		ordered.sort(Comparator.comparingInt(c -> order.indexOf(c.getClass())));
		return new Plan(orgId, listing.orgName(), List.copyOf(ordered), List.copyOf(notes), guard);
	}

	/** A user's role, as its canonical name: built-in, in the organization, or declared in the file. */
	private static String resolve(String ref, OrgFile.UserEntry entry, Map<String, Role> byName, Map<String, Role> byId,
			Map<String, String> declared) {
		String k = key(ref);
		if (declared.containsKey(k)) {
			return declared.get(k);
		}
		Role r = byName.get(k);
		if (r == null) {
			r = byId.get(k);
		}
		if (r != null) {
			return r.name();
		}
		for (String builtIn : BuiltInRoles.NAMES) {
			if (builtIn.equalsIgnoreCase(ref.trim())) {
				return builtIn;
			}
		}
		List<String> known = new ArrayList<>(declared.values());
		byName.values().forEach(x -> known.add(x.name()));
		throw new OrgFile.Invalid(entry.at(), "user " + entry.email() + ": role '" + ref + "' is neither built-in, declared "
				+ "under 'roles:', nor in the organization." + Similarity.didYouMean(ref, known));
	}

	private static void setDifference(String what, Set<String> now, Set<String> wanted, List<String> details) {
		List<String> added = wanted.stream().filter(x -> !now.contains(x)).toList();
		List<String> removed = now.stream().filter(x -> !wanted.contains(x)).toList();
		if (added.isEmpty() && removed.isEmpty()) {
			return;
		}
		StringBuilder b = new StringBuilder(what);
		if (!added.isEmpty()) {
			b.append(" + ").append(String.join(", ", added));
		}
		if (!removed.isEmpty()) {
			b.append(added.isEmpty() ? " - " : ", - ").append(String.join(", ", removed));
		}
		details.add(b.toString());
	}

	private static List<String> names(List<Role> roles) {
		List<String> out = new ArrayList<>();
		for (Role r : roles) {
			if (r != null && r.name() != null) {
				out.add(r.name());
			}
		}
		return out;
	}

	/** The values trimmed and in lower case, as a set (role names, actions). */
	static Set<String> lower(List<String> values) {
		Set<String> out = new TreeSet<>();
		for (String v : values) {
			out.add(key(v));
		}
		return out;
	}

	private static List<User> sorted(List<User> users) {
		return users.stream()
			.filter(u -> u.email() != null)
			.sorted(Comparator.comparing(u -> key(u.email())))
			.toList();
	}

	private static List<Role> sortedRoles(Collection<Role> roles) {
		return roles.stream().sorted(Comparator.comparing(r -> key(r.name()))).toList();
	}

	static String key(String s) {
		return s.trim().toLowerCase(Locale.ROOT);
	}

}
