package io.astrashell.orgfile;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.astrashell.orgfile.OrgFile.Location;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads an organization file (YAML) and checks everything that can be checked without the
 * organization: its syntax, its keys, emails, actions, resources, names given twice, built-in roles
 * declared as custom ones. Every problem is an {@link OrgFile.Invalid} naming {@code FILE:LINE:COLUMN}.
 * A top-level list left out ({@code roles:} or {@code users:}) is not managed: it is null in the
 * {@link OrgFile}, and nothing of that kind is added, changed or pruned.
 */
public final class OrgFileReader {

	private static final Set<String> TOP = Set.of("organization", "roles", "users", "tokens");

	private static final Set<String> ROLE_KEYS = Set.of("name", "description", "actions", "resources");

	private static final Set<String> USER_KEYS = Set.of("email", "roles", "status");

	private static final Set<String> TOKEN_KEYS = Set.of("clientId", "roles", "description", "generatedOn", "expiry");

	/** The largest file read, in characters: room for an organization ten times the size of 100,000 users. */
	static final int CODE_POINT_LIMIT = 128 * 1024 * 1024;

	private final String path;

	private OrgFileReader(String path) {
		this.path = path;
	}

	/** The file's text, read and checked; {@code path} names it in messages. */
	public static OrgFile read(String path, String text) {
		return new OrgFileReader(path).document(text);
	}

