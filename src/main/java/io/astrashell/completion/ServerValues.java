package io.astrashell.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.astrashell.cli.CliException;
import io.astrashell.cli.Globals;
import io.astrashell.cli.ValueKind;
import io.astrashell.session.Connection;
import io.astrashell.session.Session;
import org.springframework.shell.core.command.completion.CompletionProposal;

/**
 * Completes users, roles and token client ids from the {@link ServerValueCache} of the connection
 * the line would use ({@code -conf other} completes from the other profile's organization).
 */
public final class ServerValues implements ValueSource {

	private final Session session;

	private final ServerValueCache cache;

	private final LocalValues local;

	private volatile String pendingNotice;

	public ServerValues(Session session, ServerValueCache cache, LocalValues local) {
		this.session = session;
		this.cache = cache;
		this.local = local;
	}

	@Override
	public List<CompletionProposal> values(ValueKind kind, String prefix, Globals lineGlobals) {
		ServerValueCache.Kind cached = switch (kind) {
			case USER -> ServerValueCache.Kind.USERS;
			case ROLE -> ServerValueCache.Kind.ROLES;
			case TOKEN_CLIENT_ID -> ServerValueCache.Kind.TOKENS;
			default -> null;
		};
		if (cached == null) {
			return local.values(kind, prefix, lineGlobals);
		}
		Connection connection;
		try {
			connection = session.connectionFor(lineGlobals);
		}
		catch (CliException e) {
			return List.of(); // no usable connection: nothing to complete from
		}
		List<ServerValueCache.Value> values = cache.values(connection, cached);
		String notice = cache.takeStaleNotice(connection);
		if (notice != null) {
			pendingNotice = notice;
		}
		String p = prefix.toLowerCase(Locale.ROOT);
		String category = switch (cached) {
			case USERS -> "users";
			case ROLES -> "roles";
			case TOKENS -> "tokens";
		};
		List<CompletionProposal> out = new ArrayList<>();
		for (ServerValueCache.Value v : values) {
			if (v.value().toLowerCase(Locale.ROOT).startsWith(p)) {
				out.add(new CompletionProposal(v.value()).description(v.description()).category(category));
			}
		}
		return out;
	}

	/** A notice to show once above the prompt, or null. */
	public String takeNotice() {
		String n = pendingNotice;
		pendingNotice = null;
		return n;
	}

}
