package io.astrashell.service;

/**
 * A failure of the service layer, in the domain's terms: what kind of failure it was and a one-line
 * message that names what was wrong and what to do (never a token or a secret). The services know
 * nothing of exit codes; the shell's edge ({@code shell.Dispatcher#exitCode}) maps each kind to one.
 */
public class ServiceException extends RuntimeException {

	/** What went wrong, as the domain sees it. */
	public enum Kind {

		/** A user, role, token or profile that does not exist. */
		NOT_FOUND,
		/** Creating something that is already there. */
		ALREADY_EXISTS,
		/** The token or the configuration does not allow it (401, 403). */
		NOT_ALLOWED,
		/** The input given is not acceptable. */
		INVALID_INPUT,
		/** Something required was not given. */
		MISSING_INPUT,
		/** A value given is not one of those allowed. */
		INVALID_VALUE,
		/** The server, the network or the tool itself failed. */
		FAILED

	}

	private final Kind kind;

	public ServiceException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public ServiceException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}

	public static ServiceException notFound(String message) {
		return new ServiceException(Kind.NOT_FOUND, message);
	}

	public static ServiceException alreadyExists(String message) {
		return new ServiceException(Kind.ALREADY_EXISTS, message);
	}

	public static ServiceException invalidInput(String message) {
		return new ServiceException(Kind.INVALID_INPUT, message);
	}

	public static ServiceException missingInput(String message) {
		return new ServiceException(Kind.MISSING_INPUT, message);
	}

	public static ServiceException invalidValue(String message) {
		return new ServiceException(Kind.INVALID_VALUE, message);
	}

	public static ServiceException failed(String message) {
		return new ServiceException(Kind.FAILED, message);
	}

}
