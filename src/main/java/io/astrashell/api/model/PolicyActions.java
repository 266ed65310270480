package io.astrashell.api.model;

import java.util.List;
import java.util.Locale;

/**
 * Every policy action name the service knows: the {@code PolicyAction} enum of the OpenAPI description
 * plus the names it leaves out (docs/wire.md). The permissions that guard the organization endpoints are
 * among them.
 */
public final class PolicyActions {

	public static final String ORG_READ = "org-read";

	public static final String ORG_USER_READ = "org-user-read";

	public static final String ORG_USER_WRITE = "org-user-write";

	public static final String ORG_ROLE_READ = "org-role-read";

	public static final String ORG_ROLE_WRITE = "org-role-write";

	public static final String ORG_ROLE_DELETE = "org-role-delete";

	public static final String ORG_TOKEN_READ = "org-token-read";

	public static final String ORG_TOKEN_WRITE = "org-token-write";

	/** All known action names, in the order of the specification followed by those it leaves out (docs/wire.md). */
	public static final List<String> ALL = List.of("db-all-keyspace-create", "db-all-keyspace-describe", "db-cql",
			"db-graphql", "db-keyspace-alter", "db-keyspace-authorize", "db-keyspace-create", "db-keyspace-describe",
			"db-keyspace-drop", "db-keyspace-grant", "db-keyspace-modify", "db-rest", "db-table-alter",
			"db-table-authorize", "db-table-create", "db-table-describe", "db-table-drop", "db-table-grant",
			"db-table-modify", "db-table-select", "org-audits-read", "org-billing-read", "org-billing-write",
			"org-db-addpeering", "org-db-create", "org-db-expand", "org-db-managemigratorproxy",
			"org-db-passwordreset", "org-db-suspend", "org-db-terminate", "org-db-view", "org-external-auth-read",
			"org-external-auth-write", "org-notification-write", ORG_READ, ORG_ROLE_DELETE, ORG_ROLE_READ,
			ORG_ROLE_WRITE, ORG_TOKEN_READ, ORG_TOKEN_WRITE, ORG_USER_READ, ORG_USER_WRITE, "org-write",
			"accesslist-read", "accesslist-write", "db-manage-privateendpoint", "db-manage-region",
			"db-manage-thirdpartymetrics", "db-data-import", "org-cmk-read", "org-cmk-write", "org-stream-manage",
			"org-integrations-read", "org-integrations-write");

	private PolicyActions() {
	}

	public static boolean isKnown(String action) {
		return action != null && ALL.contains(action.toLowerCase(Locale.ROOT));
	}

}
