package io.astrashell.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import io.astrashell.api.Exchange.Answer;
import io.astrashell.api.model.WireJson;
import org.springframework.http.HttpMethod;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;

/**
 * The Astra DevOps API for one base URL and one token, as four typed verbs: {@link #get},
 * {@link #post}, {@link #put} and {@link #delete} of a path. It knows no noun: the endpoints of each
 * noun are static functions of their own file over these verbs ({@link OrganizationApi},
 * {@link UsersApi}, {@link RolesApi}, {@link TokensApi}), and the verbs are package-private, so that
 * every path of the API is written in this package, one noun a file.
 *
 * <p>Bodies are written and read with {@link WireJson} (keys case-insensitive, unknown keys ignored);
 * a GET or DELETE sends no body; every non-2xx answer becomes a typed {@link ApiException}, read from
 * any of the API's error forms ({@link ErrorBodies}). A call is retried on 429, 502, 503 and 504
 * ({@code astra.http.retries}, honouring {@code Retry-After}), but for a POST, which is not idempotent.
 * Verbose logging names the method, path, status and time, never a header or a body, nor a password
 * of the URL.
 *
 * <p>Each request has a deadline ({@code astra.http.deadline}) and an answer a size limit
 * ({@code astra.http.max-response-size}); an interrupt of the calling thread ends a call at once with
 * {@link CallInterrupted}, its connection closed ({@link Exchange}). Requests go through the proxy of the
 * environment ({@link Proxies}). Redirects are followed only for a GET within the same origin; any other
 * is reported ({@link ApiException.Redirected}), so that the token never goes elsewhere.
 */
public final class DevOpsClient {

	private final String baseUrl;

	/** The base URL as shown in messages and {@code -v} lines: any password masked. */
	private final String shownUrl;

	private final HttpSettings settings;

