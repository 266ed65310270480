package io.astrashell.service;

import java.util.function.Function;

import io.astrashell.api.ApiException;
import io.astrashell.api.DevOpsClient;
import io.astrashell.cli.CliException;
import io.astrashell.cli.ExitCode;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.Connection;
import io.astrashell.session.Session;

/** Runs API calls for a connection and turns their failures into messages a person can act on. */
public final class ApiCalls {

	private final Session session;

	public ApiCalls(Session session) {
		this.session = session;
	}

	/** Calls the API; any failure becomes a {@link CliException} with the documented exit code. */
	public <T> T call(Connection connection, String what, Function<DevOpsClient, T> call) {
		try {
			return call.apply(session.client(connection));
		}
		catch (ApiException e) {
			throw translate(e, connection, what);
		}
	}

	public void run(Connection connection, String what, java.util.function.Consumer<DevOpsClient> call) {
		call(connection, what, client -> {
			call.accept(client);
			return null;
		});
	}

	/**
	 * The generic message of a failed call.
	 * @param what what was being done, e.g. "list the users"
	 */
	public static CliException translate(ApiException e, Connection connection, String what) {
		String env = connection.environment().name();
		if (e instanceof ApiException.Unauthorized) {
			return new CliException(ExitCode.CONFIGURATION, "The token was refused (401: "
					+ e.reason("unauthorized") + "): it may be revoked, expired, or meant for another environment "
					+ "than " + env + ". Check --env, or save a valid token with 'astra setup'.", e);
		}
		if (e instanceof ApiException.Forbidden) {
			return new CliException(ExitCode.CONFIGURATION, "The token may not " + what + " (403: "
					+ e.reason("forbidden") + "): use a token whose role grants it, such as Organization "
					+ "Administrator.", e);
		}
		if (e instanceof ApiException.NotFound) {
			return new CliException(ExitCode.NOT_FOUND, "Not found while trying to " + what + ": "
					+ e.reason("not found") + ".", e);
		}
		if (e instanceof ApiException.Conflict) {
			return new CliException(ExitCode.ALREADY_EXISTS, "Cannot " + what + ": " + e.reason("conflict") + ".", e);
		}
		if (e instanceof ApiException.BadRequest) {
			return new CliException(ExitCode.INVALID_ARGUMENT, "The API refused to " + what + ": "
					+ e.reason("bad request") + ".", e);
		}
		if (e instanceof ApiException.Unreachable u) {
			String hint = connection.environment() == AstraEnvironment.LOCAL
					? " Is the sandbox running? Start one with 'astra sandbox serve', or drop --local-endpoint."
					: " Check the network, or the URL of " + env + " in application.yml.";
			return new CliException(ExitCode.INTERNAL_ERROR, "Cannot reach the Astra DevOps API at " + u.baseUrl()
					+ " to " + what + ": " + e.getMessage().replaceFirst("^.*?: ", "") + "." + hint, e);
		}
		if (e instanceof ApiException.ServerError) {
			return new CliException(ExitCode.INTERNAL_ERROR, "The Astra DevOps API failed to " + what + " (HTTP "
					+ e.status() + ": " + e.reason("server error") + "). Try again later.", e);
		}
		return new CliException(ExitCode.INTERNAL_ERROR, "Unexpected answer from the Astra DevOps API while trying to "
				+ what + " (HTTP " + e.status() + ": " + e.reason("no details") + ").", e);
	}

}
