package io.astrashell.orgfile;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.astrashell.orgfile.OrgFile.Location;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
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
		LoaderOptions options = new LoaderOptions();
		// SnakeYAML stops at 3 MB by default: an organization of 100,000 users exports about 9 MB
		options.setCodePointLimit(CODE_POINT_LIMIT);
		Events events = new Events(new ParserImpl(new StreamReader(new StringReader(text)), options));
		try {
			events.expect(StreamStartEvent.class);
			if (events.peek() instanceof StreamEndEvent) {
				return new OrgFile(path, null, null, List.of());
			}
			events.expect(DocumentStartEvent.class);
			OrgFile file = top(events);
			events.expect(DocumentEndEvent.class);
			if (!(events.peek() instanceof StreamEndEvent)) {
				throw new OrgFile.Invalid(at(events.peek().getStartMark()),
						"the file holds more than one YAML document: keep one (remove the '---' line).");
			}
			return file;
		}
		catch (MarkedYAMLException e) {
			Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
			throw new OrgFile.Invalid(mark == null ? new Location(path, 1, 1) : at(mark),
					"not valid YAML: " + (e.getProblem() != null ? e.getProblem() : e.getContext()));
		}
		catch (YAMLException e) {
			throw new OrgFile.Invalid(path + ": not valid YAML: " + e.getMessage());
		}
	}

	/**
	 * The top-level mapping, read as a stream: the items of {@code roles:}, {@code users:} and
	 * {@code tokens:} are composed and checked one at a time, so a file of 300,000 users holds only
	 * its entries in memory, never the tree of the whole document.
	 */
	private OrgFile top(Events events) {
		if (events.peek() instanceof ScalarEvent s && isNullScalar(s)) {
			events.next();
			return new OrgFile(path, null, null, List.of());
		}
		if (!(events.peek() instanceof MappingStartEvent)) {
			Node node = compose(events);
			throw new OrgFile.Invalid(at(node), "the file must be a mapping of keys ("
					+ String.join(", ", TOP.stream().sorted().toList()) + ").");
		}
		events.next();
		Map<String, Node> seen = new LinkedHashMap<>();
		List<OrgFile.RoleEntry> roles = null;
		List<OrgFile.UserEntry> users = null;
		List<OrgFile.TokenEntry> tokens = List.of();
		while (!(events.peek() instanceof MappingEndEvent)) {
			Node k = compose(events);
			String key = k instanceof Scalar s ? s.value() : null;
			if (key == null || !TOP.contains(key)) {
				throw new OrgFile.Invalid(at(k), "unknown key " + (key == null ? "" : "'" + key + "' ")
						+ "in the file: the keys are " + String.join(", ", TOP.stream().sorted().toList()) + ".");
			}
			if (seen.containsKey(key)) {
				throw new OrgFile.Invalid(at(k), "'" + key + "' is given twice in the file (first at line "
						+ seen.get(key).line() + ").");
			}
			seen.put(key, k);
			switch (key) {
				case "roles" -> roles = items(events, key, new RoleReader()::add);
				case "users" -> users = items(events, key, new UserReader()::add);
				case "tokens" -> tokens = items(events, key, new TokenReader()::add);
				default -> mapping(compose(events), Set.of("name", "id"), "organization");
			}
		}
		events.next();
		return new OrgFile(path, roles, users, tokens);
	}

	/** The items of a top-level list, each composed and handed to {@code add} before the next is read. */
	private <T> List<T> items(Events events, String what, Function<Node, T> add) {
		List<T> items = new ArrayList<>();
		if (!(events.peek() instanceof SequenceStartEvent)) {
			sequence(compose(events), what); // null is an empty list; anything else is refused there
			return items;
		}
		events.next();
		while (!(events.peek() instanceof SequenceEndEvent)) {
			items.add(add.apply(compose(events)));
		}
		events.next();
		return items;
	}

	private final class RoleReader {

		private final Map<String, Location> names = new HashMap<>();

		OrgFile.RoleEntry add(Node item) {
			Map<String, Node> role = mapping(item, ROLE_KEYS, "a role");
			Location at = at(item);
			EntryRules.RoleValues v = located(role, at, () -> EntryRules.role(optional(role, "name"),
					optional(role, "description"), role.containsKey("actions") ? texts(role.get("actions"), "actions") : null,
					role.containsKey("resources") ? texts(role.get("resources"), "resources") : null));
			Location first = names.putIfAbsent(EntryRules.roleKey(v.name()), at);
			if (first != null) {
				throw new OrgFile.Invalid(at, "role '" + v.name() + "' is declared twice (first at line " + first.line()
						+ "): declare each role once.");
			}
			return new OrgFile.RoleEntry(v.name(), v.description(), v.actions(), v.resources(), at);
		}

	}

	private final class UserReader {

		private final Map<String, Location> emails = new HashMap<>();

		OrgFile.UserEntry add(Node item) {
			Map<String, Node> user = mapping(item, USER_KEYS, "a user");
			Location at = at(item);
			EntryRules.UserValues v = located(user, at, () -> EntryRules.user(optional(user, "email"),
					user.containsKey("roles") ? texts(user.get("roles"), "roles") : null));
			Location first = emails.putIfAbsent(EntryRules.userKey(v.email()), at);
			if (first != null) {
				throw new OrgFile.Invalid(at, "user " + v.email() + " is listed twice (first at line " + first.line()
						+ "): list each user once.");
			}
			return new OrgFile.UserEntry(v.email(), v.roles(), at);
		}

	}

	private final class TokenReader {

		OrgFile.TokenEntry add(Node item) {
			Map<String, Node> token = mapping(item, TOKEN_KEYS, "a token");
			List<String> roles = located(token, at(item),
					() -> EntryRules.tokenRoles(token.containsKey("roles") ? texts(token.get("roles"), "roles") : List.of()));
			return new OrgFile.TokenEntry(optional(token, "clientId"), roles, optional(token, "description"),
					optional(token, "generatedOn"), optional(token, "expiry"));
		}

	}

	// ---- a small tree of one entry: values and where they stand, nothing of the parser kept

	/** A YAML value of the file, with the line and column (from 1) where it starts. */
	private sealed interface Node permits Scalar, Sequence, Mapping {

		int line();

		int column();

	}

	private record Scalar(String value, boolean isNull, int line, int column) implements Node {
	}

	private record Sequence(List<Node> items, int line, int column) implements Node {
	}

	private record Mapping(List<Node[]> entries, int line, int column) implements Node {
	}

	/** The parser's events, one looked ahead. */
	private static final class Events {

		private final Parser parser;

		Events(Parser parser) {
			this.parser = parser;
		}

		Event peek() {
			return parser.peekEvent();
		}

		Event next() {
			return parser.getEvent();
		}

		void expect(Class<? extends Event> type) {
			Event e = next();
			if (!type.isInstance(e)) {
				throw new YAMLException("unexpected " + e);
			}
		}

	}

	private static final Resolver RESOLVER = new Resolver();

	private static boolean isNullScalar(ScalarEvent s) {
		return s.getImplicit().canOmitTagInPlainScalar() && s.getTag() == null
				&& Tag.NULL.equals(RESOLVER.resolve(NodeId.scalar, s.getValue(), true));
	}

	/** The next value, composed into the small tree; anchors and aliases are refused where they stand. */
	private Node compose(Events events) {
		Event e = events.next();
		Mark m = e.getStartMark();
		int line = m.getLine() + 1;
		int column = m.getColumn() + 1;
		if (e instanceof AliasEvent || (e instanceof NodeEvent n && n.getAnchor() != null)) {
			throw new OrgFile.Invalid(new Location(path, line, column),
					"YAML anchors and aliases (& and *) are not read in an organization file: write each value out.");
		}
		if (e instanceof ScalarEvent s) {
			return new Scalar(s.getValue(), isNullScalar(s), line, column);
		}
		if (e instanceof SequenceStartEvent) {
			List<Node> items = new ArrayList<>();
			while (!(events.peek() instanceof SequenceEndEvent)) {
				items.add(compose(events));
			}
			events.next();
			return new Sequence(items, line, column);
		}
		if (e instanceof MappingStartEvent) {
			List<Node[]> entries = new ArrayList<>();
			while (!(events.peek() instanceof MappingEndEvent)) {
				Node key = compose(events);
				entries.add(new Node[] { key, compose(events) });
			}
			events.next();
			return new Mapping(entries, line, column);
		}
		throw new YAMLException("unexpected " + e);
	}

	/** Applies the rules of an entry ({@link EntryRules}); a broken one is reported where its value stands. */
	private <T> T located(Map<String, Node> entry, Location at, Supplier<T> rules) {
		try {
			return rules.get();
		}
		catch (EntryRules.Broken b) {
			Node n = b.key == null ? null : entry.get(b.key);
			Location where = at;
			if (n != null) {
				where = b.item >= 0 && n instanceof Sequence s && b.item < s.items().size() ? at(s.items().get(b.item)) : at(n);
			}
			throw new OrgFile.Invalid(where, b.getMessage());
		}
	}

	// ---- the shapes of YAML

	/** A mapping's entries by key, each key one of {@code keys}, none twice. */
	private Map<String, Node> mapping(Node node, Set<String> keys, String what) {
		if (!(node instanceof Mapping m)) {
			throw new OrgFile.Invalid(at(node), what + " must be a mapping of keys ("
					+ String.join(", ", keys.stream().sorted().toList()) + ").");
		}
		Map<String, Node> out = new LinkedHashMap<>();
		Map<String, Integer> firstLines = new HashMap<>();
		for (Node[] t : m.entries()) {
			Node k = t[0];
			String key = k instanceof Scalar s ? s.value() : null;
			if (key == null || !keys.contains(key)) {
				throw new OrgFile.Invalid(at(k), "unknown key " + (key == null ? "" : "'" + key + "' ")
						+ "in " + what + ": the keys are " + String.join(", ", keys.stream().sorted().toList()) + ".");
			}
			if (out.containsKey(key)) {
				throw new OrgFile.Invalid(at(k), "'" + key + "' is given twice in " + what + " (first at line "
						+ firstLines.get(key) + ").");
			}
			out.put(key, t[1]);
			firstLines.put(key, k.line());
		}
		return out;
	}

	private List<Node> sequence(Node node, String what) {
		if (isNull(node)) {
			return List.of();
		}
		if (!(node instanceof Sequence s)) {
			throw new OrgFile.Invalid(at(node), "'" + what + "' must be a list (items starting with '- ').");
		}
		return s.items();
	}

	private String optional(Map<String, Node> map, String key) {
		return map.containsKey(key) ? text(map.get(key), key) : null;
	}

	private String text(Node node, String key) {
		if (isNull(node)) {
			return null;
		}
		if (!(node instanceof Scalar s)) {
			throw new OrgFile.Invalid(at(node), "'" + key + "' must be a single value.");
		}
		return s.value();
	}

	/** The values of a list as written (null for a null item): {@link EntryRules} trims and checks them. */
	private List<String> texts(Node node, String key) {
		if (node instanceof Scalar s && !s.isNull()) {
			return List.of(s.value()); // one value written without brackets
		}
		List<String> out = new ArrayList<>();
		for (Node item : sequence(node, key)) {
			out.add(text(item, key));
		}
		return out;
	}

	private static boolean isNull(Node node) {
		return node == null || (node instanceof Scalar s && s.isNull());
	}

	private Location at(Mark mark) {
		return new Location(path, mark.getLine() + 1, mark.getColumn() + 1);
	}

	private Location at(Node node) {
		return new Location(path, node.line(), node.column());
	}

}
