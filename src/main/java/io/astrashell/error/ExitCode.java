package io.astrashell.error;

/**
 * Process exit codes, those of the original Astra CLI so that existing scripts keep working. The
 * name is what {@code -o json} prints as {@code code}.
 */
public enum ExitCode {

	/** Success. */
	OK(0),
	/** A destructive command asked for confirmation, in a terminal, and was told no: nothing was done. */
	CANCELLED(1),
	/** A user, role, token or profile that does not exist. */
	NOT_FOUND(5),
	/** Creating something that is already there. */
	ALREADY_EXISTS(7),
	/** No usable token or configuration: missing or malformed token, 401, 403, unreadable config file. */
	CONFIGURATION(9),
	/** A bad argument or an unknown command. */
	INVALID_ARGUMENT(11),
	/** A required option (or an option's value) is missing. */
	MISSING_OPTION(12),
	/** An option's value is not one of those allowed. */
	INVALID_OPTION_VALUE(13),
	/** Anything unexpected: the server failed, the network failed, a bug. */
	INTERNAL_ERROR(100),
	/**
	 * Stopped by Ctrl-C (or its thread interrupted): 128 + SIGINT, as a shell reports a command the
	 * signal ended. What was already sent may still apply.
	 */
	INTERRUPTED(130);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	/** The exit code of a kind of failure: the one place where the domain's failures become exit codes. */
	public static ExitCode of(AstraError.Kind kind) {
		return switch (kind) {
			case NOT_FOUND -> NOT_FOUND;
			case ALREADY_EXISTS -> ALREADY_EXISTS;
			case CONFIGURATION -> CONFIGURATION;
			case INVALID_INPUT -> INVALID_ARGUMENT;
			case MISSING_INPUT -> MISSING_OPTION;
			case INVALID_VALUE -> INVALID_OPTION_VALUE;
			case CANCELLED -> CANCELLED;
			case INTERRUPTED -> INTERRUPTED;
			case FAILED -> INTERNAL_ERROR;
		};
	}

	/** The kind of failure this exit code reports (the inverse of {@link #of(AstraError.Kind)}); none for OK. */
	public AstraError.Kind kind() {
		for (AstraError.Kind k : AstraError.Kind.values()) {
			if (of(k) == this) {
				return k;
			}
		}
		throw new IllegalStateException(this + " reports no failure");
	}

	/** The exit code of a number (anything unknown is {@link #INTERNAL_ERROR}). */
	public static ExitCode of(int code) {
		for (ExitCode e : values()) {
			if (e.code == code) {
				return e;
			}
		}
		return INTERNAL_ERROR;
	}

}
