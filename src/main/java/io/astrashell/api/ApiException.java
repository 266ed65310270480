package io.astrashell.api;

import java.time.Duration;
import java.util.Locale;

/**
 * A failed call to the DevOps API, typed by what went wrong. {@link #serverMessage()} is what the
 * service said (from any of its error-body forms), or null.
 */
public abstract sealed class ApiException extends RuntimeException {

	private final int status;

	private final String method;

	private final String path;

	private final String serverMessage;

	ApiException(int status, String method, String path, String serverMessage, String summary, Throwable cause) {
		super(method + " " + path + ": " + summary + (serverMessage == null ? "" : " (" + serverMessage + ")"), cause);
		this.status = status;
		this.method = method;
		this.path = path;
		this.serverMessage = serverMessage;
	}

	/** The HTTP status, or 0 when no answer came. */
	public int status() {
		return status;
	}

	public String method() {
		return method;
	}

	public String path() {
		return path;
	}

	public String serverMessage() {
		return serverMessage;
	}

	/** What the service said, or a fallback. */
	public String reason(String fallback) {
		return serverMessage == null || serverMessage.isBlank() ? fallback : serverMessage;
	}

	static ApiException of(int status, String method, String path, String serverMessage) {
		return switch (status) {
			case 400, 422 -> new BadRequest(status, method, path, serverMessage);
			case 401 -> new Unauthorized(method, path, serverMessage);
			case 403 -> new Forbidden(method, path, serverMessage);
			case 404 -> new NotFound(method, path, serverMessage);
			case 409 -> new Conflict(method, path, serverMessage);
			default -> status >= 500 ? new ServerError(status, method, path, serverMessage)
					: new UnexpectedResponse(status, method, path, serverMessage);
		};
	}

	/** 400: the request was refused as invalid. */
	public static final class BadRequest extends ApiException {

		BadRequest(int status, String method, String path, String serverMessage) {
			super(status, method, path, serverMessage, "bad request", null);
		}

	}

	/** 401: missing, malformed, unknown or revoked token, or a token of another environment. */
	public static final class Unauthorized extends ApiException {

		Unauthorized(String method, String path, String serverMessage) {
			super(401, method, path, serverMessage, "unauthorized", null);
		}

	}

	/** 403: the token's roles lack the permission. */
	public static final class Forbidden extends ApiException {

		Forbidden(String method, String path, String serverMessage) {
			super(403, method, path, serverMessage, "forbidden", null);
		}

	}

	/** 404: the user, role or token does not exist. */
	public static final class NotFound extends ApiException {

		NotFound(String method, String path, String serverMessage) {
			super(404, method, path, serverMessage, "not found", null);
		}

	}

	/** 409: a conflict, such as a role name already used. */
	public static final class Conflict extends ApiException {

		Conflict(String method, String path, String serverMessage) {
			super(409, method, path, serverMessage, "conflict", null);
		}

	}

	/**
	 * 429, or 503 with a {@code Retry-After}: the service asks the client to slow down; the request
	 * did not happen. {@link #retryAfter()} is the wait it named, or null.
	 */
	public static final class Throttled extends ApiException {

		private final Duration retryAfter;

		Throttled(int status, String method, String path, String serverMessage, Duration retryAfter) {
			super(status, method, path, serverMessage, (status == 429 ? "throttled (429)" : "unavailable (" + status
					+ ")") + (retryAfter == null ? "" : ", retry after " + duration(retryAfter)), null);
			this.retryAfter = retryAfter;
		}

		/** The wait the answer's {@code Retry-After} named (never negative), or null when it named none. */
		public Duration retryAfter() {
			return retryAfter;
		}

	}

	/** 5xx: the service failed. */
	public static final class ServerError extends ApiException {

		ServerError(int status, String method, String path, String serverMessage) {
			super(status, method, path, serverMessage, "server error " + status, null);
		}

	}

	/** Any other status, or a success whose body could not be read. */
	public static final class UnexpectedResponse extends ApiException {

