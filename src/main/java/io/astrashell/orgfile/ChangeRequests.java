package io.astrashell.orgfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import io.astrashell.api.ApiException;
import io.astrashell.api.DevOpsClient;
import io.astrashell.api.RolesApi;
import io.astrashell.api.UsersApi;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;
import io.astrashell.error.AstraError;
import io.astrashell.service.ApiCalls;
import io.astrashell.service.ChangeListener;
import io.astrashell.session.Identity;

/**
 * The requests of each change of an {@code org apply}, for one organization: sending a change, and
 * reading back whether one sent without an answer landed. Called from the threads that send the
 * changes at once: the role ids by name ({@code ids}, learnt as roles are created) are a concurrent map.
 */
final class ChangeRequests {

	private final ApiCalls api;

	private final ChangeListener changes;

	private final Identity identity;

	private final Map<String, String> ids;

	private final String orgId;

	ChangeRequests(ApiCalls api, ChangeListener changes, Identity identity, Map<String, String> ids, String orgId) {
		this.api = api;
		this.changes = changes;
		this.identity = identity;
		this.ids = ids;
		this.orgId = orgId;
	}

	/** A call of a change: a throttled answer comes back at once, since the apply paces its own retries. */
	private <T> T call(String what, Function<DevOpsClient, T> call) {
		return api.call(identity, what, c -> call.apply(c.paced()));
	}

	private void run(String what, Consumer<DevOpsClient> call) {
		call(what, c -> {
			call.accept(c);
			return null;
		});
	}

	/** The listener is told from the threads that send the changes, one at a time. */
	private void added(Object record) {
		synchronized (changes) {
			changes.added(identity, record);
		}
	}

	private void removed(Object record) {
		synchronized (changes) {
			changes.removed(identity, record);
		}
	}

	void send(Plan.Change change) {
		if (change instanceof Plan.AddRole a) {
			Role created = call("create the role '" + a.name() + "'",
					c -> RolesApi.create(c, new RoleRequest(a.name(), a.policy())));
			if (created == null || created.id() == null) {
				throw AstraError.failed("The API created role '" + a.name()
						+ "' without sending its id: run apply again to go on.");
			}
			ids.put(Planner.key(a.name()), created.id());
			added(new Role(created.id(), a.name(), a.policy()));
		}
		else if (change instanceof Plan.ChangeRole r) {
			// the plan's change replaces the whole role: taking turns with the other shells of this machine,
			// it is sent only if the role still holds what the plan was made from
			api.exclusive(identity, "roles", () -> {
				Role now = call("read the role '" + r.current().name() + "'", c -> {
					try {
						return RolesApi.get(c, r.current().id());
					}
					catch (ApiException.NotFound e) {
						throw AstraError.notFound("Role " + Plan.quote(r.current().name()) + " was deleted by "
								+ "another command after the plan was made.");
					}
				});
				if (now != null && !same(now, r.current())) {
					throw AstraError.failed("Role " + Plan.quote(r.current().name()) + " was changed by another "
							+ "command after the plan was made: not updated, so that its change is not undone. Run the "
							+ "apply again: it plans from what the role holds now.");
				}
				run("update the role '" + r.current().name() + "'",
						c -> RolesApi.update(c, r.current().id(), new RoleRequest(r.name(), r.policy())));
				return null;
			});
			ids.remove(Planner.key(r.current().name()));
			ids.put(Planner.key(r.name()), r.current().id());
		}
		else if (change instanceof Plan.AddUser u) {
			List<String> roleIds = ids(u.roles());
			run("invite " + u.email(), c -> UsersApi.invite(c, new InviteUserRequest(u.email(), orgId, roleIds)));
			added(new User(null, u.email(), "invited", List.of()));
		}
		else if (change instanceof Plan.SetUserRoles s) {
			List<String> roleIds = ids(s.to());
			run("set the roles of " + s.current().email(),
					c -> UsersApi.setRoles(c, s.current().userId(), new UserRolesRequest(roleIds)));
		}
		else if (change instanceof Plan.RemoveUser u) {
			run("remove " + u.current().email(), c -> UsersApi.delete(c, u.current().userId()));
			removed(u.current());
		}
		else if (change instanceof Plan.RemoveRole r) {
			run("delete the role '" + r.current().name() + "'", c -> RolesApi.delete(c, r.current().id()));
			removed(r.current());
		}
	}

