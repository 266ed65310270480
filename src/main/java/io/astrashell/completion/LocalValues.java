package io.astrashell.completion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.astrashell.api.model.PolicyActions;
import io.astrashell.cli.CliException;
import io.astrashell.cli.GlobalOptions;
import io.astrashell.cli.Globals;
import io.astrashell.cli.ValueKind;
import io.astrashell.session.AstraRc;
import io.astrashell.session.Session;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionProposal;

/** Values known without the server: environments, formats, profiles of the file, commands, actions. */
public final class LocalValues implements ValueSource {

	private final Session session;

	private final Supplier<CommandRegistry> registry;

	public LocalValues(Session session, Supplier<CommandRegistry> registry) {
		this.session = session;
		this.registry = registry;
	}

	@Override
	public List<CompletionProposal> values(ValueKind kind, String prefix, Globals lineGlobals) {
		return switch (kind) {
			case ENVIRONMENT -> match(GlobalOptions.ENVIRONMENTS, prefix, "environment");
			case FORMAT -> match(GlobalOptions.FORMATS, prefix, "output format");
			case ACTION -> match(PolicyActions.ALL, prefix, "policy action");
			case PROFILE -> match(profiles(lineGlobals), prefix, "profile");
			case COMMAND -> match(registry.get().getCommands().stream().filter(c -> !c.isHidden())
				.map(c -> c.getName().split(" ")[0]).distinct().sorted().toList(), prefix, "command");
			default -> List.of();
		};
	}

	private List<String> profiles(Globals lineGlobals) {
		try {
			Path file = session.configFile(lineGlobals);
			return AstraRc.read(file).sections();
		}
		catch (CliException e) {
			return List.of();
		}
	}

	static List<CompletionProposal> match(List<String> values, String prefix, String description) {
		List<CompletionProposal> out = new ArrayList<>();
		String p = prefix.toLowerCase(Locale.ROOT);
		for (String v : values) {
			if (v.toLowerCase(Locale.ROOT).startsWith(p)) {
				out.add(new CompletionProposal(v).description(description));
			}
		}
		return out;
	}

}
