package io.astrashell.orgfile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.User;

/**
 * Writes the organization as a file {@code org apply} reads back to no change: its custom roles
 * (name, description, actions, resources), its users (email, role names; the status as a comment),
 * and with tokens, the tokens for the record (never a secret). Sorted by name and email, so that two
 * exports of the same organization are the same text. Strings are written double-quoted with JSON's
 * escapes, which YAML reads as they are.
 */
public final class OrgFileWriter {

	private OrgFileWriter() {
	}

	/** The document as data: what {@code -o json} prints in {@code data}, the same keys as the YAML. */
	public static Map<String, Object> document(OrganizationUsers listing, List<Role> roles, List<TokenInfo> tokens,
			Instant exportedAt) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("organization", Plan.fields("name", listing.orgName(), "id", listing.orgId(), "exportedAt",
				exportedAt.truncatedTo(ChronoUnit.SECONDS).toString()));
		List<Map<String, Object>> roleList = new ArrayList<>();
		for (Role r : custom(roles)) {
			roleList.add(Plan.fields("name", r.name(), "description", r.policy() == null ? null : r.policy().description(),
					"actions", r.policy() == null ? List.of() : r.policy().actions(), "resources",
					r.policy() == null ? List.of() : r.policy().resources()));
		}
		doc.put("roles", roleList);
		List<Map<String, Object>> userList = new ArrayList<>();
		for (User u : users(listing)) {
			userList.add(Plan.fields("email", u.email(), "roles", roleNames(u), "status", u.status()));
		}
		doc.put("users", userList);
		if (tokens != null) {
			List<Map<String, Object>> tokenList = new ArrayList<>();
			Map<String, String> names = namesById(roles);
			for (TokenInfo t : tokens) {
				tokenList.add(Plan.fields("clientId", t.clientId(), "roles",
						t.roles().stream().map(id -> names.getOrDefault(id, id)).toList(), "description", t.description(),
						"generatedOn", t.generatedOn(), "expiry", t.tokenExpiry()));
			}
			doc.put("tokens", tokenList);
		}
		return doc;
	}

	/** The document as YAML, starting with a comment naming the organization and the time of export. */
	public static String yaml(OrganizationUsers listing, List<Role> roles, List<TokenInfo> tokens, Instant exportedAt) {
		StringBuilder b = new StringBuilder();
		b.append("# Organization ").append(q(listing.orgName())).append(" (").append(listing.orgId()).append("), exported ")
			.append(exportedAt.truncatedTo(ChronoUnit.SECONDS)).append(" by astra shell.\n")
			.append("# 'astra org diff FILE' shows how the organization differs from this file; 'astra org apply FILE'\n")
			.append("# makes it match. Built-in roles are fixed: users name them, 'roles:' holds the custom ones.\n");
		List<Role> custom = custom(roles);
		b.append("roles:").append(custom.isEmpty() ? " []\n" : "\n");
		for (Role r : custom) {
			b.append("  - name: ").append(q(r.name())).append('\n');
			if (r.policy() != null && r.policy().description() != null) {
				b.append("    description: ").append(q(r.policy().description())).append('\n');
			}
			b.append("    actions: ").append(list(r.policy() == null ? List.of() : r.policy().actions())).append('\n');
			b.append("    resources: ").append(list(r.policy() == null ? List.of() : r.policy().resources())).append('\n');
		}
		List<User> users = users(listing);
		b.append("users:").append(users.isEmpty() ? " []\n" : "\n");
		for (User u : users) {
			b.append("  - email: ").append(q(u.email())).append('\n');
			b.append("    roles: ").append(list(roleNames(u)));
			if (u.status() != null) {
				b.append("   # ").append(u.status().replaceAll("\\p{Cntrl}", " "));
			}
			b.append('\n');
		}
		if (tokens != null) {
			Map<String, String> names = namesById(roles);
			b.append("# Tokens, for the record: apply leaves tokens as they are. No secret is ever written.\n");
			b.append("tokens:").append(tokens.isEmpty() ? " []\n" : "\n");
			for (TokenInfo t : tokens) {
				b.append("  - clientId: ").append(q(t.clientId())).append('\n');
				b.append("    roles: ").append(list(t.roles().stream().map(id -> names.getOrDefault(id, id)).toList()))
					.append('\n');
				b.append("    description: ").append(q(t.description())).append('\n');
				b.append("    generatedOn: ").append(q(t.generatedOn())).append('\n');
				b.append("    expiry: ").append(q(t.tokenExpiry())).append('\n');
			}
		}
		return b.toString();
	}

	private static List<Role> custom(List<Role> roles) {
		return roles.stream()
			.filter(r -> r.name() != null && !BuiltInRoles.isBuiltIn(r.name()))
			.sorted(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)))
			.toList();
	}

	private static List<User> users(OrganizationUsers listing) {
		return listing.users().stream()
			.filter(u -> u.email() != null)
			.sorted(Comparator.comparing(u -> u.email().toLowerCase(Locale.ROOT)))
			.toList();
	}

	private static List<String> roleNames(User u) {
		return u.roles().stream().filter(r -> r != null && r.name() != null).map(Role::name).sorted().toList();
	}

	private static Map<String, String> namesById(List<Role> roles) {
		Map<String, String> out = new HashMap<>();
		roles.forEach(r -> {
			if (r.id() != null && r.name() != null) {
				out.put(r.id(), r.name());
			}
		});
		return out;
	}

	private static String list(List<String> values) {
		List<String> quoted = new ArrayList<>();
		values.forEach(v -> quoted.add(q(v)));
		return "[" + String.join(", ", quoted) + "]";
	}

	/** A YAML double-quoted string (JSON's escapes), or null. */
	static String q(String s) {
		if (s == null) {
			return "null";
		}
		StringBuilder b = new StringBuilder("\"");
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				case '\n' -> b.append("\\n");
				case '\t' -> b.append("\\t");
				default -> {
					if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff
							|| (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
							|| c == 0x061c) {
						b.append(String.format("\\u%04x", (int) c));
					}
					else {
						b.append(c);
					}
				}
			}
		}
		return b.append('"').toString();
	}

}