		UnexpectedResponse(int status, String method, String path, String serverMessage) {
			super(status, method, path, serverMessage, "unexpected answer " + status, null);
		}

	}

	/**
	 * No answer: connection refused, unknown host, timeout, a certificate not trusted, a proxy that
	 * refused. {@link #baseUrl()} has any password masked.
	 */
	public static final class Unreachable extends ApiException {

		/** What went wrong, for the hint that goes with it. */
		public enum Kind {

			/** Nothing listens at the address (or the proxy's). */
			REFUSED,
			/** The host name is unknown. */
			UNKNOWN_HOST,
			/** No connection, or no answer, within the timeouts. */
			TIMEOUT,
			/** The TLS handshake failed: the server's certificate is not trusted, or TLS itself failed. */
			TLS,
			/** The proxy refused or failed the request. */
			PROXY,
			/** The proxy asks for a user and password (407), or refused those given: a matter of configuration. */
			PROXY_AUTH,
			/** Anything else. */
			OTHER

		}

		private final String baseUrl;

		private final Kind kind;

		Unreachable(String method, String path, String baseUrl, Kind kind, String what, Throwable cause) {
			super(0, method, path, null, what, cause);
			this.baseUrl = baseUrl;
			this.kind = kind;
		}

		public String baseUrl() {
			return baseUrl;
		}

		public Kind kind() {
			return kind;
		}

	}

	/**
	 * The answer did not come whole within {@code astra.http.deadline}: a server that trickles its
	 * answer, or an endless one. The connection was closed.
	 */
	public static final class Incomplete extends ApiException {

		private final String baseUrl;

		Incomplete(String method, String path, String baseUrl, Duration deadline) {
			super(0, method, path, null, "no complete answer within " + duration(deadline) + " (astra.http.deadline)",
					null);
			this.baseUrl = baseUrl;
		}

		public String baseUrl() {
			return baseUrl;
		}

	}

	/**
	 * The answer is larger than {@code astra.http.max-response-size} (it was not read further), or did
	 * not fit in the JVM's memory.
	 */
	public static final class TooLarge extends ApiException {

		private final boolean memory;

		/**
		 * @param limit the size limit, or the size read when {@code memory}
		 * @param memory the answer did not fit in the JVM's memory, rather than exceed the limit
		 */
		TooLarge(int status, String method, String path, long limit, boolean memory) {
			super(status, method, path, null, memory
					? "the answer" + (limit > 0 ? " (" + size(limit) + ")" : "") + " does not fit in the memory of the JVM"
					: "the answer is larger than " + size(limit) + " (astra.http.max-response-size)", null);
			this.memory = memory;
		}

		/** Whether the answer did not fit in memory, rather than exceed the size limit. */
		public boolean isMemory() {
			return memory;
		}

	}

	/** A redirect that was not followed: to another origin, or for a request other than GET. */
	public static final class Redirected extends ApiException {

		private final String location;

		Redirected(int status, String method, String path, String location, String why) {
			super(status, method, path, null, "the server redirected (HTTP " + status + ") to " + location + ", "
					+ why + ": not followed", null);
			this.location = location;
		}

		/** Where the redirect pointed, any password masked. */
		public String location() {
			return location;
		}

	}

	/** {@code 35 s}, {@code 1.5 s}, {@code 250 ms}. */
	static String duration(Duration d) {
		long ms = d.toMillis();
		if (ms < 1000) {
			return ms + " ms";
		}
		return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0)) + " s";
	}

	/** {@code 32 MiB}, {@code 18.8 MiB}, {@code 512 KiB}, {@code 1000 bytes}. */
	static String size(long bytes) {
		long mib = 1024 * 1024;
		if (bytes >= mib) {
			return bytes % mib == 0 ? bytes / mib + " MiB"
					: String.format(Locale.ROOT, "%.1f MiB", bytes / (double) mib);
		}
		if (bytes >= 1024) {
			return bytes % 1024 == 0 ? bytes / 1024 + " KiB"
					: String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
		}
		return bytes + " bytes";
	}

}
