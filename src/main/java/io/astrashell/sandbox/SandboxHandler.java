package io.astrashell.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.astrashell.api.model.ApiErrors;
import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.CurrentOrganization;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.TokenList;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;
import io.astrashell.api.model.WireJson;
import io.astrashell.sandbox.SandboxState.StoredClient;
import io.astrashell.sandbox.SandboxState.StoredRole;
import io.astrashell.sandbox.SandboxState.StoredUser;
import tools.jackson.core.JacksonException;

/**
 * The organization endpoints of the DevOps API over the sandbox state. Each request is routed, its body
 * read, and then authenticated, authorised and carried out in one store operation, so that it sees (and
 * changes) the state exactly as it is on disk at that moment.
 */
final class SandboxHandler implements HttpHandler {

	private static final int MAX_BODY_BYTES = 1 << 20;

	private static final String JSON = "application/json";

	private static final String TEXT = "text/plain; charset=utf-8";

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	private static final String DRN_PREFIX = "drn:astra:org:";

	/** How an endpoint writes its errors (docs/wire.md, "The three error-body forms"). */
	enum ErrorForm {

		/** {@code {"errors":[{"ID":340012,"message":"..."}]}}: users, current org, token list and delete. */
		STANDARD,

		/** A bare JSON string, {@code "role not found"}: the role endpoints. */
		JSON_STRING,

		/** {@code text/plain}: token create. */
		TEXT

	}

	private final SandboxStore store;

	private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

	SandboxHandler(SandboxStore store) {
		this.store = store;
	}

