package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.CurrentOrganization;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationSummary;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.RoleRequest;
import io.astrashell.api.model.TokenList;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;
import io.astrashell.api.model.WireJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.type.TypeReference;

/**
 * The organization endpoints of the Astra DevOps API for one base URL and one token. Bodies are
 * written and read with {@link WireJson} (keys case-insensitive); every non-2xx answer becomes a typed
 * {@link ApiException}. Verbose logging names the method, path, status and time, never a header or
 * a body, nor a password of the URL.
 *
 * <p>Each request has a deadline ({@code astra.http.deadline}) and an answer a size limit
 * ({@code astra.http.max-response-size}); an interrupt of the calling thread ends a call at once with
 * {@link CallInterrupted}, its connection closed. Requests go through the proxy of the environment
 * ({@link Proxies}). Redirects are followed only for a GET within the same origin; any other is
 * reported ({@link ApiException.Redirected}), so that the token never goes elsewhere.
 */
public final class DevOpsClient {

	private static final TypeReference<List<Role>> ROLE_LIST = new TypeReference<>() {
	};

	private final String baseUrl;

	/** The base URL as shown in messages and {@code -v} lines: any password masked. */
	private final String shownUrl;

	private final HttpSettings settings;

	private final Transport transport;

	private final RestClient rest;

	private final Trace trace;

	public DevOpsClient(URI baseUrl, String token, HttpSettings settings) {
		this(baseUrl, token, settings, Trace.NONE);
	}

	public DevOpsClient(URI baseUrl, String token, HttpSettings settings, Trace trace) {
		this(baseUrl, token, settings, trace, Proxies.NONE);
	}

	/**
	 * @param proxies the proxy variables of the environment
	 * @throws Proxies.Invalid when the proxy variable that applies to {@code baseUrl} is not usable
	 */
	public DevOpsClient(URI baseUrl, String token, HttpSettings settings, Trace trace, Proxies proxies) {
		this(baseUrl, token, settings, trace, proxies, null);
	}

	/** {@code tls} (tests): the TLS socket factory to use instead of the JDK's default one. */
	DevOpsClient(URI baseUrl, String token, HttpSettings settings, Trace trace, Proxies proxies, SSLSocketFactory tls) {
		this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
		this.shownUrl = Urls.masked(this.baseUrl);
		this.settings = settings;
		this.trace = trace;
		this.transport = new Transport(settings, proxies.route(baseUrl), tls, proxies.refused());
		if (transport.route().proxy() != null) {
			trace.log(() -> "connections to " + shownUrl + ": " + (transport.route().isProxied()
					? "through the proxy " + transport.route() : transport.route()));
		}
		this.rest = RestClient.builder()
			.requestFactory(transport)
			.messageConverters(List.of(new ByteArrayHttpMessageConverter(),
					new StringHttpMessageConverter(StandardCharsets.UTF_8)))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.defaultHeader(HttpHeaders.USER_AGENT, "astra-shell")
			.build();
	}

	public String baseUrl() {
		return baseUrl;
	}

	/** How this client's requests go: directly, or through which proxy (for {@code -v} and errors). */
	public Proxies.Route route() {
		return transport.route();
	}

	// ---- organization

	public CurrentOrganization currentOrganization() {
		return get("/v2/currentOrg", CurrentOrganization.class);
	}

	/** The organization's id and name from the users listing, its users left unread. */
	public OrganizationSummary organization() {
		return call(HttpMethod.GET, "/v2/organizations/users", null, DevOpsClient::organizationSummary);
	}