	private final Exchange exchange;

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
		this.exchange = new Exchange(baseUrl, shownUrl, token, settings, trace, proxies, tls);
		this.paced = false;
	}

	private DevOpsClient(DevOpsClient of) {
		this.baseUrl = of.baseUrl;
		this.shownUrl = of.shownUrl;
		this.settings = of.settings;
		this.trace = of.trace;
		this.exchange = of.exchange;
		this.paced = true;
	}

	/** Whether a throttled answer comes back at once ({@link #paced()}) rather than being retried here. */
	private final boolean paced;

	/**
	 * The same client (its connections, token and route) for a caller that paces its own requests
	 * ({@code org apply}): a throttled answer (429, or 503 with a {@code Retry-After}) is not retried
	 * here but comes back at once as {@link ApiException.Throttled}; 502, 503 and 504 without one are
	 * retried as ever.
	 */
	public DevOpsClient paced() {
		return paced ? this : new DevOpsClient(this);
	}

	public String baseUrl() {
		return baseUrl;
	}

	/** How this client's requests go: directly, or through which proxy (for {@code -v} and errors). */
	public Proxies.Route route() {
		return exchange.transport().route();
	}

	// ---- the verbs, for the noun files of this package

	/** Reads a whole answer's body; a {@link JacksonException} makes the answer an unexpected one. */
	interface BodyReader<T> {

		T read(Body body) throws JacksonException;

	}

	/** GET {@code path} (no body sent), its answer read as {@code type}. */
	<T> T get(String path, Class<T> type) {
		return call(HttpMethod.GET, path, null, body -> read(body, WireJson.mapper().constructType(type)));
	}

	/** GET {@code path}, its answer read as {@code type} (a generic type). */
	<T> T get(String path, TypeReference<T> type) {
		return call(HttpMethod.GET, path, null, body -> read(body, WireJson.mapper().constructType(type)));
	}

	/**
	 * GET {@code path}, its answer a JSON array read as a list of {@code item}: never null ({@code null}
	 * reads as empty) and without a null item, as the records' own lists ({@code WireLists}).
	 */
	<T> List<T> getList(String path, Class<T> item) {
		List<T> list = call(HttpMethod.GET, path, null, body -> read(body,
				WireJson.mapper().getTypeFactory().constructCollectionType(List.class, item)));
		if (list == null) {
			return Collections.emptyList(); // not List.of(), whose contains(null) throws
		}
		return list.contains(null) ? list.stream().filter(Objects::nonNull).toList() : list;
	}

	/** GET {@code path}, its answer read by {@code reader} (e.g. a streaming read of a few fields). */
	<T> T get(String path, BodyReader<T> reader) {
		return call(HttpMethod.GET, path, null, reader);
	}

	/** POST {@code body} (as JSON) to {@code path}, its answer read as {@code type}; never retried. */
	<T> T post(String path, Object body, Class<T> type) {
		return call(HttpMethod.POST, path, body, answer -> read(answer, WireJson.mapper().constructType(type)));
	}

	/** PUT {@code body} (as JSON) to {@code path}; any answer body is left unread. */
	void put(String path, Object body) {
		call(HttpMethod.PUT, path, body, null);
	}

	/** DELETE {@code path} (no body sent); any answer body is left unread. */
	void delete(String path) {
		call(HttpMethod.DELETE, path, null, null);
	}

	private static <T> T read(Body body, JavaType type) throws JacksonException {
		try (JsonParser parser = body.parser(WireJson.mapper())) {
			return WireJson.mapper().readValue(parser, type);
		}
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
			Answer answer = exchange.exchange(method, path, uri, bytes);
			if (answer.isSuccess()) {
				if (reader == null) {
					return null;
				}
				if (answer.body().size() == 0) {
					throw new ApiException.UnexpectedResponse(answer.status(), method.name(), path,
							"the answer had no body");
				}
				try {
					return reader.read(answer.body());
				}
				catch (JacksonException e) {
					throw new ApiException.UnexpectedResponse(answer.status(), method.name(), path,
							"the answer could not be read as the API's JSON");
				}
				catch (OutOfMemoryError e) {
					throw new ApiException.TooLarge(answer.status(), method.name(), path, answer.body().size(), true);
				}
			}
			if (answer.isRedirect()) {
				URI target = redirectTarget(method, path, uri, answer);
				if (method == HttpMethod.GET && sameOrigin(uri, target) && redirects < MAX_REDIRECTS) {
					redirects++;
					URI from = uri;
					trace.log(() -> method + " " + Urls.masked(from.toString()) + " answered " + answer.status()
							+ ": following the redirect to " + Urls.masked(target.toString()));
					uri = target;
					continue;
				}
				throw new ApiException.Redirected(answer.status(), method.name(), path, Urls.masked(target.toString()),
						!sameOrigin(uri, target) ? "another origin than " + shownUrl
								: method != HttpMethod.GET ? "for a " + method + " request" : "once too many");
			}
			if (retryable && attempt < settings.retries() && isRetryable(answer.status())
					&& !(paced && isThrottled(answer))) {
				attempt++;
				Duration wait = retryWait(answer.retryAfter(), attempt);
				trace.log(() -> method + " " + path + " answered " + answer.status() + ": retry in " + wait.toMillis()
						+ " ms");
				sleep(wait, method, path);
				continue;
			}
			if (answer.status() == 407) { // from the proxy of plain http requests (a tunnel's refusal comes as an exception)
				Proxies.Route route = exchange.transport().route();
				exchange.transport().refuseCredentials();
				throw new ApiException.Unreachable(method.name(), path, shownUrl,
						ApiException.Unreachable.Kind.PROXY_AUTH, (route.isProxied() ? "the proxy " + route : "a proxy")
								+ " answered 407 Proxy Authentication Required: " + (route.hasCredentials()
										? Failure.refused(route) : "it asks for a user and password; give them in "
												+ (route.isProxied() ? route.variable() : "HTTP_PROXY")
												+ " (user:password@ before its host)"), null);
			}
			String message = ErrorBodies.message(answer.contentType(), answer.body().bytes());
			if (isThrottled(answer)) {
				throw new ApiException.Throttled(answer.status(), method.name(), path, message,
						retryAfter(answer.retryAfter()));
			}
			throw ApiException.of(answer.status(), method.name(), path, message);
		}
	}

	private static URI redirectTarget(HttpMethod method, String path, URI from, Answer answer) {
		if (answer.location() == null || answer.location().isBlank()) {
			throw new ApiException.UnexpectedResponse(answer.status(), method.name(), path,
					"a redirect that names no location");
		}
		try {
			URI target = from.resolve(answer.location().trim());
			if (target.getScheme() == null || target.getHost() == null) {
				throw new IllegalArgumentException();
			}
			return target;
		}
		catch (IllegalArgumentException e) {
			throw new ApiException.UnexpectedResponse(answer.status(), method.name(), path,
					"a redirect to a malformed location: " + Urls.masked(answer.location()));
		}
	}

	private static boolean sameOrigin(URI a, URI b) {
		return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
				&& port(a) == port(b);
	}

	private static int port(URI uri) {
		return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/** 429, or 503 naming when to come back: the service asks to slow down. */
	private static boolean isThrottled(Answer answer) {
		return answer.status() == 429 || (answer.status() == 503 && answer.retryAfter() != null);
	}

	private static boolean isRetryable(int status) {
		return status == 429 || status == 502 || status == 503 || status == 504;
	}

	private Duration retryWait(String retryAfter, int attempt) {
		Duration named = retryAfter(retryAfter);
		Duration wait = named == null ? Duration.ofMillis(250L << Math.min(attempt, 6)) : named;
		return wait.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : wait;
	}

	/** A {@code Retry-After} (seconds, or an HTTP date) as a wait (never negative), or null when absent or unreadable. */
	static Duration retryAfter(String retryAfter) {
		if (retryAfter == null || retryAfter.isBlank()) {
			return null;
		}
		Duration wait;
		try {
			wait = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
		}
		catch (NumberFormatException e) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
			}
			catch (RuntimeException ignored) {
				return null;
			}
		}
		return wait.isNegative() ? Duration.ZERO : wait;
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