	long requests() {
		return requests.get();
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		requests.incrementAndGet();
		Request request = new Request(exchange);
		Response response;
		try {
			response = route(request);
		}
		catch (SandboxException ex) {
			response = error(request.errorForm, ex.status(), ex.errorId(), ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			response = error(request.errorForm, 500, SandboxException.INTERNAL,
					"sandbox error: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName()));
		}
		try {
			send(exchange, request, response);
		}
		finally {
			exchange.close();
		}
	}

	// ---- routing

	private Response route(Request r) throws IOException {
		List<String> p = r.path;
		if (p.size() >= 2 && p.get(0).equals("v2")) {
			switch (p.get(1)) {
				case "currentOrg" -> {
					if (p.size() == 2) {
						r.allow("GET");
						return currentOrg(r);
					}
				}
				case "organizations" -> {
					if (p.size() >= 3 && p.get(2).equals("users")) {
						return routeUsers(r, p);
					}
					if (p.size() >= 3 && p.get(2).equals("roles") && p.size() <= 4) {
						r.errorForm = ErrorForm.JSON_STRING;
						if (p.size() == 3) {
							r.allow("GET", "POST");
							return r.method.equals("GET") ? listRoles(r) : createRole(r);
						}
						r.allow("GET", "PUT", "DELETE");
						return switch (r.method) {
							case "GET" -> getRole(r, p.get(3));
							case "PUT" -> updateRole(r, p.get(3));
							default -> deleteRole(r, p.get(3));
						};
					}
				}
				case "clientIdSecrets" -> {
					if (p.size() == 2) {
						if (r.method.equals("POST")) {
							r.errorForm = ErrorForm.TEXT;
						}
						r.allow("GET", "POST");
						return r.method.equals("GET") ? listTokens(r) : createToken(r);
					}
					if (p.size() == 3) {
						r.allow("DELETE");
						return deleteToken(r, p.get(2));
					}
				}
				default -> {
					// not an organization endpoint
				}
			}
		}
		r.errorForm = ErrorForm.STANDARD;
		throw SandboxException.notFound("not found: " + r.exchange.getRequestURI().getPath());
	}

	private Response routeUsers(Request r, List<String> p) throws IOException {
		if (p.size() == 3) {
			r.allow("GET", "PUT");
			return r.method.equals("GET") ? listUsers(r) : inviteUser(r);
		}
		if (p.size() == 4) {
			r.allow("GET", "DELETE");
			return r.method.equals("GET") ? getUser(r, p.get(3)) : deleteUser(r, p.get(3));
		}
		if (p.size() == 5 && p.get(4).equals("roles")) {
			r.allow("PUT");
			return setUserRoles(r, p.get(3));
		}
		r.errorForm = ErrorForm.STANDARD;
		throw SandboxException.notFound("not found: " + r.exchange.getRequestURI().getPath());
	}

	// ---- current organization

	private Response currentOrg(Request r) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_READ);
			return json(200, new CurrentOrganization(s.orgId()));
		});
	}

	// ---- users

	private Response listUsers(Request r) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_USER_READ);
			List<User> users = new ArrayList<>(s.users().size());
			for (StoredUser user : s.users()) {
				users.add(toWire(s, user));
			}
			return json(200, new OrganizationUsers(s.orgId(), s.orgName(), users));
		});
	}

	private Response getUser(Request r, String userId) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_USER_READ);
			return json(200, toWire(s, existingUser(s, userId)));
		});
	}

	private Response inviteUser(Request r) throws IOException {
		Body<InviteUserRequest> body = r.body(InviteUserRequest.class);
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_USER_WRITE);
			InviteUserRequest invite = body.get();
			String email = invite.email() == null ? "" : invite.email().trim();
			if (!EMAIL.matcher(email).matches()) {
				throw SandboxException.badRequest("invalid email address: '" + email + "'");
			}
			if (invite.orgId() != null && !invite.orgId().isBlank()
					&& !invite.orgId().trim().equalsIgnoreCase(s.orgId())) {
				throw SandboxException.badRequest("orgID " + invite.orgId() + " is not the organization of the token");
			}
			List<String> roles = roleIds(s, invite.roles());
			StoredUser existing = s.userByEmail(email);
			if (existing == null) {
				s.putUser(new StoredUser(UUID.randomUUID().toString(), email, "invited", roles));
			}
			else if ("active".equals(existing.status())) {
				throw SandboxException.conflict("user " + existing.email() + " is already a member of the organization");
			}
			else {
				s.putUser(existing.withRoles(roles));
			}
			return Response.EMPTY_200;
		});
	}

	private Response deleteUser(Request r, String userId) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_USER_WRITE);
			s.removeUser(existingUser(s, userId).userId());
			return Response.EMPTY_204;
		});
	}

	private Response setUserRoles(Request r, String userId) throws IOException {
		Body<UserRolesRequest> body = r.body(UserRolesRequest.class);
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_USER_WRITE);
			StoredUser user = existingUser(s, userId);
			s.putUser(user.withRoles(roleIds(s, body.get().roles())));
			return Response.EMPTY_204;
		});
	}

	private static StoredUser existingUser(SandboxState s, String userId) {
		StoredUser user = s.user(userId.toLowerCase(Locale.ROOT));
		if (user == null) {
			throw SandboxException.notFound("user not found: " + userId);
		}
		return user;
	}

	/** The role ids of a request: at least one, each of an existing role (400 otherwise). */
	private static List<String> roleIds(SandboxState s, List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			throw SandboxException.badRequest("at least one role is required");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String id : requested) {
			String normalized = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
			if (s.role(normalized) == null) {
				throw SandboxException.badRequest("invalid role id: " + id);
			}
			ids.add(normalized);
		}
		return List.copyOf(ids);
	}

	private static User toWire(SandboxState s, StoredUser user) {
		List<Role> roles = new ArrayList<>(user.roles().size());
		for (String roleId : user.roles()) {
			StoredRole role = s.role(roleId);
			if (role != null) {
				roles.add(new Role(role.id(), role.name(), null));
			}
		}
		return new User(user.userId(), user.email(), user.status(), roles);
	}

	// ---- roles

	private Response listRoles(Request r) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_ROLE_READ);
			List<Role> roles = new ArrayList<>(s.roles().size());
			for (StoredRole role : s.roles()) {
				roles.add(new Role(role.id(), role.name(), role.policy()));
			}
			return json(200, roles);
		});
	}

	private Response getRole(Request r, String roleId) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_ROLE_READ);
			StoredRole role = existingRole(s, roleId);
			return json(200, new Role(role.id(), role.name(), role.policy()));
		});
	}

	private Response createRole(Request r) throws IOException {
		Body<RoleRequest> body = r.body(RoleRequest.class);
		return this.store.transact(s -> {
			Caller caller = authorize(s, r, PolicyActions.ORG_ROLE_WRITE);
			RoleRequest request = body.get();
			String name = roleName(request);
			Policy policy = policy(s, name, request.policy());
			if (s.roleNamed(name) != null) {
				throw SandboxException.conflict("role name already exists: " + name);
			}
			String now = SandboxCredentials.timestamp(Instant.now());
			StoredRole role = new StoredRole(UUID.randomUUID().toString(), name, false, policy, now, caller.userId());
			s.putRole(role);
			return json(201, new Role(role.id(), role.name(), role.policy(), s.orgId(), role.lastUpdateDateTime(),
					role.lastUpdateUserId()));
		});
	}

	private Response updateRole(Request r, String roleId) throws IOException {
		Body<RoleRequest> body = r.body(RoleRequest.class);
		return this.store.transact(s -> {
			Caller caller = authorize(s, r, PolicyActions.ORG_ROLE_WRITE);
			StoredRole role = existingRole(s, roleId);
			if (role.builtIn()) {
				throw SandboxException.badRequest("built-in roles cannot be updated: " + role.name());
			}
			RoleRequest request = body.get();
			String name = roleName(request);
			Policy policy = policy(s, name, request.policy());
			StoredRole named = s.roleNamed(name);
			if (named != null && !named.id().equals(role.id())) {
				throw SandboxException.conflict("role name already exists: " + name);
			}
			s.putRole(new StoredRole(role.id(), name, false, policy, SandboxCredentials.timestamp(Instant.now()),
					caller.userId()));
			return Response.EMPTY_200;
		});
	}

	private Response deleteRole(Request r, String roleId) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_ROLE_DELETE);
			StoredRole role = existingRole(s, roleId);
			if (role.builtIn()) {
				throw SandboxException.badRequest("built-in roles cannot be deleted: " + role.name());
			}
			s.removeRole(role.id());
			return Response.EMPTY_204;
		});
	}

	private static StoredRole existingRole(SandboxState s, String roleId) {
		StoredRole role = s.role(roleId.toLowerCase(Locale.ROOT));
		if (role == null) {
			throw SandboxException.notFound("role not found");
		}
		return role;
	}

	private static String roleName(RoleRequest request) {
		String name = request.name() == null ? "" : request.name().trim();
		if (name.isEmpty()) {
			throw SandboxException.badRequest("role name is required");
		}
		return name;
	}

	/**
	 * The policy of a role request: actions required and known, effect {@code allow} (the default),
	 * resources DRNs of the organization (the organization itself by default), description the role
	 * name by default.
	 */
	private static Policy policy(SandboxState s, String name, Policy requested) {
		if (requested == null) {
			throw SandboxException.badRequest("policy is required");
		}
		if (requested.actions().isEmpty()) {
			throw SandboxException.badRequest("at least one action is required");
		}
		Set<String> actions = new LinkedHashSet<>();
		for (String action : requested.actions()) {
			if (!PolicyActions.isKnown(action == null ? null : action.trim())) {
				throw SandboxException.badRequest("invalid action: " + action);
			}
			actions.add(action.trim().toLowerCase(Locale.ROOT));
		}
		String effect = requested.effect() == null ? "" : requested.effect().trim();
		if (effect.isEmpty()) {
			effect = Policy.ALLOW;
		}
		else if (!effect.equalsIgnoreCase(Policy.ALLOW)) {
			throw SandboxException.badRequest("invalid effect: " + requested.effect() + " (only allow is supported)");
		}
		Set<String> resources = new LinkedHashSet<>();
		for (String resource : requested.resources()) {
			String trimmed = resource == null ? "" : resource.trim();
			if (!trimmed.startsWith(DRN_PREFIX) || trimmed.length() == DRN_PREFIX.length()) {
				throw SandboxException.badRequest("invalid resource: " + resource);
			}
			resources.add(trimmed);
		}
		if (resources.isEmpty()) {
			resources.add(DRN_PREFIX + s.orgId());
		}
		String description = requested.description() == null || requested.description().isBlank() ? name
				: requested.description().trim();
		return new Policy(description, List.copyOf(resources), List.copyOf(actions), Policy.ALLOW);
	}

	// ---- tokens

	private Response listTokens(Request r) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_TOKEN_READ);
			List<TokenInfo> clients = new ArrayList<>(s.clients().size());
			for (StoredClient client : s.clients()) {
				clients.add(new TokenInfo(client.clientId(), client.roles(), client.generatedOn(), client.description(),
						client.tokenExpiry()));
			}
			return json(200, new TokenList(clients));
		});
	}

	private Response createToken(Request r) throws IOException {
		Body<CreateTokenRequest> body = r.body(CreateTokenRequest.class);
		return this.store.transact(s -> {
			Caller caller = authorize(s, r, PolicyActions.ORG_TOKEN_WRITE);
			CreateTokenRequest request = body.get();
			List<String> roles = roleIds(s, request.roles());
			if (request.orgId() != null && !request.orgId().isBlank()
					&& !request.orgId().trim().equalsIgnoreCase(s.orgId())) {
				throw SandboxException.badRequest("invalid org id: " + request.orgId());
			}
			String expiry = null;
			if (request.tokenExpiry() != null && !request.tokenExpiry().isBlank()) {
				try {
					expiry = SandboxCredentials.timestamp(SandboxCredentials.parseTimestamp(request.tokenExpiry()));
				}
				catch (DateTimeParseException ex) {
					throw SandboxException.badRequest("invalid token expiry: " + request.tokenExpiry()
							+ " (expected an RFC 3339 date-time such as 2030-01-31T00:00:00Z)");
				}
			}
			String clientId;
			do {
				clientId = SandboxCredentials.newClientId();
			}
			while (s.client(clientId) != null);
			String secret = SandboxCredentials.newSecret();
			String hash = SandboxCredentials.hash(secret);
			String generatedOn = SandboxCredentials.timestamp(Instant.now());
			String description = request.description() == null ? "" : request.description();
			s.putClient(new StoredClient(clientId, hash, caller.userId(), roles, generatedOn, description, expiry));
			return json(200, new CreatedToken(clientId, secret, s.orgId(), roles,
					SandboxCredentials.token(clientId, hash), generatedOn, expiry, description));
		});
	}

	private Response deleteToken(Request r, String clientId) throws IOException {
		return this.store.transact(s -> {
			authorize(s, r, PolicyActions.ORG_TOKEN_WRITE);
			if (s.client(clientId) == null) {
				throw SandboxException.notFound("token not found: " + clientId);
			}
			s.removeClient(clientId);
			return Response.EMPTY_200;
		});
	}

	// ---- authentication and authorisation

	/** Who is calling: the token's client id and the user it acts for. */
	record Caller(String clientId, String userId) {
	}

	/**
	 * Checks the bearer token of the request against the state (401 when missing, malformed, unknown,
	 * revoked or expired) and that its roles grant {@code action} (403 otherwise).
	 */
	private static Caller authorize(SandboxState s, Request r, String action) {
		String header = r.exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null || header.isBlank()) {
			throw new SandboxException(401, SandboxException.INVALID_TOKEN_FORMAT, "missing token");
		}
		String value = header.trim();
		if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new SandboxException(401, SandboxException.INVALID_TOKEN_FORMAT, "invalid token format");
		}
		var matcher = SandboxCredentials.TOKEN.matcher(value.substring(7).trim());
		if (!matcher.matches()) {
			throw new SandboxException(401, SandboxException.INVALID_TOKEN_FORMAT, "invalid token format");
		}
		StoredClient client = s.client(matcher.group(1));
		if (client == null || !SandboxCredentials.sameHash(client.tokenHash(), matcher.group(2))) {
			throw new SandboxException(401, SandboxException.UNKNOWN_TOKEN, "invalid token: unknown or revoked");
		}
		if (client.tokenExpiry() != null && expired(client.tokenExpiry())) {
			throw new SandboxException(401, SandboxException.TOKEN_EXPIRED, "token expired");
		}
		Set<String> granted = new HashSet<>();
		for (String roleId : client.roles()) {
			StoredRole role = s.role(roleId);
			if (role != null) {
				granted.addAll(role.policy().actions());
			}
		}
		if (!granted.contains(action)) {
			throw new SandboxException(403, SandboxException.FORBIDDEN,
					"permission denied: the token's roles do not grant " + action);
		}
		return new Caller(client.clientId(), client.userId());
	}

	private static boolean expired(String tokenExpiry) {
		try {
			return !Instant.now().isBefore(SandboxCredentials.parseTimestamp(tokenExpiry));
		}
		catch (DateTimeParseException ex) {
			return true;
		}
	}

	// ---- requests and responses

	/** A request body, parsed before the store is locked; a bad body is reported after authentication. */
	private record Body<T>(T value, String problem) {

		T get() {
			if (this.problem != null) {
				throw SandboxException.badRequest(this.problem);
			}
			return this.value;
		}

	}

	private static final class Request {

		final HttpExchange exchange;

		final String method;

		final List<String> path;

		ErrorForm errorForm = ErrorForm.STANDARD;

		String allow;

		Request(HttpExchange exchange) {
			this.exchange = exchange;
			this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
			String rawPath = exchange.getRequestURI().getPath();
			this.path = rawPath == null ? List.of()
					: Arrays.stream(rawPath.split("/")).filter(segment -> !segment.isEmpty()).toList();
		}

		/** 405 unless the method is one of these. */
		void allow(String... methods) {
			if (!List.of(methods).contains(this.method)) {
				this.allow = String.join(", ", methods);
				throw new SandboxException(405, SandboxException.METHOD_NOT_ALLOWED,
						"method " + this.method + " not allowed (allowed: " + this.allow + ")");
			}
		}

		<T> Body<T> body(Class<T> type) throws IOException {
			byte[] bytes;
			try (InputStream in = this.exchange.getRequestBody()) {
				bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			}
			if (bytes.length > MAX_BODY_BYTES) {
				return new Body<>(null, "request body too large");
			}
			if (bytes.length == 0) {
				return new Body<>(null, "request body is required");
			}
			try {
				T value = WireJson.mapper().readValue(bytes, type);
				return value == null ? new Body<>(null, "request body is required") : new Body<>(value, null);
			}
			catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
				return new Body<>(null, "invalid request body: " + firstLine(ex.getMessage()));
			}
		}

		private static String firstLine(String message) {
			if (message == null) {
				return "malformed JSON";
			}
			int newline = message.indexOf('\n');
			return newline < 0 ? message : message.substring(0, newline);
		}

	}

	private record Response(int status, String contentType, byte[] body) {

		static final Response EMPTY_200 = new Response(200, null, null);

		static final Response EMPTY_204 = new Response(204, null, null);

	}

	private static Response json(int status, Object body) {
		return new Response(status, JSON, WireJson.mapper().writeValueAsBytes(body));
	}

	private static Response error(ErrorForm form, int status, int errorId, String message) {
		return switch (form) {
			case STANDARD -> json(status, ApiErrors.of(errorId, message));
			case JSON_STRING -> json(status, message);
			case TEXT -> new Response(status, TEXT, message.getBytes(StandardCharsets.UTF_8));
		};
	}

	private static void send(HttpExchange exchange, Request request, Response response) throws IOException {
		if (request.allow != null) {
			exchange.getResponseHeaders().set("Allow", request.allow);
		}
		if (response.body() == null || request.method.equals("HEAD")) {
			exchange.sendResponseHeaders(response.status(), -1);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", response.contentType());
		exchange.sendResponseHeaders(response.status(), response.body().length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(response.body());
		}
	}

}
