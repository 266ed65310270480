package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.astrashell.api.model.Policy;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.sandbox.RoleSlice.StoredRole;
import io.astrashell.sandbox.SandboxAuth.Caller;
import io.astrashell.sandbox.SandboxRequest.Body;
import io.astrashell.sandbox.SandboxRequest.ErrorForm;
import org.springframework.stereotype.Component;

/**
 * The roles of the organization: {@code /v2/organizations/roles[/{roleID}]}; its slice is the roles,
 * seeded with the 16 built-in roles ({@link SandboxSeed#BUILT_IN_ACTIONS}).
 */
@Component
final class RolesResource implements SandboxResource<RoleSlice> {

	static final String KEY = "roles";

	private static final String DRN_PREFIX = "drn:astra:org:";

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public int version() {
		return 1;
	}

	@Override
	public Class<RoleSlice> sliceType() {
		return RoleSlice.class;
	}

	@Override
	public List<Class<? extends SandboxSlice>> reads() {
		return List.of(OrgSlice.class); // a new role's default resource
	}

	@Override
	public RoleSlice seed(SandboxState state, Instant now) {
		RoleSlice roles = new RoleSlice();
		String generatedOn = SandboxCredentials.timestamp(now);
		for (Map.Entry<String, List<String>> builtIn : SandboxSeed.BUILT_IN_ACTIONS.entrySet()) {
			String name = builtIn.getKey();
			List<String> resources = name.equals("Billing Admin") ? List.of(SandboxSeed.ORG)
					: SandboxSeed.BUILT_IN_RESOURCES;
			Policy policy = new Policy(name, resources, builtIn.getValue(), Policy.ALLOW);
			roles.put(new StoredRole(UUID.randomUUID().toString(), name, true, policy, generatedOn, null));
		}
		return roles;
	}

	@Override
	public RoleSlice read(SliceJson json, int version) {
		RoleSlice roles = new RoleSlice();
		for (StoredRole role : json.listOf(StoredRole.class, "roles")) {
			if (role.id() == null || role.name() == null || role.policy() == null) {
				throw new IllegalArgumentException("a role of the sandbox state lacks its id, name or policy");
			}
			roles.put(role);
		}
		return roles;
	}

	@Override
	public Object write(RoleSlice slice) {
		return List.copyOf(slice.all());
	}

	@Override
	public SandboxResponse answer(SandboxRequest r, SandboxStore store) throws IOException {
		if (r.matches("v2", "organizations", "roles")) {
			r.errorForm = ErrorForm.JSON_STRING;
			r.allow("GET", "POST");
			return r.method.equals("GET") ? list(r, store) : create(r, store);
		}
		if (r.matches("v2", "organizations", "roles", "*")) {
			r.errorForm = ErrorForm.JSON_STRING;
			r.allow("GET", "PUT", "DELETE");
			String roleId = r.segment(3);
			return switch (r.method) {
				case "GET" -> get(r, store, roleId);
				case "PUT" -> update(r, store, roleId);
				default -> delete(r, store, roleId);
			};
		}
		return null;
	}

	private static SandboxResponse list(SandboxRequest r, SandboxStore store) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_READ);
			List<Role> roles = new ArrayList<>();
			for (StoredRole role : s.slice(RoleSlice.class).all()) {
				roles.add(new Role(role.id(), role.name(), role.policy()));
			}
			return SandboxResponse.json(200, roles);
		});
	}

	private static SandboxResponse get(SandboxRequest r, SandboxStore store, String roleId) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_READ);
			StoredRole role = existingRole(s, roleId);
			return SandboxResponse.json(200, new Role(role.id(), role.name(), role.policy()));
		});
	}

	private static SandboxResponse create(SandboxRequest r, SandboxStore store) throws IOException {
		Body<RoleRequest> body = r.body(RoleRequest.class);
		return store.transact(s -> {
			Caller caller = SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_WRITE);
			RoleRequest request = body.get();
			String name = roleName(request);
			Policy policy = policy(s, name, request.policy());
			if (s.slice(RoleSlice.class).named(name) != null) {
				throw SandboxException.conflict("role name already exists: " + name);
			}
			String now = SandboxCredentials.timestamp(Instant.now());
			StoredRole role = new StoredRole(UUID.randomUUID().toString(), name, false, policy, now, caller.userId());
			s.slice(RoleSlice.class).put(role);
			return SandboxResponse.json(201, new Role(role.id(), role.name(), role.policy(),
					s.slice(OrgSlice.class).id(), role.lastUpdateDateTime(), role.lastUpdateUserId()));
		});
	}

	private static SandboxResponse update(SandboxRequest r, SandboxStore store, String roleId) throws IOException {
		Body<RoleRequest> body = r.body(RoleRequest.class);
		return store.transact(s -> {
			Caller caller = SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_WRITE);
			StoredRole role = existingRole(s, roleId);
			if (role.builtIn()) {
				throw SandboxException.badRequest("built-in roles cannot be updated: " + role.name());
			}
			RoleRequest request = body.get();
			String name = roleName(request);
			Policy policy = policy(s, name, request.policy());
			StoredRole named = s.slice(RoleSlice.class).named(name);
			if (named != null && !named.id().equals(role.id())) {
				throw SandboxException.conflict("role name already exists: " + name);
			}
			s.slice(RoleSlice.class).put(new StoredRole(role.id(), name, false, policy,
					SandboxCredentials.timestamp(Instant.now()), caller.userId()));
			return SandboxResponse.EMPTY_200;
		});
	}

	private static SandboxResponse delete(SandboxRequest r, SandboxStore store, String roleId) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_ROLE_DELETE);
			StoredRole role = existingRole(s, roleId);
			if (role.builtIn()) {
				throw SandboxException.badRequest("built-in roles cannot be deleted: " + role.name());
			}
			s.slice(RoleSlice.class).remove(s, role.id());
			return SandboxResponse.EMPTY_204;
		});
	}

	private static StoredRole existingRole(SandboxState s, String roleId) {
		StoredRole role = s.slice(RoleSlice.class).role(roleId.toLowerCase(Locale.ROOT));
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
			resources.add(DRN_PREFIX + s.slice(OrgSlice.class).id());
		}
		String description = requested.description() == null || requested.description().isBlank() ? name
				: requested.description().trim();
		return new Policy(description, List.copyOf(resources), List.copyOf(actions), Policy.ALLOW);
	}

}
