package io.astrashell.api.model;

import java.util.List;

/**
 * The names of the 16 roles every organization has. Their IDs are not promised stable: resolve them
 * by name. Built-in roles cannot be changed or deleted.
 */
public final class BuiltInRoles {

	public static final String ORGANIZATION_ADMINISTRATOR = "Organization Administrator";

	public static final String DATABASE_ADMINISTRATOR = "Database Administrator";

	public static final List<String> NAMES = List.of(ORGANIZATION_ADMINISTRATOR, DATABASE_ADMINISTRATOR,
			"Billing Admin", "UI View Only", "Admin User", "RO User", "R/W User", "API Admin User", "API RO User",
			"API R/W User", "Admin Svc Acct", "RO Svc Acct", "R/W Svc Acct", "API Admin Svc Acct", "API RO Svc Acct",
			"API R/W Svc Acct");

	/** The placeholder that built-in roles carry in their resources instead of the organization id. */
	public static final String ORG_ID_PLACEHOLDER = "__ORG_ID__";

	private BuiltInRoles() {
	}

	public static boolean isBuiltIn(String roleName) {
		return roleName != null && NAMES.stream().anyMatch(n -> n.equalsIgnoreCase(roleName));
	}

}
