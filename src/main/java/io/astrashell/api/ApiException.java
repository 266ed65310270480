package io.astrashell.api;

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

	/** No answer: connection refused, unknown host, timeout. */
	public static final class Unreachable extends ApiException {

		private final String baseUrl;

		Unreachable(String method, String path, String baseUrl, String what, Throwable cause) {
			super(0, method, path, null, what, cause);
			this.baseUrl = baseUrl;
		}

		public String baseUrl() {
			return baseUrl;
		}

	}

}
