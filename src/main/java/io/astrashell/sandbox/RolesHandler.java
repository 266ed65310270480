package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.astrashell.api.model.Policy;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.sandbox.SandboxAuth.Caller;
import io.astrashell.sandbox.SandboxRequest.Body;
import io.astrashell.sandbox.SandboxState.StoredRole;

/** The roles of the organization: {@code /v2/organizations/roles[/{roleID}]}. */
final class RolesHandler {

	private static final String DRN_PREFIX = "drn:astra:org:";

	private final SandboxStore store;

	RolesHandler(SandboxStore store) {
		this.store = store;
	}

	SandboxResponse list(SandboxRequest r) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_READ);
			List<Role> roles = new ArrayList<>(s.roles().size());
			for (StoredRole role : s.roles()) {
				roles.add(new Role(role.id(), role.name(), role.policy()));
			}
			return SandboxResponse.json(200, roles);
		});
	}

	SandboxResponse get(SandboxRequest r, String roleId) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_READ);
			StoredRole role = existingRole(s, roleId);
			return SandboxResponse.json(200, new Role(role.id(), role.name(), role.policy()));
		});
	}

	SandboxResponse create(SandboxRequest r) throws IOException {
		Body<RoleRequest> body = r.body(RoleRequest.class);
		return this.store.transact(s -> {
			Caller caller = SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_WRITE);
			RoleRequest request = body.get();
			String name = roleName(request);
			Policy policy = policy(s, name, request.policy());
			if (s.roleNamed(name) != null) {
				throw SandboxException.conflict("role name already exists: " + name);
			}
			String now = SandboxCredentials.timestamp(Instant.now());
			StoredRole role = new StoredRole(UUID.randomUUID().toString(), name, false, policy, now, caller.userId());
			s.putRole(role);
			return SandboxResponse.json(201, new Role(role.id(), role.name(), role.policy(), s.orgId(),
					role.lastUpdateDateTime(), role.lastUpdateUserId()));
		});
	}

	SandboxResponse update(SandboxRequest r, String roleId) throws IOException {
		Body<RoleRequest> body = r.body(RoleRequest.class);
		return this.store.transact(s -> {
			Caller caller = SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_WRITE);
			StoredRole role = existingRole(s, roleId);
			if (role.builtIn()) {
				throw SandboxException.badRequest("built-in roles cannot be updated: " + role.name());
			}
			RoleRequest request = body.get();
			String name = roleName(request);
			Policy policy = policy(s, name, request.policy());
			StoredRole named = s.roleNamed(name);
			if (named != null && !named.id().equals(role.id())) {
				throw SandboxException.conflict("role name already exists: " + name);
			}
			s.putRole(new StoredRole(role.id(), name, false, policy, SandboxCredentials.timestamp(Instant.now()),
					caller.userId()));
			return SandboxResponse.EMPTY_200;
		});
	}

	SandboxResponse delete(SandboxRequest r, String roleId) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_DELETE);
			StoredRole role = existingRole(s, roleId);
			if (role.builtIn()) {
				throw SandboxException.badRequest("built-in roles cannot be deleted: " + role.name());
			}
			s.removeRole(role.id());
			return SandboxResponse.EMPTY_204;
		});
	}

	/** The role ids of a request (user or token): at least one, each of an existing role (400 otherwise). */
	static List<String> roleIds(SandboxState s, List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			throw SandboxException.badRequest("at least one role is required");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String id : requested) {
			String normalized = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
			if (s.role(normalized) == null) {
				throw SandboxException.badRequest("invalid role id: " + id);
			}
			ids.add(normalized);
		}
		return List.copyOf(ids);
	}

	private static StoredRole existingRole(SandboxState s, String roleId) {
		StoredRole role = s.role(roleId.toLowerCase(Locale.ROOT));
		if (role == null) {
			throw SandboxException.notFound("role not found");
		}
		return role;
	}

	private static String roleName(RoleRequest request) {
		String name = request.name() == null ? "" : request.name().trim();
		if (name.isEmpty()) {
			throw SandboxException.badRequest("role name is required");
		}
		return name;
	}

	/**
	 * The policy of a role request: actions required and known, effect {@code allow} (the default),
	 * resources DRNs of the organization (the organization itself by default), description the role
	 * name by default.
	 */
	private static Policy policy(SandboxState s, String name, Policy requested) {
		if (requested == null) {
			throw SandboxException.badRequest("policy is required");
		}
		if (requested.actions().isEmpty()) {
			throw SandboxException.badRequest("at least one action is required");
		}
		Set<String> actions = new LinkedHashSet<>();
		for (String action : requested.actions()) {
			if (!PolicyActions.isKnown(action == null ? null : action.trim())) {
				throw SandboxException.badRequest("invalid action: " + action);
			}
			actions.add(action.trim().toLowerCase(Locale.ROOT));
		}
		String effect = requested.effect() == null ? "" : requested.effect().trim();
		if (effect.isEmpty()) {
			effect = Policy.ALLOW;
		}
		else if (!effect.equalsIgnoreCase(Policy.ALLOW)) {
			throw SandboxException.badRequest("invalid effect: " + requested.effect() + " (only allow is supported)");
		}
		Set<String> resources = new LinkedHashSet<>();
		for (String resource : requested.resources()) {
			String trimmed = resource == null ? "" : resource.trim();
			if (!trimmed.startsWith(DRN_PREFIX) || trimmed.length() == DRN_PREFIX.length()) {
				throw SandboxException.badRequest("invalid resource: " + resource);
			}
			resources.add(trimmed);
		}
		if (resources.isEmpty()) {
			resources.add(DRN_PREFIX + s.orgId());
		}
		String description = requested.description() == null || requested.description().isBlank() ? name
				: requested.description().trim();
		return new Policy(description, List.copyOf(resources), List.copyOf(actions), Policy.ALLOW);
	}

}
