package io.astrashell.completion;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.astrashell.api.ApiException;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.User;
import io.astrashell.completion.ServerValueCache.Kind;
import io.astrashell.completion.ServerValueCache.Value;
import io.astrashell.service.RoleService;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import io.astrashell.session.Connection;

/**
 * Fetches the values Tab completes through the services the commands use (their listings: roles,
 * users, tokens, in that order, a request each), and maps them to values and descriptions, cleaned
 * as {@link SafeValues} says (a value that cannot be typed back is not offered, or offered by id). The
 * services are looked up when first needed: they tell the cache of their changes, so they are built
 * after it.
 */
final class ValueFetcher {

	private final Supplier<UserService> users;

	private final Supplier<RoleService> roles;

	private final Supplier<TokenService> tokens;

	ValueFetcher(Supplier<UserService> users, Supplier<RoleService> roles, Supplier<TokenService> tokens) {
		this.users = users;
		this.roles = roles;
		this.tokens = tokens;
	}

	/**
	 * The values of each kind now. A listing the token may not read (403) is empty, but for the roles,
	 * which keep their previous values. Any other failure is thrown: the API's own
	 * {@link ApiException} when a service wrapped one, so that {@code refresh} names it as before.
	 */
	Map<Kind, List<Value>> fetch(Connection connection, Map<Kind, List<Value>> previous) {
		Map<Kind, List<Value>> next = new EnumMap<>(Kind.class);
		List<Role> roleList = optional(() -> roles.get().list(connection));
		next.put(Kind.ROLES, roleList == null ? previous.getOrDefault(Kind.ROLES, List.of()) : roleValues(roleList));
		List<User> userList = optional(() -> users.get().list(connection).users());
		next.put(Kind.USERS, userList == null ? List.of() : userValues(userList));
		List<TokenInfo> tokenList = optional(() -> tokens.get().clients(connection));
		next.put(Kind.TOKENS, tokenList == null ? List.of() : tokenValues(tokenList, roleList == null ? List.of() : roleList));
		return next;
	}

	/** A listing the token may not read (403) is null; any other failure is thrown, as the API gave it. */
	private static <T> T optional(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RuntimeException e) {
			ApiException api = apiCause(e);
			if (api instanceof ApiException.Forbidden) {
				return null;
			}
			throw api != null ? api : e;
		}
	}

	private static ApiException apiCause(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof ApiException api) {
				return api;
			}
		}
		return null;
	}

	static List<Value> userValues(List<User> users) {
		List<Value> out = new ArrayList<>(users.size());
		for (User u : users) {
			if (u.email() != null) {
				String roles = String.join(", ", u.roles().stream().map(Role::name).filter(n -> n != null).toList());
				add(out, user(u.email(), u.userId(),
						(u.status() == null ? "" : u.status()) + (roles.isEmpty() ? "" : " · " + roles)));
			}
		}
		return out;
	}

	/**
	 * A user as Tab offers it: the email, or, when the email cannot be typed back ({@link SafeValues}),
	 * the user's id with the email (cleaned) in the description; null when neither can.
	 */
	static Value user(String email, String id, String about) {
		if (SafeValues.typable(email)) {
			return new Value(email, about);
		}
		return SafeValues.typable(id) ? new Value(id, email + (about.isEmpty() ? "" : " · " + about)) : null;
	}

	static List<Value> roleValues(List<Role> roles) {
		List<Value> out = new ArrayList<>(roles.size());
		for (Role r : roles) {
			if (r.name() != null) {
				add(out, role(r.id(), r.name()));
			}
		}
		return out;
	}

	/**
	 * A role as Tab offers it: its name, described by its id; or, when the name cannot be typed back
	 * ({@link SafeValues}), its id, described by the name (cleaned); null when neither can.
	 */
	static Value role(String id, String name) {
		if (SafeValues.typable(name)) {
			return new Value(name, id);
		}
		return SafeValues.typable(id) ? new Value(id, name) : null;
	}

	static List<Value> tokenValues(List<TokenInfo> tokens, List<Role> roles) {
		List<Value> out = new ArrayList<>(tokens.size());
		for (TokenInfo t : tokens) {
			List<String> names = new ArrayList<>();
			for (String id : t.roles()) {
				names.add(roles.stream().filter(r -> id.equals(r.id())).map(Role::name).findFirst().orElse(id));
			}
			String created = t.generatedOn() == null ? "" : t.generatedOn().substring(0, Math.min(10, t.generatedOn().length()));
			add(out, token(t.clientId(), t.description(), String.join(", ", names) + " · " + created));
		}
		return out;
	}

	/** A token as Tab offers it: its client id, described; null when the client id cannot be typed back. */
	static Value token(String clientId, String description, String about) {
		if (!SafeValues.typable(clientId)) {
			return null;
		}
		return new Value(clientId, (description == null || description.isBlank() ? "(no description)" : description)
				+ " · " + about);
	}

	private static void add(List<Value> values, Value value) {
		if (value != null) {
			values.add(value);
		}
	}

}
