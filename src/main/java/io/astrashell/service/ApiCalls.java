package io.astrashell.service;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.astrashell.api.ApiException;
import io.astrashell.api.DevOpsClient;
import io.astrashell.api.Urls;
import io.astrashell.error.AstraError;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.ChangeLocks;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import org.springframework.stereotype.Service;

/** Runs API calls for a connection and turns their failures into messages a person can act on. */
@Service
public final class ApiCalls {

	private final Session session;

	public ApiCalls(Session session) {
		this.session = session;
	}

	/** Calls the API; any failure becomes a {@link AstraError} of the kind it was. */
	public <T> T call(Identity identity, String what, Function<DevOpsClient, T> call) {
		try {
			return call.apply(session.client(identity));
		}
		catch (ApiException e) {
			throw translate(e, identity, what);
		}
	}

	/**
	 * Runs a read-modify-write change of {@code kind} ({@code roles}, {@code users}) taking turns with the
	 * other shells of this machine ({@link Session#exclusive}); a wait that is too long fails (exit 100).
	 */
	public <T> T exclusive(Identity identity, String kind, Supplier<T> change) {
		try {
			return session.exclusive(identity, kind, change);
		}
		catch (ChangeLocks.Busy e) {
			throw new AstraError(AstraError.Kind.FAILED, e.getMessage(), e);
		}
	}

	public void run(Identity identity, String what, Consumer<DevOpsClient> call) {
		call(identity, what, client -> {
			call.accept(client);
			return null;
		});
	}

	/**
	 * The generic message of a failed call.
	 * @param what what was being done, e.g. "list the users"
	 */
	public static AstraError translate(ApiException e, Identity identity, String what) {
		String env = identity.environment().name();
		if (e instanceof ApiException.Unauthorized) {
			return new AstraError(AstraError.Kind.CONFIGURATION, "The token was refused (401: "
					+ e.reason("unauthorized") + "): it may be revoked, expired, or meant for another environment "
					+ "than " + env + ". Check --env, or save a valid token with 'astra setup'.", e);
		}
		if (e instanceof ApiException.Forbidden) {
			return new AstraError(AstraError.Kind.CONFIGURATION, "The token may not " + what + " (403: "
					+ e.reason("forbidden") + "): use a token whose role grants it, such as Organization "
					+ "Administrator.", e);
		}
		if (e instanceof ApiException.NotFound) {
			return new AstraError(AstraError.Kind.NOT_FOUND, "Not found while trying to " + what + ": "
					+ e.reason("not found") + ".", e);
		}
		if (e instanceof ApiException.Conflict) {
			return new AstraError(AstraError.Kind.ALREADY_EXISTS, "Cannot " + what + ": " + e.reason("conflict") + ".", e);
		}
		if (e instanceof ApiException.BadRequest) {
			return new AstraError(AstraError.Kind.INVALID_INPUT, "The API refused to " + what + ": "
					+ e.reason("bad request") + ".", e);
		}
		if (e instanceof ApiException.Unreachable u) {
			return new AstraError(u.kind() == ApiException.Unreachable.Kind.PROXY_AUTH
					? AstraError.Kind.CONFIGURATION : AstraError.Kind.FAILED, "Cannot reach the Astra DevOps API at " + u.baseUrl()
					+ " to " + what + ": " + e.getMessage().replaceFirst("^.*?: ", "") + "." + hint(u, identity), e);
		}
		if (e instanceof ApiException.Incomplete i) {
			return new AstraError(AstraError.Kind.FAILED, "The Astra DevOps API at " + i.baseUrl()
					+ " did not answer in full in time to " + what + ": " + e.getMessage().replaceFirst("^.*?: ", "")
					+ ". The connection was closed; try again, or raise astra.http.deadline in application.yml.", e);
		}
		if (e instanceof ApiException.TooLarge t) {
			return new AstraError(AstraError.Kind.FAILED, "The Astra DevOps API's answer to " + what + " was not "
					+ "read: " + e.getMessage().replaceFirst("^.*?: ", "") + (t.isMemory()
							? ". Give the JVM more memory (ASTRA_JAVA_OPTS=-Xmx1g), or lower astra.http.max-response-size."
							: ". Raise astra.http.max-response-size in application.yml if the organization is that large."), e);
		}
		if (e instanceof ApiException.Redirected) {
			return new AstraError(AstraError.Kind.FAILED, "The Astra DevOps API call to " + what + " failed: "
					+ e.getMessage().replaceFirst("^.*?: ", "") + ". Check the URL" + (identity.environment()
							== AstraEnvironment.LOCAL ? " given with --local-endpoint (or ASTRA_LOCAL_ENDPOINT)"
									: " of " + env + " in application.yml") + ".", e);
		}
		if (e instanceof ApiException.Throttled) {
			return new AstraError(AstraError.Kind.FAILED, "The Astra DevOps API asked to slow down while trying to "
					+ what + " (HTTP " + e.status() + ": " + e.reason(e.status() == 429 ? "too many requests"
							: "unavailable") + "). Try again later.", e);
		}
		if (e instanceof ApiException.ServerError) {
			return new AstraError(AstraError.Kind.FAILED, "The Astra DevOps API failed to " + what + " (HTTP "
					+ e.status() + ": " + e.reason("server error") + "). Try again later.", e);
		}
		return new AstraError(AstraError.Kind.FAILED, "Unexpected answer from the Astra DevOps API while trying to "
				+ what + " (HTTP " + e.status() + ": " + e.reason("no details") + ").", e);
	}

	/**
	 * What to try when the API cannot be reached. The sandbox hint only when nothing listens on a
	 * loopback endpoint; a certificate not trusted or a proxy that refused say what to do themselves.
	 */
	private static String hint(ApiException.Unreachable u, Identity identity) {
		boolean local = identity.environment() == AstraEnvironment.LOCAL;
		switch (u.kind()) {
			case TLS:
				return u.getMessage().contains("not trusted") ? " If it is the right server, add the authority that "
						+ "signed its certificate to a trust store and give it to Java: ASTRA_JAVA_OPTS='-Djavax.net.ssl"
						+ ".trustStore=FILE -Djavax.net.ssl.trustStorePassword=PASSWORD'." : "";
			case PROXY:
				return " Check the proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).";
			case PROXY_AUTH:
				return " Correct the user and password in the proxy variable, then run the command again (at the "
						+ "prompt: start the shell again).";
			case REFUSED:
				if (local && Urls.isLoopback(identity.baseUrl().getHost())) {
					return " Is the sandbox running? Start one with 'astra sandbox serve', or drop --local-endpoint.";
				}
				break;
			default:
				break;
		}
		return local ? " Check the URL given with --local-endpoint (or ASTRA_LOCAL_ENDPOINT), and the network."
				: " Check the network, or the URL of " + identity.environment().name() + " in application.yml.";
	}

}
