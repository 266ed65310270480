package io.astrashell.cli;

/**
 * A failure the user can act on: it carries the exit code and a one-line message that names what
 * was wrong and what to do. Messages never hold a token or a secret.
 */
public class CliException extends RuntimeException {

	private final ExitCode exitCode;

	private final boolean reported;

	public CliException(ExitCode exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
		this.reported = false;
	}

	private CliException(ExitCode exitCode, String message, boolean reported) {
		super(message);
		this.exitCode = exitCode;
		this.reported = reported;
	}

	/** A failure whose message was printed already (a script's failing line): only its code remains. */
	public static CliException reported(ExitCode exitCode, String summary) {
		return new CliException(exitCode, summary, true);
	}

	public boolean isReported() {
		return reported;
	}

	public CliException(ExitCode exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
		this.reported = false;
	}

	public ExitCode exitCode() {
		return exitCode;
	}

	public static CliException invalidArgument(String message) {
		return new CliException(ExitCode.INVALID_ARGUMENT, message);
	}

	public static CliException missingOption(String message) {
		return new CliException(ExitCode.MISSING_OPTION, message);
	}

	public static CliException invalidOptionValue(String message) {
		return new CliException(ExitCode.INVALID_OPTION_VALUE, message);
	}

	public static CliException notFound(String message) {
		return new CliException(ExitCode.NOT_FOUND, message);
	}

	public static CliException alreadyExists(String message) {
		return new CliException(ExitCode.ALREADY_EXISTS, message);
	}

	public static CliException configuration(String message) {
		return new CliException(ExitCode.CONFIGURATION, message);
	}

}
