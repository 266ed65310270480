package io.astrashell.api;

import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;

/** The user endpoints of the DevOps API (docs/wire.md): {@code /v2/organizations/users}. */
public final class UsersApi {

	private static final String USERS = "/v2/organizations/users";

	private UsersApi() {
	}

	/** The organization's users, with its id and name. */
	public static OrganizationUsers list(DevOpsClient client) {
		return client.get(USERS, OrganizationUsers.class);
	}

	public static User get(DevOpsClient client, String userId) {
		return client.get(USERS + "/" + DevOpsClient.segment(userId), User.class);
	}

	public static void invite(DevOpsClient client, InviteUserRequest request) {
		client.put(USERS, request);
	}

	public static void delete(DevOpsClient client, String userId) {
		client.delete(USERS + "/" + DevOpsClient.segment(userId));
	}

	/** Replaces the user's roles with these role ids. */
	public static void setRoles(DevOpsClient client, String userId, UserRolesRequest request) {
		client.put(USERS + "/" + DevOpsClient.segment(userId) + "/roles", request);
	}

}
