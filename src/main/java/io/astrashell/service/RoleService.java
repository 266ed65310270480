package io.astrashell.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.astrashell.api.ApiException;
import io.astrashell.api.RolesApi;
import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.cli.FewNames;
import io.astrashell.cli.DryRun;
import io.astrashell.cli.Similarity;
import io.astrashell.error.AstraError;
import io.astrashell.session.Identity;
import org.springframework.stereotype.Service;

/**
 * Roles: listed once per command, resolved by name (case-insensitively) or id, created, changed and
 * deleted. Built-in roles cannot be changed or deleted; actions are checked against the known names
 * before any request.
 */
@Service
public final class RoleService {

	public static final String ORG_RESOURCE_PREFIX = "drn:astra:org:";

	private final ApiCalls api;

	private final OrgService orgs;

	private final ChangeListener changes;

	public RoleService(ApiCalls api, OrgService orgs, ChangeListener changes) {
		this.api = api;
		this.orgs = orgs;
		this.changes = changes;
	}

	/** The organization's roles; a missing listing is an empty one, and a null item is left out. */
	public List<Role> list(Identity identity) {
		List<Role> roles = api.call(identity, "list the roles", RolesApi::list);
		if (roles == null) {
			return List.of();
		}
		return roles.contains(null) ? roles.stream().filter(r -> r != null).toList() : roles;
	}

	/** How a message names a role: its name, else its id (the API may leave either out). */
	public static String label(Role role) {
		return role.name() != null ? role.name() : role.id() != null ? role.id() : "";
	}

	/**
	 * The id of a listed role, which a request about it needs: a role the API listed without one (missing,
	 * null or blank) cannot be acted on, and the command fails saying so (exit 100) before any change.
	 * @param what what cannot be done, e.g. "deleted"
	 */
	public static String idOf(Role role, String what) {
		if (role.id() == null || role.id().isBlank()) {
			throw new AstraError(AstraError.Kind.FAILED, "The API listed the role '" + label(role)
					+ "' without its ID: it cannot be " + what + ".");
		}
		return role.id();
	}

	/** The role named (case-insensitively) or identified by {@code ref} among {@code roles}. */
	public static Role find(String ref, List<Role> roles) {
		for (Role r : roles) {
			if (r.id() != null && r.id().equalsIgnoreCase(ref)) {
				return r;
			}
		}
		for (Role r : roles) {
			if (r.name() != null && r.name().equalsIgnoreCase(ref.trim())) {
				return r;
			}
		}
		return null;
	}

	/** Exit 5: {@code Role 'Admn' has not been found. Did you mean 'Admin User'?} */
	public static AstraError notFound(String ref, List<Role> roles) {
		List<String> names = roles.stream().map(Role::name).filter(n -> n != null).toList();
		return AstraError.notFound("Role '" + ref + "' has not been found." + Similarity.didYouMean(ref, names)
				+ (Similarity.nearest(ref, names, 1).isEmpty() ? " See 'astra role list'." : ""));
	}

	public static Role resolve(String ref, List<Role> roles) {
		Role role = find(ref, roles);
		if (role == null) {
			throw notFound(ref, roles);
		}
		return role;
	}

