package io.astrashell.error;

/**
 * The one failure every layer throws: what kind of failure it was, in the domain's terms, and a
 * one-line message that names what was wrong and what to do (never a token or a secret). The parser,
 * the session, the services and the commands throw it alike; {@link ExitCode#of(Kind)} is the one
 * place where a kind becomes the process's exit code, and its name the {@code code} of {@code -o json}.
 */
public class AstraError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** What went wrong, as the domain sees it. */
	public enum Kind {

		/** A user, role, token or profile that does not exist. */
		NOT_FOUND,

		/** Creating something that is already there. */
		ALREADY_EXISTS,

		/**
		 * No usable token or configuration: the token or the profiles file does not allow it (a
		 * missing or malformed token, 401, 403, a profiles file that cannot be read, a bad setting).
		 */
		CONFIGURATION,

		/** The input given is not acceptable (an argument, a file, an unknown command). */
		INVALID_INPUT,

		/** Something required was not given. */
		MISSING_INPUT,

		/** A value given is not one of those allowed. */
		INVALID_VALUE,

		/** Asked for confirmation and told no: nothing was done. */
		CANCELLED,

		/** Stopped by Ctrl-C. */
		INTERRUPTED,

		/** The server, the network or the tool itself failed. */
		FAILED

	}

	private final Kind kind;

	private final boolean reported;

	public AstraError(Kind kind, String message) {
		this(kind, message, null, false);
	}

	public AstraError(Kind kind, String message, Throwable cause) {
		this(kind, message, cause, false);
	}

	private AstraError(Kind kind, String message, Throwable cause, boolean reported) {
		super(message, cause);
		this.kind = kind;
		this.reported = reported;
	}

	public Kind kind() {
		return kind;
	}

	/** The exit code of this failure ({@link ExitCode#of(Kind)}). */
	public ExitCode exitCode() {
		return ExitCode.of(kind);
	}

	/** A failure whose message was printed already (a script's failing line): only its kind remains. */
	public static AstraError reported(Kind kind, String summary) {
		return new AstraError(kind, summary, null, true);
	}

	public boolean isReported() {
		return reported;
	}

	public static AstraError notFound(String message) {
		return new AstraError(Kind.NOT_FOUND, message);
	}

	public static AstraError alreadyExists(String message) {
		return new AstraError(Kind.ALREADY_EXISTS, message);
	}

	public static AstraError configuration(String message) {
		return new AstraError(Kind.CONFIGURATION, message);
	}

	public static AstraError invalidInput(String message) {
		return new AstraError(Kind.INVALID_INPUT, message);
	}

	public static AstraError missingInput(String message) {
		return new AstraError(Kind.MISSING_INPUT, message);
	}

	public static AstraError invalidValue(String message) {
		return new AstraError(Kind.INVALID_VALUE, message);
	}

	public static AstraError failed(String message) {
		return new AstraError(Kind.FAILED, message);
	}

}