	/**
	 * The listing's top-level {@code OrgID} and {@code OrgName} (any key casing), read with Jackson's
	 * streaming parser; every other value, the users among them, is skipped unread. Binding the two
	 * fields to the record instead would cost, on every one-shot {@code org}, Jackson's introspection
	 * of the record and the JDK's first method-handle spreader (through which Jackson calls a record's
	 * constructor): binding the listing instead cost 46 ms of CPU time on the HTTPS one-shot in paired
	 * A/B medians (see {@link io.astrashell.startup}).
	 */
	static OrganizationSummary organizationSummary(Body body) throws JacksonException {
		try (JsonParser parser = body.parser(WireJson.mapper())) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new StreamReadException(parser, "the users listing is not a JSON object");
			}
			String id = null;
			String name = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value.isScalarValue() && "OrgID".equalsIgnoreCase(key)) {
					id = parser.getValueAsString();
				}
				else if (value.isScalarValue() && "OrgName".equalsIgnoreCase(key)) {
					name = parser.getValueAsString();
				}
				else {
					parser.skipChildren();
				}
			}
			return new OrganizationSummary(id, name);
		}
	}

	// ---- users

	public OrganizationUsers users() {
		return get("/v2/organizations/users", OrganizationUsers.class);
	}

	public User user(String userId) {
		return get("/v2/organizations/users/" + segment(userId), User.class);
	}

	public void inviteUser(InviteUserRequest request) {
		send(HttpMethod.PUT, "/v2/organizations/users", request);
	}

	public void deleteUser(String userId) {
		send(HttpMethod.DELETE, "/v2/organizations/users/" + segment(userId), null);
	}

	/** Replaces the user's roles with these role ids. */
	public void setUserRoles(String userId, UserRolesRequest request) {
		send(HttpMethod.PUT, "/v2/organizations/users/" + segment(userId) + "/roles", request);
	}

	// ---- roles

	public List<Role> roles() {
		return call(HttpMethod.GET, "/v2/organizations/roles", null, body -> read(body, ROLE_LIST));
	}

	public Role role(String roleId) {
		return get("/v2/organizations/roles/" + segment(roleId), Role.class);
	}

	public Role createRole(RoleRequest request) {
		return call(HttpMethod.POST, "/v2/organizations/roles", request, body -> read(body, Role.class));
	}

	/** Replaces the role's name and policy. */
	public void updateRole(String roleId, RoleRequest request) {
		send(HttpMethod.PUT, "/v2/organizations/roles/" + segment(roleId), request);
	}

	public void deleteRole(String roleId) {
		send(HttpMethod.DELETE, "/v2/organizations/roles/" + segment(roleId), null);
	}

	// ---- tokens

	public TokenList tokens() {
		return get("/v2/clientIdSecrets", TokenList.class);
	}

	public CreatedToken createToken(CreateTokenRequest request) {
		return call(HttpMethod.POST, "/v2/clientIdSecrets", request, body -> read(body, CreatedToken.class));
	}

	public void deleteToken(String clientId) {
		send(HttpMethod.DELETE, "/v2/clientIdSecrets/" + segment(clientId), null);
	}

	// ---- plumbing

	private <T> T get(String path, Class<T> type) {
		return call(HttpMethod.GET, path, null, body -> read(body, type));
	}

	private static <T> T read(Body body, Class<T> type) throws JacksonException {
		try (JsonParser parser = body.parser(WireJson.mapper())) {
			return WireJson.mapper().readValue(parser, type);
		}
	}

	private static <T> T read(Body body, TypeReference<T> type) throws JacksonException {
		try (JsonParser parser = body.parser(WireJson.mapper())) {
			return WireJson.mapper().readValue(parser, type);
		}
	}

	private void send(HttpMethod method, String path, Object body) {
		call(method, path, body, null);
	}

	private interface BodyReader<T> {

		T read(Body body) throws JacksonException;

	}

	/** Same-origin redirects of a GET followed at most this many times. */
	private static final int MAX_REDIRECTS = 5;

	/**
	 * One call, retried where allowed; {@code reader} null when the answer has no body to read. An
	 * interrupt of the calling thread, before or during the call or while it waits to retry, ends it at
	 * once with {@link CallInterrupted} (the thread stays interrupted).
	 */
	private <T> T call(HttpMethod method, String path, Object requestBody, BodyReader<T> reader) {
		boolean retryable = method != HttpMethod.POST;
		byte[] bytes = requestBody == null ? null : WireJson.mapper().writeValueAsBytes(requestBody);
		URI uri = URI.create(baseUrl + path);
		int attempt = 0;
		int redirects = 0;
		while (true) {
			Answer answer = exchange(method, path, uri, bytes);
			if (answer.isSuccess()) {
				if (reader == null) {
					return null;
				}
				if (answer.body.size() == 0) {
					throw new ApiException.UnexpectedResponse(answer.status, method.name(), path,
							"the answer had no body");
				}
				try {
					return reader.read(answer.body);
				}
				catch (JacksonException e) {
					throw new ApiException.UnexpectedResponse(answer.status, method.name(), path,
							"the answer could not be read as the API's JSON");
				}
				catch (OutOfMemoryError e) {
					throw new ApiException.TooLarge(answer.status, method.name(), path, answer.body.size(), true);
				}
			}
			if (answer.isRedirect()) {
				URI target = redirectTarget(method, path, uri, answer);
				if (method == HttpMethod.GET && sameOrigin(uri, target) && redirects < MAX_REDIRECTS) {
					redirects++;
					URI from = uri;
					trace.log(() -> method + " " + Urls.masked(from.toString()) + " answered " + answer.status
							+ ": following the redirect to " + Urls.masked(target.toString()));
					uri = target;
					continue;
				}
				throw new ApiException.Redirected(answer.status, method.name(), path, Urls.masked(target.toString()),
						!sameOrigin(uri, target) ? "another origin than " + shownUrl
								: method != HttpMethod.GET ? "for a " + method + " request" : "once too many");
			}
			if (retryable && attempt < settings.retries() && isRetryable(answer.status)) {
				attempt++;
				Duration wait = retryWait(answer.retryAfter, attempt);
				trace.log(() -> method + " " + path + " answered " + answer.status + ": retry in " + wait.toMillis()
						+ " ms");
				sleep(wait, method, path);
				continue;
			}
			if (answer.status == 407) { // from the proxy of plain http requests (a tunnel's refusal comes as an exception)
				Proxies.Route route = transport.route();
				transport.refuseCredentials();
				throw new ApiException.Unreachable(method.name(), path, shownUrl,
						ApiException.Unreachable.Kind.PROXY_AUTH, (route.isProxied() ? "the proxy " + route : "a proxy")
								+ " answered 407 Proxy Authentication Required: " + (route.hasCredentials()
										? Failure.refused(route) : "it asks for a user and password; give them in "
												+ (route.isProxied() ? route.variable() : "HTTP_PROXY")
												+ " (user:password@ before its host)"), null);
			}
			throw ApiException.of(answer.status, method.name(), path, ErrorBodies.message(answer.contentType,
					answer.body.bytes()));
		}
	}

	private static URI redirectTarget(HttpMethod method, String path, URI from, Answer answer) {
		if (answer.location == null || answer.location.isBlank()) {
			throw new ApiException.UnexpectedResponse(answer.status, method.name(), path,
					"a redirect that names no location");
		}
		try {
			URI target = from.resolve(answer.location.trim());
			if (target.getScheme() == null || target.getHost() == null) {
				throw new IllegalArgumentException();
			}
			return target;
		}
		catch (IllegalArgumentException e) {
			throw new ApiException.UnexpectedResponse(answer.status, method.name(), path,
					"a redirect to a malformed location: " + Urls.masked(answer.location));
		}
	}

	private static boolean sameOrigin(URI a, URI b) {
		return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
				&& port(a) == port(b);
	}

	private static int port(URI uri) {
		return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private record Answer(int status, String contentType, String retryAfter, String location, Body body) {

		boolean isSuccess() {
			return status >= 200 && status < 300;
		}

		boolean isRedirect() {
			return status >= 300 && status < 400 && status != 304;
		}

	}

	/** Error bodies are read for their message only: this much of one is enough. */
	private static final long MAX_ERROR_BODY = 64 * 1024;

	/**
	 * One request and its answer, run on its own thread ({@link Transport.InFlight}) so that this
	 * thread stops waiting at once when interrupted, or when {@code astra.http.deadline} passes: the
	 * connection is then closed.
	 */
	private Answer exchange(HttpMethod method, String path, URI uri, byte[] requestBody) {
		if (Thread.currentThread().isInterrupted()) {
			throw new CallInterrupted(method.name(), path);
		}
		if (transport.credentialsRefused()) {
			trace.log(() -> method + " " + shownUrl + path + " -> not sent: the proxy refused its credentials before");
			throw new ApiException.Unreachable(method.name(), path, shownUrl, ApiException.Unreachable.Kind.PROXY_AUTH,
					Failure.refusedBefore(transport.route()), null);
		}
		long start = System.nanoTime();
		Transport.InFlight inFlight = new Transport.InFlight(() -> send(method, path, uri, requestBody),
				requestBody != null);
		inFlight.start();
		// a deadline of more than 3 years is taken as 3 years, which keeps the sum below the overflow
		long deadline = start + Math.min(settings.deadline().toMillis(), 100L * 1000 * 1000 * 1000) * 1_000_000;
		try {
			long left;
			while (inFlight.isAlive() && (left = deadline - System.nanoTime()) > 0) {
				inFlight.join(Math.max(1, left / 1_000_000));
			}
		}
		catch (InterruptedException e) {
			inFlight.abort();
			Thread.currentThread().interrupt();
			trace.log(() -> method + " " + shownUrl + path + " -> interrupted: the connection was closed");
			throw new CallInterrupted(method.name(), path);
		}
		if (inFlight.isAlive()) {
			inFlight.abort();
			trace.log(() -> method + " " + shownUrl + path + " -> no complete answer within "
					+ settings.deadline().toMillis() + " ms: the connection was closed");
			throw new ApiException.Incomplete(method.name(), path, shownUrl, settings.deadline());
		}
		Throwable failure = inFlight.failure();
		if (failure == null) {
			Answer answer = (Answer) inFlight.result();
			trace.log(() -> method + " " + Urls.masked(uri.toString()) + " -> " + answer.status + " ("
					+ (System.nanoTime() - start) / 1_000_000 + " ms, " + answer.body.size() + " bytes)");
			return answer;
		}
		if (failure instanceof ResourceAccessException e) {
			if (transport.x25519Refused(e.getMostSpecificCause())) {
				// nothing reached the server (the handshake failed first): safe to send again, POST included
				trace.log(() -> method + " " + shownUrl + path + " -> the server does not offer x25519: "
						+ "again with the JDK's default key exchange groups");
				return exchange(method, path, uri, requestBody);
			}
			trace.log(() -> method + " " + shownUrl + path + " -> no answer: " + e.getMostSpecificCause());
			throw unreachable(method, path, e.getMostSpecificCause(), e);
		}
		if (failure instanceof ApiException || failure instanceof java.util.concurrent.CancellationException) {
			throw (RuntimeException) failure;
		}
		if (failure instanceof RuntimeException e) {
			// anything else the HTTP stack threw while reading the answer: a broken answer, not a bug to show
			throw broken(method, path, "the server's answer could not be read as HTTP", e);
		}
		if (failure instanceof Error e) {
			throw e;
		}
		throw new IllegalStateException(failure);
	}

	/** On the request's own thread: sends the request and reads the answer within the size limit. */
	private Answer send(HttpMethod method, String path, URI uri, byte[] requestBody) {
		RestClient.RequestBodySpec spec = rest.method(method).uri(uri);
		if (requestBody != null) {
			spec.contentType(MediaType.APPLICATION_JSON).body(requestBody);
		}
		return spec.exchange((request, response) -> {
			Transport.InFlight inFlight = Transport.InFlight.current();
			int status = 0;
			try {
				status = AnswerHeads.status(response);
				HttpHeaders headers = response.getHeaders();
				MediaType type = AnswerHeads.contentType(headers);
				long announced = AnswerHeads.contentLength(headers);
				boolean success = status >= 200 && status < 300;
				long limit = success ? settings.maxResponseSize() : Math.min(MAX_ERROR_BODY, settings.maxResponseSize());
				if (success && announced > limit) {
					throw new ApiException.TooLarge(status, method.name(), path, settings.maxResponseSize(), false);
				}
				Body body;
				if (status >= 300 && status < 400) {
					body = Body.EMPTY; // a redirect's page is not read
				}
				else {
					try (InputStream in = response.getBody()) {
						body = Body.read(in, announced, limit, !success, inFlight::checkNotAborted);
					}
				}
				if (body.isCut() || body == Body.EMPTY) {
					disconnect(inFlight);
				}
				return new Answer(status, type == null ? null : type.toString(), headers.getFirst(HttpHeaders.RETRY_AFTER),
						headers.getFirst(HttpHeaders.LOCATION), body);
			}
			catch (Body.LimitExceeded e) {
				disconnect(inFlight);
				throw new ApiException.TooLarge(status, method.name(), path, settings.maxResponseSize(), false);
			}
			catch (AnswerHeads.NotHttp e) {
				disconnect(inFlight);
				throw broken(method, path, "the server's answer is not HTTP (" + e.getMessage() + ")", e);
			}
			catch (Body.Truncated e) {
				disconnect(inFlight);
				throw broken(method, path, "the server closed the connection before the end of its answer (" + e.read
						+ " of " + e.announced + " bytes)", e);
			}
			catch (OutOfMemoryError e) {
				disconnect(inFlight);
				throw new ApiException.TooLarge(status, method.name(), path, -1, true);
			}
			catch (IOException | RuntimeException e) {
				disconnect(inFlight);
				throw e;
			}
		}, false);
	}

	/** Closes the request's connection rather than let anyone drain what is left of the answer. */
	private static void disconnect(Transport.InFlight inFlight) {
		if (inFlight != null && inFlight.connection != null) {
			inFlight.connection.disconnect();
		}
	}

	/** An answer that is not HTTP, or not whole: one plain sentence, the connection closed. */
	private ApiException broken(HttpMethod method, String path, String what, Throwable cause) {
		trace.log(() -> method + " " + shownUrl + path + " -> " + what);
		return new ApiException.Unreachable(method.name(), path, shownUrl, ApiException.Unreachable.Kind.OTHER, what,
				cause);
	}

	private ApiException unreachable(HttpMethod method, String path, Throwable cause, Throwable whole) {
		Failure f = Failure.describe(cause, whole, transport.route(), settings);
		if (f.kind() == ApiException.Unreachable.Kind.PROXY_AUTH) {
			transport.refuseCredentials();
		}
		return new ApiException.Unreachable(method.name(), path, shownUrl, f.kind(), f.what(), whole);
	}

	private static boolean isRetryable(int status) {
		return status == 429 || status == 502 || status == 503 || status == 504;
	}

	private Duration retryWait(String retryAfter, int attempt) {
		Duration wait = Duration.ofMillis(250L << Math.min(attempt, 6));
		if (retryAfter != null) {
			try {
				wait = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
			}
			catch (NumberFormatException e) {
				try {
					ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
					wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
				}
				catch (RuntimeException ignored) {
					// keep the back-off
				}
			}
		}
		if (wait.isNegative()) {
			wait = Duration.ZERO;
		}
		return wait.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : wait;
	}

	/** The wait before a retry; an interrupt ends it, and the call, at once. */
	private static void sleep(Duration wait, HttpMethod method, String path) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CallInterrupted(method.name(), path);
		}
	}

	/** An id as one path segment: anything outside the safe set is percent-encoded. */
	static String segment(String id) {
		StringBuilder b = new StringBuilder();
		for (byte c : id.getBytes(StandardCharsets.UTF_8)) {
			int u = c & 0xff;
			if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_'
					|| u == '.' || u == '~') {
				b.append((char) u);
			}
			else {
				b.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
			}
		}
		return b.toString();
	}

	@Override
	public String toString() {
		return "DevOpsClient[" + shownUrl + "]";
	}

}
