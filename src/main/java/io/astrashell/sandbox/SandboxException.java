package io.astrashell.sandbox;

/**
 * A request the sandbox refuses: the HTTP status, the error id of the standard error form and the
 * message. The handler renders it in the error form of the endpoint family (see the package
 * documentation).
 */
final class SandboxException extends RuntimeException {

	/** {@code 401}: the {@code Authorization} header is missing or the token is malformed. */
	static final int INVALID_TOKEN_FORMAT = 340012;

	/** {@code 401}: a well-formed token that the organization does not know (never issued or revoked). */
	static final int UNKNOWN_TOKEN = 340013;

	/** {@code 401}: the token's {@code tokenExpiry} has passed. */
	static final int TOKEN_EXPIRED = 340014;

	/** {@code 403}: the token's roles lack the action that guards the endpoint. */
	static final int FORBIDDEN = 340015;

	/** {@code 404}: unknown user, role, client id or path. */
	static final int NOT_FOUND = 340016;

	/** {@code 400}: the request body or a value in it is invalid. */
	static final int BAD_REQUEST = 340017;

	/** {@code 409}: the change conflicts with the state (an active member, a role name in use). */
	static final int CONFLICT = 340018;

	/** {@code 405}: the path exists but not with this method. */
	static final int METHOD_NOT_ALLOWED = 340019;

	/** {@code 429}: more requests at once than {@code sandbox serve --max-in-flight} allows. */
	static final int TOO_MANY_REQUESTS = 340021;

	/** {@code 500}: the sandbox failed (for example an unreadable state file). */
	static final int INTERNAL = 340020;

	private static final long serialVersionUID = 1L;

	private final int status;

	private final int errorId;

	SandboxException(int status, int errorId, String message) {
		super(message, null, false, false);
		this.status = status;
		this.errorId = errorId;
	}

	int status() {
		return this.status;
	}

	int errorId() {
		return this.errorId;
	}

	static SandboxException badRequest(String message) {
		return new SandboxException(400, BAD_REQUEST, message);
	}

	static SandboxException notFound(String message) {
		return new SandboxException(404, NOT_FOUND, message);
	}

	static SandboxException conflict(String message) {
		return new SandboxException(409, CONFLICT, message);
	}

}
