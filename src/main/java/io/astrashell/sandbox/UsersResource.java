package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.EmailAddress;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;
import io.astrashell.sandbox.RoleSlice.StoredRole;
import io.astrashell.sandbox.SandboxRequest.Body;
import io.astrashell.sandbox.UserSlice.StoredUser;
import org.springframework.stereotype.Component;

/**
 * The users of the organization: {@code /v2/organizations/users[/{userID}[/roles]]}; its slice is the
 * members, seeded with the active administrator {@value #ADMIN_EMAIL} (Organization Administrator).
 */
@Component
final class UsersResource implements SandboxResource<UserSlice> {

	static final String KEY = "users";

	static final String ADMIN_EMAIL = "admin@sandbox.local";

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public int version() {
		return 1;
	}

	@Override
	public Class<UserSlice> sliceType() {
		return UserSlice.class;
	}

	@Override
	public List<Class<? extends SandboxSlice>> reads() {
		return List.of(OrgSlice.class, RoleSlice.class);
	}

	@Override
	public UserSlice seed(SandboxState state, Instant now) {
		UserSlice users = new UserSlice();
		StoredRole admin = state.slice(RoleSlice.class).named(BuiltInRoles.ORGANIZATION_ADMINISTRATOR);
		users.put(new StoredUser(UUID.randomUUID().toString(), ADMIN_EMAIL, "active",
				admin == null ? List.of() : List.of(admin.id())));
		return users;
	}

	@Override
	public UserSlice read(SliceJson json, int version) {
		UserSlice users = new UserSlice();
		for (StoredUser user : json.listOf(StoredUser.class, "users")) {
			if (user.userId() == null || user.email() == null) {
				throw new IllegalArgumentException("a user of the sandbox state lacks its id or email");
			}
			users.put(user);
		}
		return users;
	}

	@Override
	public Object write(UserSlice slice) {
		return List.copyOf(slice.all());
	}

	@Override
	public SandboxResponse answer(SandboxRequest r, SandboxStore store) throws IOException {
		if (r.matches("v2", "organizations", "users")) {
			r.allow("GET", "PUT");
			return r.method.equals("GET") ? list(r, store) : invite(r, store);
		}
		if (r.matches("v2", "organizations", "users", "*")) {
			r.allow("GET", "DELETE");
			return r.method.equals("GET") ? get(r, store, r.segment(3)) : delete(r, store, r.segment(3));
		}
		if (r.matches("v2", "organizations", "users", "*", "roles")) {
			r.allow("PUT");
			return setRoles(r, store, r.segment(3));
		}
		return null;
	}

	private static SandboxResponse list(SandboxRequest r, SandboxStore store) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_READ);
			UserSlice slice = s.slice(UserSlice.class);
			List<User> users = new ArrayList<>(slice.size());
			for (StoredUser user : slice.all()) {
				users.add(toWire(s, user));
			}
			OrgSlice org = s.slice(OrgSlice.class);
			return SandboxResponse.json(200, new OrganizationUsers(org.id(), org.name(), users));
		});
	}

	private static SandboxResponse get(SandboxRequest r, SandboxStore store, String userId) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_READ);
			return SandboxResponse.json(200, toWire(s, existingUser(s, userId)));
		});
	}

	private static SandboxResponse invite(SandboxRequest r, SandboxStore store) throws IOException {
		Body<InviteUserRequest> body = r.body(InviteUserRequest.class);
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_WRITE);
			InviteUserRequest invite = body.get();
			String email = invite.email() == null ? "" : invite.email().trim();
			if (!EmailAddress.isValid(email)) {
				throw SandboxException.badRequest("invalid email address: '" + email + "'");
			}
			if (invite.orgId() != null && !invite.orgId().isBlank()
					&& !invite.orgId().trim().equalsIgnoreCase(s.slice(OrgSlice.class).id())) {
				throw SandboxException.badRequest("orgID " + invite.orgId() + " is not the organization of the token");
			}
			List<String> roles = s.slice(RoleSlice.class).idsOf(invite.roles());
			UserSlice users = s.slice(UserSlice.class);
			StoredUser existing = users.byEmail(email);
			if (existing == null) {
				users.put(new StoredUser(UUID.randomUUID().toString(), email, "invited", roles));
			}
			else if ("active".equals(existing.status())) {
				throw SandboxException.conflict("user " + existing.email() + " is already a member of the organization");
			}
			else {
				users.put(existing.withRoles(roles));
			}
			return SandboxResponse.EMPTY_200;
		});
	}

	private static SandboxResponse delete(SandboxRequest r, SandboxStore store, String userId) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_WRITE);
			s.slice(UserSlice.class).remove(existingUser(s, userId).userId());
			return SandboxResponse.EMPTY_204;
		});
	}

	private static SandboxResponse setRoles(SandboxRequest r, SandboxStore store, String userId) throws IOException {
		Body<UserRolesRequest> body = r.body(UserRolesRequest.class);
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_WRITE);
			StoredUser user = existingUser(s, userId);
			s.slice(UserSlice.class).put(user.withRoles(s.slice(RoleSlice.class).idsOf(body.get().roles())));
			return SandboxResponse.EMPTY_204;
		});
	}

	private static StoredUser existingUser(SandboxState s, String userId) {
		StoredUser user = s.slice(UserSlice.class).user(userId.toLowerCase(Locale.ROOT));
		if (user == null) {
			throw SandboxException.notFound("user not found: " + userId);
		}
		return user;
	}

	private static User toWire(SandboxState s, StoredUser user) {
		RoleSlice slice = s.slice(RoleSlice.class);
		List<Role> roles = new ArrayList<>(user.roles().size());
		for (String roleId : user.roles()) {
			StoredRole role = slice.role(roleId);
			if (role != null) {
				roles.add(new Role(role.id(), role.name(), null));
			}
		}
		return new User(user.userId(), user.email(), user.status(), roles);
	}

}
