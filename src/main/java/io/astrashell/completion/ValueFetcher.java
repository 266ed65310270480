package io.astrashell.completion;

import java.util.List;

import io.astrashell.api.ApiException;
import io.astrashell.session.Identity;

/**
 * Fetches the values of one server kind, through the registration's own call (the noun's service,
 * as the commands use it), each kind on its own: one kind's failure is its own.
 */
final class ValueFetcher {

	private ValueFetcher() {
	}

	/**
	 * The values of {@code kind} now; null when the token may not read that listing (403), which is
	 * not a failure. Any other failure is thrown: the API's own {@link ApiException} when a service
	 * wrapped one, so that {@code refresh} names it.
	 */
	static List<Candidate> fetch(ServerKind<?> kind, Identity identity) {
		try {
			return List.copyOf(kind.fetch().apply(identity));
		}
		catch (RuntimeException e) {
			ApiException api = apiCause(e);
			if (api instanceof ApiException.Forbidden) {
				return null;
			}
			throw api != null ? api : e;
		}
	}

	private static ApiException apiCause(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof ApiException api) {
				return api;
			}
		}
		return null;
	}

}
