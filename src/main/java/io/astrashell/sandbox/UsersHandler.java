package io.astrashell.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.astrashell.api.model.EmailAddress;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;
import io.astrashell.sandbox.SandboxRequest.Body;
import io.astrashell.sandbox.SandboxState.StoredRole;
import io.astrashell.sandbox.SandboxState.StoredUser;

/** The users of the organization: {@code /v2/organizations/users[/{userID}[/roles]]}. */
final class UsersHandler {

	private final SandboxStore store;

	UsersHandler(SandboxStore store) {
		this.store = store;
	}

	SandboxResponse list(SandboxRequest r) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_READ);
			List<User> users = new ArrayList<>(s.users().size());
			for (StoredUser user : s.users()) {
				users.add(toWire(s, user));
			}
			return SandboxResponse.json(200, new OrganizationUsers(s.orgId(), s.orgName(), users));
		});
	}

	SandboxResponse get(SandboxRequest r, String userId) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_READ);
			return SandboxResponse.json(200, toWire(s, existingUser(s, userId)));
		});
	}

	SandboxResponse invite(SandboxRequest r) throws IOException {
		Body<InviteUserRequest> body = r.body(InviteUserRequest.class);
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_WRITE);
			InviteUserRequest invite = body.get();
			String email = invite.email() == null ? "" : invite.email().trim();
			if (!EmailAddress.isValid(email)) {
				throw SandboxException.badRequest("invalid email address: '" + email + "'");
			}
			if (invite.orgId() != null && !invite.orgId().isBlank()
					&& !invite.orgId().trim().equalsIgnoreCase(s.orgId())) {
				throw SandboxException.badRequest("orgID " + invite.orgId() + " is not the organization of the token");
			}
			List<String> roles = RolesHandler.roleIds(s, invite.roles());
			StoredUser existing = s.userByEmail(email);
			if (existing == null) {
				s.putUser(new StoredUser(UUID.randomUUID().toString(), email, "invited", roles));
			}
			else if ("active".equals(existing.status())) {
				throw SandboxException.conflict("user " + existing.email() + " is already a member of the organization");
			}
			else {
				s.putUser(existing.withRoles(roles));
			}
			return SandboxResponse.EMPTY_200;
		});
	}

	SandboxResponse delete(SandboxRequest r, String userId) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_WRITE);
			s.removeUser(existingUser(s, userId).userId());
			return SandboxResponse.EMPTY_204;
		});
	}

	SandboxResponse setRoles(SandboxRequest r, String userId) throws IOException {
		Body<UserRolesRequest> body = r.body(UserRolesRequest.class);
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_USER_WRITE);
			StoredUser user = existingUser(s, userId);
			s.putUser(user.withRoles(RolesHandler.roleIds(s, body.get().roles())));
			return SandboxResponse.EMPTY_204;
		});
	}

	private static StoredUser existingUser(SandboxState s, String userId) {
		StoredUser user = s.user(userId.toLowerCase(Locale.ROOT));
		if (user == null) {
			throw SandboxException.notFound("user not found: " + userId);
		}
		return user;
	}

	private static User toWire(SandboxState s, StoredUser user) {
		List<Role> roles = new ArrayList<>(user.roles().size());
		for (String roleId : user.roles()) {
			StoredRole role = s.role(roleId);
			if (role != null) {
				roles.add(new Role(role.id(), role.name(), null));
			}
		}
		return new User(user.userId(), user.email(), user.status(), roles);
	}

}
