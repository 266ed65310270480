package io.astrashell.orgfile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

	/**
	 * What a file can carry of the organization: the custom roles, users and tokens the reader
	 * accepts ({@link EntryRules}, the reader's own rules), and a sentence for each one left out.
	 */
	public record Carried(OrganizationUsers listing, List<Role> allRoles, List<Role> roles, List<User> users,
			List<TokenInfo> tokens, List<String> leftOut) {
	}

	/** Sorts the organization's entries and keeps those a file can carry; the others are named in {@code leftOut}. */
	public static Carried carry(OrganizationUsers listing, List<Role> roles, List<TokenInfo> tokens) {
		List<String> leftOut = new ArrayList<>();
		List<Role> keptRoles = new ArrayList<>();
		Set<String> roleKeys = new HashSet<>();
		for (Role r : custom(roles)) {
			String problem = problem(() -> EntryRules.role(r.name(), r.policy() == null ? null : r.policy().description(),
					r.policy() == null ? List.of() : r.policy().actions(),
					r.policy() == null ? List.of() : r.policy().resources()));
			if (problem == null && !roleKeys.add(EntryRules.roleKey(r.name()))) {
				problem = "another custom role has the same name in another case, and a file declares each role once.";
			}
			if (problem != null) {
				leftOut.add("role " + Plan.quote(r.name()) + (r.id() == null ? "" : " (" + r.id() + ")") + ": " + problem);
			}
			else {
				keptRoles.add(r);
			}
		}
		List<User> keptUsers = new ArrayList<>();
		Set<String> userKeys = new HashSet<>();
		for (User u : listing.users()) {
			if (u.email() == null || u.email().isBlank()) {
				leftOut.add("a user without an email" + (u.userId() == null ? "" : " (" + u.userId() + ")")
						+ ": a file names each user by email.");
			}
		}
		for (User u : users(listing)) {
			String problem = problem(() -> EntryRules.user(u.email(), roleNames(u)));
			if (problem == null && !userKeys.add(EntryRules.userKey(u.email()))) {
				problem = "another user has the same email in another case, and a file lists each user once.";
			}
			if (problem != null) {
				leftOut.add("user " + u.email() + ": " + problem);
			}
			else {
				keptUsers.add(u);
			}
		}
		List<TokenInfo> keptTokens = null;
		if (tokens != null) {
			keptTokens = new ArrayList<>();
			Map<String, String> names = namesById(roles);
			for (TokenInfo t : tokens) {
				String problem = problem(() -> EntryRules.tokenRoles(tokenRoles(t, names)));
				if (problem != null) {
					leftOut.add("token " + t.clientId() + ": " + problem);
				}
				else {
					keptTokens.add(t);
				}
			}
		}
		return new Carried(listing, roles, keptRoles, keptUsers, keptTokens, List.copyOf(leftOut));
	}

	/** The reader's refusal of an entry, or null when it accepts it. */
	private static String problem(Runnable rules) {
		try {
			rules.run();
			return null;
		}
		catch (EntryRules.Broken b) {
			return b.getMessage();
		}
	}

	/** The document as data: what {@code -o json} prints in {@code data}, the same keys as the YAML. */
	public static Map<String, Object> document(Carried c, Instant exportedAt) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("organization", Plan.fields("name", c.listing().orgName(), "id", c.listing().orgId(), "exportedAt",
				exportedAt.truncatedTo(ChronoUnit.SECONDS).toString()));
		List<Map<String, Object>> roleList = new ArrayList<>();
		for (Role r : c.roles()) {
			roleList.add(Plan.fields("name", r.name(), "description", r.policy() == null ? null : r.policy().description(),
					"actions", r.policy() == null ? List.of() : r.policy().actions(), "resources",
					r.policy() == null ? List.of() : r.policy().resources()));
		}
		doc.put("roles", roleList);
		List<Map<String, Object>> userList = new ArrayList<>();
		for (User u : c.users()) {
			userList.add(Plan.fields("email", u.email(), "roles", roleNames(u), "status", u.status()));
		}
		doc.put("users", userList);
		if (c.tokens() != null) {
			List<Map<String, Object>> tokenList = new ArrayList<>();
			Map<String, String> names = namesById(c.allRoles());
			for (TokenInfo t : c.tokens()) {
				tokenList.add(Plan.fields("clientId", t.clientId(), "roles", tokenRoles(t, names), "description",
						t.description(), "generatedOn", t.generatedOn(), "expiry", t.tokenExpiry()));
			}
			doc.put("tokens", tokenList);
		}
		return doc;
	}

	/** The document as YAML, starting with a comment naming the organization and the time of export. */
	public static String yaml(Carried c, Instant exportedAt) {
		StringBuilder b = new StringBuilder();
		b.append("# Organization ").append(q(c.listing().orgName())).append(" (").append(comment(c.listing().orgId()))
			.append("), exported ").append(exportedAt.truncatedTo(ChronoUnit.SECONDS)).append(" by astra shell.\n")
			.append("# 'astra org diff FILE' shows how the organization differs from this file; 'astra org apply FILE'\n")
			.append("# makes it match. Built-in roles are fixed: users name them, 'roles:' holds the custom ones.\n");
		if (!c.leftOut().isEmpty()) {
			b.append("# Left out, as a file cannot carry them (org export named them): ").append(c.leftOut().size())
				.append(c.leftOut().size() == 1 ? " entry" : " entries").append(".\n");
		}
		b.append("roles:").append(c.roles().isEmpty() ? " []\n" : "\n");
		for (Role r : c.roles()) {
			b.append("  - name: ").append(q(r.name())).append('\n');
			if (r.policy() != null && r.policy().description() != null) {
				b.append("    description: ").append(q(r.policy().description())).append('\n');
			}
			b.append("    actions: ").append(list(r.policy() == null ? List.of() : r.policy().actions())).append('\n');
			b.append("    resources: ").append(list(r.policy() == null ? List.of() : r.policy().resources())).append('\n');
		}
		b.append("users:").append(c.users().isEmpty() ? " []\n" : "\n");
		for (User u : c.users()) {
			b.append("  - email: ").append(q(u.email())).append('\n');
			b.append("    roles: ").append(list(roleNames(u)));
			if (u.status() != null) {
				b.append("   # ").append(comment(u.status()));
			}
			b.append('\n');
		}
		if (c.tokens() != null) {
			Map<String, String> names = namesById(c.allRoles());
			b.append("# Tokens, for the record: apply leaves tokens as they are. No secret is ever written.\n");
			b.append("tokens:").append(c.tokens().isEmpty() ? " []\n" : "\n");
			for (TokenInfo t : c.tokens()) {
				b.append("  - clientId: ").append(q(t.clientId())).append('\n');
				b.append("    roles: ").append(list(tokenRoles(t, names))).append('\n');
				b.append("    description: ").append(q(t.description())).append('\n');
				b.append("    generatedOn: ").append(q(t.generatedOn())).append('\n');
				b.append("    expiry: ").append(q(t.tokenExpiry())).append('\n');
			}
		}
		return b.toString();
	}

	private static List<String> tokenRoles(TokenInfo t, Map<String, String> names) {
		return t.roles().stream().map(id -> id == null ? null : names.getOrDefault(id, id)).toList();
	}

	/**
	 * Text for a comment: what a quoted string would escape (a line break of any kind, a control or
	 * formatting character) becomes a space, so that a server's value cannot end the comment and
	 * write YAML of its own.
	 */
	static String comment(String s) {
		if (s == null) {
			return "";
		}
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			b.append(escaped(s, i) || c == '\n' || c == '\t' ? ' ' : c);
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
			if (r.id() != null && r.name() != null && !r.name().isBlank()) {
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
					if (escaped(s, i)) {
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

	/**
	 * Whether the character at {@code i} is written escaped: a control character, a line or paragraph
	 * separator, a bidirectional or byte-order mark, and what YAML may not hold raw (U+FFFE, U+FFFF,
	 * half a surrogate pair).
	 */
	private static boolean escaped(String s, int i) {
		char c = s.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
		}
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff
				|| (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
				|| c == 0x061c || c == 0xfffe || c == 0xffff;
	}

}
