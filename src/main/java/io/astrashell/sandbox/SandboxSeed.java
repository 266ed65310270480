package io.astrashell.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.PolicyActions;

/**
 * The built-in roles that {@link RolesResource} seeds: their names, resources and action lists. The
 * action lists are the sandbox's choice (the service does not publish them); the package documentation
 * lists them. (Each resource seeds its own slice: {@link SandboxResource#seed}.)
 */
final class SandboxSeed {

	static final String ORG = "drn:astra:org:" + BuiltInRoles.ORG_ID_PLACEHOLDER;

	/** The resources of built-in roles: the organization, and every database, keyspace and table in it. */
	static final List<String> BUILT_IN_RESOURCES = List.of(ORG, ORG + ":db:*", ORG + ":db:*:keyspace:*",
			ORG + ":db:*:keyspace:*:table:*");

	// action groups, each in the order of PolicyActions.ALL once a role's list is built

	private static final Set<String> DATA_READ = Set.of("db-all-keyspace-describe", "db-keyspace-describe",
			"db-table-describe", "db-table-select");

	private static final Set<String> DATA_WRITE = Set.of("db-keyspace-modify", "db-table-modify");

	private static final Set<String> DATA_ADMIN = Set.of("db-all-keyspace-create", "db-keyspace-alter",
			"db-keyspace-authorize", "db-keyspace-create", "db-keyspace-drop", "db-keyspace-grant", "db-table-alter",
			"db-table-authorize", "db-table-create", "db-table-drop", "db-table-grant");

	private static final Set<String> DATABASE_MANAGEMENT = Set.of("org-db-create", "org-db-expand",
			"org-db-suspend", "org-db-terminate", "org-db-addpeering", "org-db-passwordreset",
			"org-db-managemigratorproxy", "accesslist-read", "accesslist-write", "db-manage-privateendpoint",
			"db-manage-region", "db-manage-thirdpartymetrics", "db-data-import");

	private static final Set<String> ORG_VIEW = Set.of(PolicyActions.ORG_READ, "org-db-view", "org-audits-read",
			"org-billing-read", "org-external-auth-read", PolicyActions.ORG_USER_READ, PolicyActions.ORG_ROLE_READ,
			PolicyActions.ORG_TOKEN_READ, "accesslist-read", "org-cmk-read", "org-integrations-read");

	private static final Set<String> DB_VIEW = Set.of(PolicyActions.ORG_READ, "org-db-view");

	private static final Set<String> API = Set.of("db-graphql", "db-rest");

	private static final Set<String> CQL = Set.of("db-cql");

	/** The action list of every built-in role, by name (in {@link BuiltInRoles#NAMES} order). */
	static final Map<String, List<String>> BUILT_IN_ACTIONS = builtInActions();

	private SandboxSeed() {
	}

	private static Map<String, List<String>> builtInActions() {
		List<String> admin = actions(DB_VIEW, CQL, API, DATA_READ, DATA_WRITE, DATA_ADMIN);
		List<String> readWrite = actions(DB_VIEW, CQL, API, DATA_READ, DATA_WRITE);
		List<String> readOnly = actions(DB_VIEW, CQL, API, DATA_READ);
		List<String> apiAdmin = actions(DB_VIEW, API, DATA_READ, DATA_WRITE, DATA_ADMIN);
		List<String> apiReadWrite = actions(DB_VIEW, API, DATA_READ, DATA_WRITE);
		List<String> apiReadOnly = actions(DB_VIEW, API, DATA_READ);
		Map<String, List<String>> byName = new LinkedHashMap<>();
		byName.put(BuiltInRoles.ORGANIZATION_ADMINISTRATOR, PolicyActions.ALL);
		byName.put(BuiltInRoles.DATABASE_ADMINISTRATOR,
				actions(DB_VIEW, CQL, API, DATA_READ, DATA_WRITE, DATA_ADMIN, DATABASE_MANAGEMENT));
		byName.put("Billing Admin", actions(Set.of(PolicyActions.ORG_READ, "org-billing-read", "org-billing-write")));
		byName.put("UI View Only", actions(ORG_VIEW));
		byName.put("Admin User", admin);
		byName.put("RO User", readOnly);
		byName.put("R/W User", readWrite);
		byName.put("API Admin User", apiAdmin);
		byName.put("API RO User", apiReadOnly);
		byName.put("API R/W User", apiReadWrite);
		byName.put("Admin Svc Acct", admin);
		byName.put("RO Svc Acct", readOnly);
		byName.put("R/W Svc Acct", readWrite);
		byName.put("API Admin Svc Acct", apiAdmin);
		byName.put("API RO Svc Acct", apiReadOnly);
		byName.put("API R/W Svc Acct", apiReadWrite);
		if (!byName.keySet().equals(new LinkedHashSet<>(BuiltInRoles.NAMES))) {
			throw new IllegalStateException("the sandbox does not define every built-in role: " + byName.keySet());
		}
		return Collections.unmodifiableMap(byName);
	}

	@SafeVarargs
	private static List<String> actions(Set<String>... groups) {
		List<String> actions = new ArrayList<>();
		for (String action : PolicyActions.ALL) {
			for (Set<String> group : groups) {
				if (group.contains(action)) {
					actions.add(action);
					break;
				}
			}
		}
		return List.copyOf(actions);
	}

}
