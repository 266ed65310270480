package io.astrashell.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.astrashell.error.AstraError;
import io.astrashell.cli.GlobalOptions;
import io.astrashell.cli.Globals;
import io.astrashell.cli.ValueKind;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import org.springframework.shell.core.command.completion.CompletionProposal;

/**
 * The values Tab completes, by where a kind's values come from ({@link Source}): its own fixed list,
 * the server (a {@link ServerKind} a noun registers; from the {@link ServerValueCache} of the
 * connection the line would use: {@code -conf other} completes from the other profile's
 * organization), the profiles file, the commands, the files. A kind with no source but
 * {@link ValueKind#TEXT} is a mistake that {@code CompletionKindsTest} finds for every option and
 * argument of every command, and that stops {@code completion bash|zsh}.
 */
public final class ServerValues implements ValueSource {

	/** Where the values of a kind come from. */
	public enum Source {
		/** Its fixed list. */
		CHOICES,
		/** The server, through a registered {@link ServerKind}, cached. */
		SERVER,
		/** The sections of the profiles file the line names. */
		PROFILES,
		/** The command names. */
		COMMANDS,
		/** The file system. */
		FILES,
		/** Nowhere: free text. */
		NONE
	}

	private final Session session;

	private final ServerValueCache cache;

	private final LocalValues local;

	private volatile String pendingNotice;

	public ServerValues(Session session, ServerValueCache cache, LocalValues local) {
		this.session = session;
		this.cache = cache;
		this.local = local;
	}

	/** Where the values of {@code kind} come from; null for a kind nothing provides. */
	public Source sourceOf(ValueKind kind) {
		if (kind.hasChoices()) {
			return Source.CHOICES;
		}
		if (kind.equals(ValueKind.TEXT)) {
			return Source.NONE;
		}
		if (kind.equals(ValueKind.FILE)) {
			return Source.FILES;
		}
		if (kind.equals(ValueKind.COMMAND)) {
			return Source.COMMANDS;
		}
		if (kind.equals(GlobalOptions.PROFILE)) {
			return Source.PROFILES;
		}
		return cache.kind(kind) != null ? Source.SERVER : null;
	}

	/** The registered server kinds (for the scripts' tables). */
	public List<ServerKind<?>> serverKinds() {
		return cache.kinds();
	}

	@Override
	public List<CompletionProposal> values(ValueKind kind, String prefix, Globals lineGlobals) {
		Source source = sourceOf(kind);
		if (source == null) {
			throw new IllegalStateException("Nothing provides the values of kind " + kind
					+ ": give it choices, or register a ServerKind for it in its noun's command class.");
		}
		return switch (source) {
			case CHOICES -> LocalValues.match(kind.choices(), prefix, kind.describes());
			case SERVER -> server(kind, prefix, lineGlobals);
			case PROFILES -> local.profiles(prefix, lineGlobals);
			case COMMANDS -> local.commands(prefix);
			case FILES -> local.files(prefix);
			case NONE -> List.of();
		};
	}

	private List<CompletionProposal> server(ValueKind kind, String prefix, Globals lineGlobals) {
		Identity identity;
		try {
			identity = session.identityFor(lineGlobals);
		}
		catch (AstraError e) {
			return List.of(); // no usable connection: nothing to complete from
		}
		List<Candidate> values = cache.values(identity, kind);
		String notice = cache.takeStaleNotice(identity);
		if (notice != null) {
			pendingNotice = notice;
		}
		String p = prefix.toLowerCase(Locale.ROOT);
		List<CompletionProposal> out = new ArrayList<>();
		for (Candidate v : values) {
			if (v.value().toLowerCase(Locale.ROOT).startsWith(p)) {
				out.add(new CompletionProposal(v.value()).description(v.description()).category(kind.describes()));
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