	private OrgFile document(String text) {
		Node root;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(true); // reported below, with both places
			// SnakeYAML stops at 3 MB by default: an organization of 100,000 users exports about 9 MB
			options.setCodePointLimit(CODE_POINT_LIMIT);
			root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
				.getSingleNode();
		}
		catch (MarkedYAMLException e) {
			Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
			throw new OrgFile.Invalid(mark == null ? new Location(path, 1, 1) : at(mark),
					"not valid YAML: " + (e.getProblem() != null ? e.getProblem() : e.getContext()));
		}
		catch (YAMLException e) {
			throw new OrgFile.Invalid(path + ": not valid YAML: " + e.getMessage());
		}
		if (root == null) {
			return new OrgFile(path, null, null, List.of());
		}
		Map<String, Node> top = mapping(root, TOP, "the file");
		List<OrgFile.RoleEntry> roles = top.containsKey("roles") ? roles(top.get("roles")) : null;
		List<OrgFile.UserEntry> users = top.containsKey("users") ? users(top.get("users")) : null;
		List<OrgFile.TokenEntry> tokens = top.containsKey("tokens") ? tokens(top.get("tokens")) : List.of();
		if (top.containsKey("organization")) {
			mapping(top.get("organization"), Set.of("name", "id"), "organization");
		}
		return new OrgFile(path, roles, users, tokens);
	}

	private List<OrgFile.RoleEntry> roles(Node node) {
		List<OrgFile.RoleEntry> out = new ArrayList<>();
		Map<String, Location> names = new HashMap<>();
		for (Node item : sequence(node, "roles")) {
			Map<String, Node> role = mapping(item, ROLE_KEYS, "a role");
			Location at = at(item.getStartMark());
			EntryRules.RoleValues v = located(role, at, () -> EntryRules.role(optional(role, "name"),
					optional(role, "description"), role.containsKey("actions") ? texts(role.get("actions"), "actions") : null,
					role.containsKey("resources") ? texts(role.get("resources"), "resources") : null));
			Location first = names.putIfAbsent(EntryRules.roleKey(v.name()), at);
			if (first != null) {
				throw new OrgFile.Invalid(at, "role '" + v.name() + "' is declared twice (first at line " + first.line()
						+ "): declare each role once.");
			}
			out.add(new OrgFile.RoleEntry(v.name(), v.description(), v.actions(), v.resources(), at));
		}
		return out;
	}

	private List<OrgFile.UserEntry> users(Node node) {
		List<OrgFile.UserEntry> out = new ArrayList<>();
		Map<String, Location> emails = new HashMap<>();
		for (Node item : sequence(node, "users")) {
			Map<String, Node> user = mapping(item, USER_KEYS, "a user");
			Location at = at(item.getStartMark());
			EntryRules.UserValues v = located(user, at, () -> EntryRules.user(optional(user, "email"),
					user.containsKey("roles") ? texts(user.get("roles"), "roles") : null));
			Location first = emails.putIfAbsent(EntryRules.userKey(v.email()), at);
			if (first != null) {
				throw new OrgFile.Invalid(at, "user " + v.email() + " is listed twice (first at line " + first.line()
						+ "): list each user once.");
			}
			out.add(new OrgFile.UserEntry(v.email(), v.roles(), at));
		}
		return out;
	}

	private List<OrgFile.TokenEntry> tokens(Node node) {
		List<OrgFile.TokenEntry> out = new ArrayList<>();
		for (Node item : sequence(node, "tokens")) {
			Map<String, Node> token = mapping(item, TOKEN_KEYS, "a token");
			List<String> roles = located(token, at(item.getStartMark()),
					() -> EntryRules.tokenRoles(token.containsKey("roles") ? texts(token.get("roles"), "roles") : List.of()));
			out.add(new OrgFile.TokenEntry(optional(token, "clientId"), roles, optional(token, "description"),
					optional(token, "generatedOn"), optional(token, "expiry")));
		}
		return out;
	}

	/** Applies the rules of an entry ({@link EntryRules}); a broken one is reported where its value stands. */
	private <T> T located(Map<String, Node> entry, Location at, java.util.function.Supplier<T> rules) {
		try {
			return rules.get();
		}
		catch (EntryRules.Broken b) {
			Node n = b.key == null ? null : entry.get(b.key);
			Location where = at;
			if (n != null) {
				where = b.item >= 0 && n instanceof SequenceNode s && b.item < s.getValue().size()
						? at(s.getValue().get(b.item).getStartMark()) : at(n.getStartMark());
			}
			throw new OrgFile.Invalid(where, b.getMessage());
		}
	}

	// ---- the shapes of YAML

	/** A mapping's entries by key, each key one of {@code keys}, none twice. */
	private Map<String, Node> mapping(Node node, Set<String> keys, String what) {
		if (!(node instanceof MappingNode m)) {
			throw new OrgFile.Invalid(at(node.getStartMark()), what + " must be a mapping of keys ("
					+ String.join(", ", keys.stream().sorted().toList()) + ").");
		}
		Map<String, Node> out = new LinkedHashMap<>();
		for (NodeTuple t : m.getValue()) {
			Node k = t.getKeyNode();
			String key = k instanceof ScalarNode s ? s.getValue() : null;
			if (key == null || !keys.contains(key)) {
				throw new OrgFile.Invalid(at(k.getStartMark()), "unknown key " + (key == null ? "" : "'" + key + "' ")
						+ "in " + what + ": the keys are " + String.join(", ", keys.stream().sorted().toList()) + ".");
			}
			if (out.containsKey(key)) {
				throw new OrgFile.Invalid(at(k.getStartMark()), "'" + key + "' is given twice in " + what + " (first at line "
						+ (out.get(key).getStartMark().getLine() + 1) + ").");
			}
			out.put(key, t.getValueNode());
		}
		return out;
	}

	private List<Node> sequence(Node node, String what) {
		if (isNull(node)) {
			return List.of();
		}
		if (!(node instanceof SequenceNode s)) {
			throw new OrgFile.Invalid(at(node.getStartMark()), "'" + what + "' must be a list (items starting with '- ').");
		}
		return s.getValue();
	}

	private String optional(Map<String, Node> map, String key) {
		return map.containsKey(key) ? text(map.get(key), key) : null;
	}

	private String text(Node node, String key) {
		if (isNull(node)) {
			return null;
		}
		if (!(node instanceof ScalarNode s)) {
			throw new OrgFile.Invalid(at(node.getStartMark()), "'" + key + "' must be a single value.");
		}
		return s.getValue();
	}

	/** The values of a list as written (null for a null item): {@link EntryRules} trims and checks them. */
	private List<String> texts(Node node, String key) {
		if (node instanceof ScalarNode s && !isNull(s)) {
			return List.of(s.getValue()); // one value written without brackets
		}
		List<String> out = new ArrayList<>();
		for (Node item : sequence(node, key)) {
			out.add(text(item, key));
		}
		return out;
	}

	private static boolean isNull(Node node) {
		return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
	}

	private Location at(Mark mark) {
		return new Location(path, mark.getLine() + 1, mark.getColumn() + 1);
	}

}