	/** Several roles, from one listing; a role given twice (by name or id) is an error (exit 11). */
	public static List<Role> resolveAll(List<String> refs, List<Role> roles) {
		List<Role> resolved = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String ref : refs) {
			Role role = resolve(ref, roles);
			idOf(role, "given to a user or a token");
			if (!seen.add(role.id())) {
				throw AstraError.invalidInput("Role '" + label(role) + "' is given twice; give each role once.");
			}
			resolved.add(role);
		}
		return resolved;
	}

	/** Checks the words given for roles before any request: none blank, none repeated word for word. */
	public static void checkRefs(List<String> refs) {
		Set<String> seen = new LinkedHashSet<>();
		for (String ref : refs) {
			if (ref.isBlank()) {
				throw AstraError.invalidInput("A role cannot be blank: give a role name or id.");
			}
			if (!seen.add(ref.trim().toLowerCase(Locale.ROOT))) {
				throw AstraError.invalidInput("Role '" + ref + "' is given twice; give each role once.");
			}
		}
	}

	/** The kind under which a dry run records roles ({@link DryRun}). */
	private static final String DRY_RUN_KIND = "role";

	/** A role's key in a dry run: its name trimmed, in lower case, as the API compares names. */
	private static String dryRunKey(String name) {
		return name.trim().toLowerCase(Locale.ROOT);
	}

	/** A dry run's earlier line creates this role. */
	public static void created(DryRun dryRun, String name) {
		dryRun.made(DRY_RUN_KIND, dryRunKey(name));
	}

	/** A dry run's earlier line deletes this role. */
	public static void deleted(DryRun dryRun, String name) {
		dryRun.removed(DRY_RUN_KIND, dryRunKey(name));
	}

	/**
	 * For a dry run: every role given is known (in the organization, or created by an earlier line
	 * and not deleted since). One roles listing for the whole run.
	 */
	public void checkKnown(Identity identity, List<String> refs, DryRun dryRun) {
		List<Role> roles = dryRun.remember("roles " + identity.key(), () -> list(identity));
		for (String ref : refs) {
			boolean exists = find(ref, roles) != null && !dryRun.removes(DRY_RUN_KIND, dryRunKey(ref));
			if (!exists && !dryRun.makes(DRY_RUN_KIND, dryRunKey(ref))) {
				throw notFound(ref, roles);
			}
		}
	}

	/** For a dry run: no role has this name yet (none in the organization, none created earlier). */
	public void checkNew(Identity identity, String name, DryRun dryRun) {
		List<Role> roles = dryRun.remember("roles " + identity.key(), () -> list(identity));
		boolean exists = (find(name, roles) != null && !dryRun.removes(DRY_RUN_KIND, dryRunKey(name))) || dryRun.makes(DRY_RUN_KIND, dryRunKey(name));
		if (exists) {
			throw AstraError.alreadyExists("Role '" + name + "' already exists in the organization.");
		}
	}

	/** For a dry run: the role exists and is not built in (it is to be changed or deleted). */
	public void checkChangeable(Identity identity, String ref, DryRun dryRun, String what) {
		checkKnown(identity, List.of(ref), dryRun);
		List<Role> roles = dryRun.remember("roles " + identity.key(), () -> list(identity));
		Role role = find(ref, roles);
		if (role != null) {
			refuseBuiltIn(role, what);
		}
	}

	public Role get(Identity identity, String ref) {
		return resolve(ref, list(identity));
	}

	/** Checks actions against the known names (exit 11 with the nearest names). */
	public static List<String> checkActions(List<String> actions) {
		Set<String> out = new LinkedHashSet<>();
		for (String action : actions) {
			String a = action.trim().toLowerCase(Locale.ROOT);
			if (!PolicyActions.isKnown(a)) {
				throw AstraError.invalidInput("Unknown action '" + action + "'."
						+ Similarity.didYouMean(a, PolicyActions.ALL) + " See 'astra role create --help' for the list.");
			}
			if (!out.add(a)) {
				throw AstraError.invalidInput("Action '" + a + "' is given twice; give each action once.");
			}
		}
		return List.copyOf(out);
	}

	public static List<String> checkResources(List<String> resources) {
		for (String r : resources) {
			InputChecks.noControls("The resource '" + r + "'", r);
			if (!r.startsWith(ORG_RESOURCE_PREFIX)) {
				throw AstraError.invalidInput("Invalid resource '" + r + "': a resource is a DRN such as "
						+ ORG_RESOURCE_PREFIX + "<org id>:db:<db id>.");
			}
		}
		return List.copyOf(new LinkedHashSet<>(resources));
	}

	/**
	 * Checks a role's name and description as typed (null when not given): not blank, and no control
	 * or bidirectional formatting character (exit 11).
	 */
	public static void checkText(String name, String description) {
		if (name != null) {
			if (name.isBlank()) {
				throw AstraError.invalidInput("A role needs a name.");
			}
			InputChecks.noControls("The role name '" + name + "'", name);
		}
		if (description != null) {
			InputChecks.noControls("The description '" + description + "'", description);
		}
	}

	public Role create(Identity identity, String name, List<String> actions, List<String> resources,
			String description) {
		checkText(name, description);
		List<String> checkedActions = checkActions(actions);
		List<String> checkedResources = checkResources(resources);
		if (checkedResources.isEmpty()) {
			String orgId = orgs.id(identity);
			if (orgId == null || orgId.isBlank()) {
				throw new AstraError(AstraError.Kind.FAILED, "The API did not send the "
						+ "organization's id, which the role's default resource needs: give the resources with -R.");
			}
			checkedResources = List.of(ORG_RESOURCE_PREFIX + orgId);
		}
		Policy policy = new Policy(description == null ? name : description, checkedResources, checkedActions,
				Policy.ALLOW);
		Role created = api.call(identity, "create the role", c -> {
			try {
				return RolesApi.create(c, new RoleRequest(name, policy));
			}
			catch (ApiException.Conflict e) {
				throw AstraError.alreadyExists("Role '" + name + "' already exists in the organization.");
			}
		});
		// the role as the API answered; a name it left out is the one it accepted
		Role role = created == null ? new Role(null, name, null)
				: created.name() != null ? created
						: new Role(created.id(), name, created.policy(), created.orgId(), created.lastUpdateDateTime(),
								created.lastUpdateUserId());
		if (role.id() != null) {
			changes.added(identity, role);
		}
		return role;
	}

	/** What to change in a role; null fields are kept as they are. */
	public record Change(String name, List<String> actions, List<String> resources, String description) {

		public boolean isEmpty() {
			return name == null && actions == null && resources == null && description == null;
		}

	}

	/**
	 * Changes a role: the parts given replace the old ones, the rest is sent as read. The API replaces
	 * the whole role and cannot refuse a stale update, so two updates of one role at the same moment
	 * could lose one of the changes. The shells of this machine that share the astra home take turns
	 * (the listing, the write and the read back under the lock of the endpoint's roles, {@link
	 * ApiCalls#exclusive}), so between them none is lost. Against a writer elsewhere, the role is read
	 * back after the write: when it no longer holds a part this command changed, another command wrote
	 * in between, and the command fails (exit 100: run it again) naming what was lost. An update from
	 * elsewhere landing after that read, built on what the role held before this one, overwrites this
	 * change unseen by either command: {@code help role update} says so.
	 */
	public Role update(Identity identity, String ref, Change change) {
		if (change.isEmpty()) {
			throw AstraError.missingInput("Nothing to change: give --name, --action, --resource or --description.");
		}
		checkText(change.name(), change.description());
		List<String> actions = change.actions() == null ? null : checkActions(change.actions());
		List<String> resources = change.resources() == null ? null : checkResources(change.resources());
		// from the listing to the read back, taking turns with the other shells of this machine: each one's
		// change is built on the role as the one before left it
		return api.exclusive(identity, "roles", () -> update(identity, ref, change, actions, resources));
	}

	private Role update(Identity identity, String ref, Change change, List<String> actions, List<String> resources) {
		Role role = resolve(ref, list(identity));
		refuseBuiltIn(role, "changed");
		idOf(role, "changed");
		Policy old = role.policy() == null ? new Policy(role.name(), List.of(), List.of(), Policy.ALLOW) : role.policy();
		String newName = change.name() == null ? role.name() : change.name();
		Policy policy = new Policy(change.description() == null ? old.description() : change.description(),
				resources == null ? old.resources() : resources, actions == null ? old.actions() : actions,
				Policy.ALLOW);
		api.run(identity, "change the role", c -> {
			try {
				RolesApi.update(c, role.id(), new RoleRequest(newName, policy));
			}
			catch (ApiException.Conflict e) {
				throw AstraError.alreadyExists("Role '" + newName + "' already exists in the organization.");
			}
			catch (ApiException.NotFound e) {
				throw AstraError.notFound("Role '" + ref + "' has not been found.");
			}
		});
		if (!Objects.equals(newName, role.name())) {
			changes.removed(identity, role);
			changes.added(identity, new Role(role.id(), newName, role.policy()));
		}
		Role sent = new Role(role.id(), newName, policy);
		Role after = readBack(identity, role.id());
		if (after == null) {
			return sent; // could not be read back: what was sent
		}
		if (after == GONE) {
			throw AstraError.notFound("Role '" + label(sent) + "' was deleted by another command just after this "
					+ "change was written.");
		}
		List<String> lost = lost(change, sent, after);
		if (!lost.isEmpty()) {
			throw new AstraError(AstraError.Kind.FAILED, "Role '" + label(sent) + "' was changed "
					+ "by another command at the same moment: read back, it no longer holds the " + String.join(", ", lost)
					+ " this command sent (the API replaces the whole role, the last write wins). See 'astra role get "
					+ (after.name() != null ? after.name() : role.id()) + "' and run the command again if the change "
					+ "is still wanted.");
		}
		return new Role(role.id(), after.name() == null ? newName : after.name(),
				after.policy() == null ? policy : after.policy());
	}

	/** What {@link #readBack} answers when the role is gone. */
	private static final Role GONE = new Role(null, null, null);

	/** The role as the API holds it now; {@link #GONE} if deleted, null if it could not be read. */
	private Role readBack(Identity identity, String id) {
		try {
			return api.call(identity, "read the role back", c -> {
				try {
					return RolesApi.get(c, id);
				}
				catch (ApiException.NotFound e) {
					return GONE;
				}
			});
		}
		catch (AstraError e) {
			return null; // the change was written; a failed check of it is no reason to fail the command
		}
	}

	/**
	 * The parts this command changed that the role read back no longer holds (compared as the API
	 * normalizes them: trimmed, actions in lower case, lists as sets). A part the answer leaves out is
	 * not counted: nothing says it differs.
	 */
	static List<String> lost(Change change, Role sent, Role after) {
		List<String> lost = new ArrayList<>();
		if (change.name() != null && after.name() != null && !after.name().strip().equals(sent.name().strip())) {
			lost.add("name '" + FewNames.cut(sent.name()) + "' (it is '"
					+ FewNames.cut(after.name()) + "')");
		}
		Policy now = after.policy();
		if (now != null) {
			if (change.description() != null && !change.description().isBlank() && now.description() != null
					&& !now.description().strip().equals(sent.policy().description().strip())) {
				lost.add("description");
			}
			if (change.actions() != null && !normalized(now.actions(), true).equals(normalized(sent.policy().actions(), true))) {
				lost.add("actions");
			}
			if (change.resources() != null
					&& !normalized(now.resources(), false).equals(normalized(sent.policy().resources(), false))) {
				lost.add("resources");
			}
		}
		return lost;
	}

	private static Set<String> normalized(List<String> values, boolean lowerCase) {
		Set<String> out = new LinkedHashSet<>();
		for (String v : values) {
			String t = v.strip();
			out.add(lowerCase ? t.toLowerCase(Locale.ROOT) : t);
		}
		return out;
	}

	/** Deletes a role; null when it did not exist and {@code ifExists}. */
	public Role delete(Identity identity, String ref, boolean ifExists) {
		return delete(identity, ref, ifExists, role -> {
		});
	}

	/**
	 * As {@link #delete(Connection, String, boolean)}; {@code beforeDelete} sees the role found, after
	 * every check and before the request that deletes it (it may throw to cancel).
	 */
	public Role delete(Identity identity, String ref, boolean ifExists,
			Consumer<Role> beforeDelete) {
		List<Role> roles = list(identity);
		Role role = find(ref, roles);
		if (role == null) {
			if (ifExists) {
				return null;
			}
			throw notFound(ref, roles);
		}
		refuseBuiltIn(role, "deleted");
		String id = idOf(role, "deleted");
		beforeDelete.accept(role);
		api.run(identity, "delete the role", c -> {
			try {
				RolesApi.delete(c, id);
			}
			catch (ApiException.NotFound e) {
				if (!ifExists) {
					throw AstraError.notFound("Role '" + ref + "' has not been found.");
				}
			}
		});
		changes.removed(identity, role);
		return role;
	}

	private static void refuseBuiltIn(Role role, String what) {
		if (BuiltInRoles.isBuiltIn(role.name())) {
			throw AstraError.invalidInput("Role '" + role.name() + "' is a built-in role: built-in roles cannot be "
					+ what + ". Create a custom role with 'astra role create'.");
		}
	}

}