	/**
	 * Whether {@code change}, sent without an answer (it may or may not have reached the server), has
	 * landed: read back from the API (the users listing, or the role). A role created so has its id
	 * learnt, as its creation's answer would have given it.
	 */
	boolean landed(Plan.Change change) {
		if (change instanceof Plan.AddRole a) {
			List<Role> roles = call("list the roles", RolesApi::list);
			for (Role r : roles == null ? List.<Role>of() : roles) {
				if (r != null && r.name() != null && r.id() != null && Planner.key(r.name()).equals(Planner.key(a.name()))) {
					ids.put(Planner.key(a.name()), r.id());
					added(new Role(r.id(), a.name(), a.policy()));
					return true;
				}
			}
			return false;
		}
		if (change instanceof Plan.ChangeRole r) {
			Role now = role(r.current());
			if (now == null || !same(now, new Role(r.current().id(), r.name(), r.policy()))) {
				return false;
			}
			ids.remove(Planner.key(r.current().name()));
			ids.put(Planner.key(r.name()), r.current().id());
			return true;
		}
		if (change instanceof Plan.RemoveRole r) {
			return role(r.current()) == null;
		}
		if (change instanceof Plan.AddUser u) {
			OrganizationUsers users = call("list the users", UsersApi::list);
			return users != null && users.users().stream()
				.anyMatch(x -> x != null && x.email() != null && x.email().strip().equalsIgnoreCase(u.email().strip()));
		}
		if (change instanceof Plan.SetUserRoles s) {
			User now = user(s.current());
			if (now == null) {
				return false;
			}
			Set<String> held = new HashSet<>();
			now.roles().forEach(x -> held.add(x.id()));
			return held.equals(new HashSet<>(ids(s.to())));
		}
		if (change instanceof Plan.RemoveUser u) {
			return user(u.current()) == null;
		}
		return false;
	}

	/** The role as the API holds it now, or null when it is gone. */
	private Role role(Role of) {
		return call("read the role '" + of.name() + "'", c -> {
			try {
				return RolesApi.get(c, of.id());
			}
			catch (ApiException.NotFound e) {
				return null;
			}
		});
	}

	/** The user as the API holds it now, or null when it is gone. */
	private User user(User of) {
		return call("read the user " + of.email(), c -> {
			try {
				return UsersApi.get(c, of.userId());
			}
			catch (ApiException.NotFound e) {
				return null;
			}
		});
	}

	/**
	 * Whether the role read {@code now} still holds what the plan read ({@code planned}), compared as the
	 * API normalizes them; a part the new read leaves out is not counted: nothing says it differs.
	 */
	static boolean same(Role now, Role planned) {
		if (now.name() != null && !Objects.equals(strip(now.name()), strip(planned.name()))) {
			return false;
		}
		if (now.policy() == null) {
			return true;
		}
		Policy p = now.policy();
		Policy q = planned.policy() == null ? new Policy(null, List.of(), List.of(), null) : planned.policy();
		return Objects.equals(strip(p.description()), strip(q.description()))
				&& Planner.lower(p.actions()).equals(Planner.lower(q.actions()))
				&& Set.copyOf(p.resources().stream().map(String::strip).toList())
					.equals(Set.copyOf(q.resources().stream().map(String::strip).toList()));
	}

	private static String strip(String s) {
		return s == null ? null : s.strip();
	}

	private List<String> ids(List<String> names) {
		List<String> out = new ArrayList<>();
		for (String name : names) {
			String id = ids.get(Planner.key(name));
			if (id == null) {
				throw AstraError.failed("Role '" + name + "' has no known id: run apply again.");
			}
			out.add(id);
		}
		return out;
	}

}
