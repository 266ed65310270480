package io.astrashell.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

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
import org.springframework.http.client.SimpleClientHttpRequestFactory;
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
 * a body.
 */
public final class DevOpsClient {

	private static final TypeReference<List<Role>> ROLE_LIST = new TypeReference<>() {
	};

	private final String baseUrl;

	private final HttpSettings settings;

	private final RestClient rest;

	private final Trace trace;

	public DevOpsClient(URI baseUrl, String token, HttpSettings settings) {
		this(baseUrl, token, settings, Trace.NONE);
	}

	public DevOpsClient(URI baseUrl, String token, HttpSettings settings, Trace trace) {
		this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
		this.settings = settings;
		this.trace = trace;
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(settings.connectTimeout());
		factory.setReadTimeout(settings.readTimeout());
		this.rest = RestClient.builder()
			.baseUrl(this.baseUrl)
			.requestFactory(factory)
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
	 * constructor): about 20 ms of a 280 ms command.
	 */
	static OrganizationSummary organizationSummary(byte[] body) throws JacksonException {
		try (JsonParser parser = WireJson.mapper().createParser(body)) {
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
		return call(HttpMethod.GET, "/v2/organizations/roles", null, body -> WireJson.mapper().readValue(body, ROLE_LIST));
	}

	public Role role(String roleId) {
		return get("/v2/organizations/roles/" + segment(roleId), Role.class);
	}

	public Role createRole(RoleRequest request) {
		return call(HttpMethod.POST, "/v2/organizations/roles", request,
				body -> WireJson.mapper().readValue(body, Role.class));
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
		return call(HttpMethod.POST, "/v2/clientIdSecrets", request,
				body -> WireJson.mapper().readValue(body, CreatedToken.class));
	}

	public void deleteToken(String clientId) {
		send(HttpMethod.DELETE, "/v2/clientIdSecrets/" + segment(clientId), null);
	}

	// ---- plumbing

	private <T> T get(String path, Class<T> type) {
		return call(HttpMethod.GET, path, null, body -> WireJson.mapper().readValue(body, type));
	}

	private void send(HttpMethod method, String path, Object body) {
		call(method, path, body, null);
	}

	private interface BodyReader<T> {

		T read(byte[] body) throws JacksonException;

	}

	/** One call, retried where allowed; {@code reader} null when the answer has no body to read. */
	private <T> T call(HttpMethod method, String path, Object requestBody, BodyReader<T> reader) {
		boolean retryable = method != HttpMethod.POST;
		int attempt = 0;
		while (true) {
			Answer answer = exchange(method, path, requestBody);
			if (answer.isSuccess()) {
				if (reader == null) {
					return null;
				}
				if (answer.body.length == 0) {
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
			}
			if (retryable && attempt < settings.retries() && isRetryable(answer.status)) {
				attempt++;
				Duration wait = retryWait(answer.retryAfter, attempt);
				trace.log(() -> method + " " + path + " answered " + answer.status + ": retry in " + wait.toMillis()
						+ " ms");
				sleep(wait);
				continue;
			}
			throw ApiException.of(answer.status, method.name(), path, ErrorBodies.message(answer.contentType,
					answer.body));
		}
	}

	private record Answer(int status, String contentType, String retryAfter, byte[] body) {

		boolean isSuccess() {
			return status >= 200 && status < 300;
		}

	}

	private Answer exchange(HttpMethod method, String path, Object requestBody) {
		long start = System.nanoTime();
		try {
			RestClient.RequestBodySpec spec = rest.method(method).uri(URI.create(baseUrl + path));
			if (requestBody != null) {
				spec.contentType(MediaType.APPLICATION_JSON).body(WireJson.mapper().writeValueAsBytes(requestBody));
			}
			Answer answer = spec.exchange((request, response) -> {
				byte[] body = response.getBody().readAllBytes();
				MediaType type = response.getHeaders().getContentType();
				return new Answer(response.getStatusCode().value(), type == null ? null : type.toString(),
						response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), body);
			});
			trace.log(() -> method + " " + baseUrl + path + " -> " + answer.status + " ("
					+ (System.nanoTime() - start) / 1_000_000 + " ms)");
			return answer;
		}
		catch (ResourceAccessException e) {
			trace.log(() -> method + " " + baseUrl + path + " -> no answer: " + e.getMostSpecificCause());
			throw unreachable(method, path, e);
		}
	}

	private ApiException unreachable(HttpMethod method, String path, ResourceAccessException e) {
		Throwable cause = e.getMostSpecificCause();
		String what;
		if (cause instanceof ConnectException) {
			what = "connection refused";
		}
		else if (cause instanceof UnknownHostException) {
			what = "unknown host " + cause.getMessage();
		}
		else if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
			what = "no answer within the timeout (" + (cause.getMessage() != null
					&& cause.getMessage().toLowerCase().contains("connect") ? "connect "
							+ settings.connectTimeout().toMillis() : "read " + settings.readTimeout().toMillis())
					+ " ms)";
		}
		else if (cause instanceof IOException io) {
			what = io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage());
		}
		else {
			what = String.valueOf(cause.getMessage());
		}
		return new ApiException.Unreachable(method.name(), path, baseUrl, what, e);
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

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to retry", e);
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
		return "DevOpsClient[" + baseUrl + "]";
	}

}
