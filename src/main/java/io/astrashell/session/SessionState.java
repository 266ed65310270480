package io.astrashell.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.astrashell.api.DevOpsClient;
import io.astrashell.api.HttpSettings;
import io.astrashell.api.Proxies;
import io.astrashell.api.Trace;
import io.astrashell.error.AstraError;
import io.astrashell.cli.Globals;

/**
 * What the session remembers: the options it was started with (its defaults), the connection they
 * resolve to (resolved once, then kept for the prompt), and one API client per connection. It says
 * which options a command's connection is resolved from; the {@link ConnectionResolver} does the
 * resolving.
 */
final class SessionState {

	private final ConnectionResolver resolver;

	private final HttpSettings http;

	private final Trace trace;

	private final Map<String, String> environment;

	private volatile Globals defaults = Globals.NONE;

	private volatile Identity current;

	private final Map<String, DevOpsClient> clients = new ConcurrentHashMap<>();

	private volatile Proxies proxies;

	SessionState(ConnectionResolver resolver, HttpSettings http, Trace trace, Map<String, String> environment) {
		this.resolver = resolver;
		this.http = http;
		this.trace = trace;
		this.environment = environment;
	}

	Globals defaults() {
		return defaults;
	}

	void useDefaults(Globals globals) {
		this.defaults = globals;
		this.current = null;
	}

	/** The session's own connection, resolved on first use and then kept. */
	Identity current() {
		Identity c = current;
		if (c == null) {
			c = resolve(defaults);
			current = c;
		}
		return c;
	}

	/** The session's connection if it was resolved already, else null (never resolves). */
	Identity known() {
		return current;
	}

	/** Uses a profile from now on, once it resolves; if it does not, the state stays as it was. */
	Identity switchTo(String profile) {
		Globals next = defaults.outputOnly().withConfigFile(defaults.configFile()).withProfile(profile);
		Identity identity = resolve(next);
		this.defaults = next;
		this.current = identity;
		return identity;
	}

	Session.Snapshot snapshot() {
		return new Session.Snapshot(defaults, current);
	}

	void restore(Session.Snapshot snapshot) {
		this.defaults = snapshot.defaults();
		this.current = snapshot.current();
	}

	/** These options with the session's profiles file when they name none. */
	Globals withDefaultFile(Globals globals) {
		return globals.configFile() != null ? globals : globals.withConfigFile(defaults.configFile());
	}

	/** Resolves options, the session's profiles file filling in a missing {@code -cf}. */
	Identity resolve(Globals globals) {
		return resolver.resolve(withDefaultFile(globals));
	}

	/** See {@link Session#profileFor}. */
	String profileFor(Globals line) {
		if (line.token() != null) {
			return null;
		}
		if (line.profile() != null) {
			return line.profile();
		}
		Identity session = current;
		if (session != null && line.configFile() == null) {
			return session.profile();
		}
		if (defaults.token() != null) {
			return null;
		}
		if (defaults.profile() != null) {
			return defaults.profile();
		}
		return resolver.tokenInEnvironment() ? null : AstraRc.DEFAULT_SECTION;
	}

	/** See {@link Session#connectionFor}. */
	Identity identityFor(Globals line) {
		if (!line.choosesConnection()) {
			return current();
		}
		Globals effective;
		if (line.configFile() != null || line.profile() != null) {
			effective = line; // the profiles file or profile as a whole; only the session's -cf fills in
		}
		else {
			Identity session = current;
			Globals base = defaults;
			if (session != null) {
				boolean local = session.environment() == AstraEnvironment.LOCAL;
				base = Globals.NONE.withToken(session.token())
					.withEnv(session.environment().name())
					.withLocalEndpoint(local ? session.baseUrl().toString() : null);
				if (line.env() != null && !line.env().equalsIgnoreCase(session.environment().name())) {
					base = Globals.NONE.withToken(line.token() == null ? session.token() : null);
				}
			}
			effective = line.orElse(base);
		}
		return resolve(effective);
	}

	/** See {@link Session#client}. */
	DevOpsClient client(Identity identity) {
		try {
			return clients.computeIfAbsent(identity.key(),
					k -> new DevOpsClient(identity.baseUrl(), identity.token(), http, trace, proxies()));
		}
		catch (Proxies.Invalid e) {
			throw AstraError.configuration(e.getMessage());
		}
	}

	/** The proxy variables of the environment the shell was given, read once. */
	Proxies proxies() {
		Proxies p = proxies;
		if (p == null) {
			p = Proxies.fromEnvironment(environment);
			proxies = p;
		}
		return p;
	}

}
