package io.astrashell.orgfile;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.orgfile.OrgFile.Location;
import io.astrashell.service.RoleService;
import io.astrashell.service.UserService;
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
			String name = requiredText(role, "name", item, "a role");
			wrap(role.get("name"), () -> RoleService.checkText(name, null));
			if (BuiltInRoles.isBuiltIn(name)) {
				throw new OrgFile.Invalid(at(role.get("name").getStartMark()), "'" + name + "' is a built-in role: "
						+ "built-in roles are fixed by Astra; name them under a user's roles, and declare only custom roles here.");
			}
			Location first = names.putIfAbsent(name.toLowerCase(Locale.ROOT), at);
			if (first != null) {
				throw new OrgFile.Invalid(at, "role '" + name + "' is declared twice (first at line " + first.line()
						+ "): declare each role once.");
			}
			String description = role.containsKey("description") ? text(role.get("description"), "description") : null;
			if (description != null) {
				wrap(role.get("description"), () -> RoleService.checkText(null, description));
			}
			List<String> actions = requiredList(role, "actions", at,
					"role '" + name + "' has no 'actions': give the policy actions it grants.",
					"role '" + name + "' grants no action: give at least one.");
			List<String> checkedActions = wrap(role.get("actions"), () -> RoleService.checkActions(actions));
			List<String> resources = role.containsKey("resources") ? texts(role.get("resources"), "resources") : List.of();
			List<String> checkedResources = wrap(role.get("resources"), () -> RoleService.checkResources(resources));
			out.add(new OrgFile.RoleEntry(name, description, checkedActions, checkedResources, at));
		}
		return out;
	}

	private List<OrgFile.UserEntry> users(Node node) {
		List<OrgFile.UserEntry> out = new ArrayList<>();
		Map<String, Location> emails = new HashMap<>();
		for (Node item : sequence(node, "users")) {
			Map<String, Node> user = mapping(item, USER_KEYS, "a user");
			Location at = at(item.getStartMark());
			String email = requiredText(user, "email", item, "a user").trim();
			wrap(user.get("email"), () -> UserService.checkEmail(email));
			Location first = emails.putIfAbsent(email.toLowerCase(Locale.ROOT), at);
			if (first != null) {
				throw new OrgFile.Invalid(at, "user " + email + " is listed twice (first at line " + first.line()
						+ "): list each user once.");
			}
			List<String> roles = requiredList(user, "roles", at,
					"user " + email + " has no 'roles': give the roles they should hold.",
					"user " + email + " holds no role: give at least one (a user without a role cannot be invited).");
			wrap(user.get("roles"), () -> RoleService.checkRefs(roles));
			out.add(new OrgFile.UserEntry(email, roles, at));
		}
		return out;
	}

	private List<OrgFile.TokenEntry> tokens(Node node) {
		List<OrgFile.TokenEntry> out = new ArrayList<>();
		for (Node item : sequence(node, "tokens")) {
			Map<String, Node> token = mapping(item, TOKEN_KEYS, "a token");
			out.add(new OrgFile.TokenEntry(optional(token, "clientId"),
					token.containsKey("roles") ? texts(token.get("roles"), "roles") : List.of(),
					optional(token, "description"), optional(token, "generatedOn"), optional(token, "expiry")));
		}
		return out;
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

	private String requiredText(Map<String, Node> map, String key, Node owner, String what) {
		String value = map.containsKey(key) ? text(map.get(key), key) : null;
		if (value == null || value.isBlank()) {
			throw new OrgFile.Invalid(at(owner.getStartMark()), what + " needs '" + key + "'.");
		}
		return value;
	}

	/** A list that must be there ({@code missing} said at {@code owner} otherwise) and hold a value ({@code empty}). */
	private List<String> requiredList(Map<String, Node> map, String key, Location owner, String missing, String empty) {
		if (!map.containsKey(key)) {
			throw new OrgFile.Invalid(owner, missing);
		}
		List<String> values = texts(map.get(key), key);
		if (values.isEmpty()) {
			throw new OrgFile.Invalid(at(map.get(key).getStartMark()), empty);
		}
		return values;
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

	private List<String> texts(Node node, String key) {
		if (node instanceof ScalarNode s && !isNull(s)) {
			return List.of(s.getValue()); // one value written without brackets
		}
		List<String> out = new ArrayList<>();
		for (Node item : sequence(node, key)) {
			String value = text(item, key);
			if (value == null || value.isBlank()) {
				throw new OrgFile.Invalid(at(item.getStartMark()), "an empty value in '" + key + "'.");
			}
			out.add(value.trim());
		}
		return out;
	}

	private static boolean isNull(Node node) {
		return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
	}

	private Location at(Mark mark) {
		return new Location(path, mark.getLine() + 1, mark.getColumn() + 1);
	}

	/** Runs a check of the shell's own; its refusal is reported at {@code node}. */
	private <T> T wrap(Node node, java.util.function.Supplier<T> check) {
		try {
			return check.get();
		}
		catch (io.astrashell.service.ServiceException e) {
			throw new OrgFile.Invalid(node == null ? new Location(path, 1, 1) : at(node.getStartMark()), e.getMessage());
		}
	}

	private void wrap(Node node, Runnable check) {
		wrap(node, () -> {
			check.run();
			return null;
		});
	}

}
