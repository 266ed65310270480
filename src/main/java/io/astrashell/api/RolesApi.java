package io.astrashell.api;

import java.util.List;

import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;

/** The role endpoints of the DevOps API (docs/wire.md): {@code /v2/organizations/roles}. */
public final class RolesApi {

	private static final String ROLES = "/v2/organizations/roles";

	private RolesApi() {
	}

	public static List<Role> list(DevOpsClient client) {
		return client.getList(ROLES, Role.class);
	}

	public static Role get(DevOpsClient client, String roleId) {
		return client.get(ROLES + "/" + DevOpsClient.segment(roleId), Role.class);
	}

	public static Role create(DevOpsClient client, RoleRequest request) {
		return client.post(ROLES, request, Role.class);
	}

	/** Replaces the role's name and policy. */
	public static void update(DevOpsClient client, String roleId, RoleRequest request) {
		client.put(ROLES + "/" + DevOpsClient.segment(roleId), request);
	}

	public static void delete(DevOpsClient client, String roleId) {
		client.delete(ROLES + "/" + DevOpsClient.segment(roleId));
	}

}
