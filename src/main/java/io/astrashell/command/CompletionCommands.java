package io.astrashell.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.ValueKind;
import io.astrashell.completion.CompletionScripts;
import io.astrashell.completion.ServerValueCache;
import io.astrashell.completion.ServerValues;
import io.astrashell.api.ApiException;
import io.astrashell.service.ApiCalls;
import io.astrashell.output.Output;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.stereotype.Component;

/** {@code refresh} (refetch the completion values now) and {@code completion bash|zsh}. */
@Component
public final class CompletionCommands implements CommandGroup {

	static final String GROUP = "Shell";

	/** A shell {@code completion} writes a script for. */
	static final ValueKind SHELL = ValueKind.choice("SHELL", "shell", List.of("bash", "zsh"));

	/** The registry these commands are part of, once it is built. */
	private final ObjectProvider<CommandRegistry> registry;

	private final Session session;

	private final ServerValueCache cache;

	private final ObjectProvider<ServerValues> values;

	public CompletionCommands(ObjectProvider<CommandRegistry> registry, Session session, ServerValueCache cache,
			ObjectProvider<ServerValues> values) {
		this.registry = registry;
		this.session = session;
		this.cache = cache;
		this.values = values;
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("refresh").group(GROUP)
					.description("Fetch the values Tab completes (emails, roles, client ids) now")
					.json(JsonShape.object().more("one count per kind of value, by its name (roles, tokens, users)"))
					.handler(this::refresh),
				AstraCommand.named("completion").group(GROUP)
					.description("Print the bash or zsh completion script")
					.argument(ArgumentSpec.required("SHELL", "The shell the script is for", SHELL))
					.json(JsonShape.text("the completion script"))
					.handler(this::script));
	}

	private Output refresh(Invocation in) throws Exception {
		Identity c = session.identityFor(in.globals());
		ServerValueCache.Refreshed refreshed = cache.refresh(c);
		for (Map.Entry<ValueKind, Throwable> failed : refreshed.failures().entrySet()) {
			String doing = "fetch the " + failed.getKey().describes() + " to complete";
			if (failed.getValue() instanceof ApiException api) {
				throw ApiCalls.translate(api, c, doing);
			}
			throw new AstraError(AstraError.Kind.FAILED, "Cannot " + doing + ": " + failed.getValue());
		}
		List<String> counts = new ArrayList<>();
		List<Object> fields = new ArrayList<>();
		refreshed.counts().forEach((kind, n) -> {
			counts.add(n + " " + kind.describes());
			fields.add(kind.describes());
			fields.add(n);
		});
		return Output.message("Completion values refreshed: " + String.join(", ", counts) + ".",
				Output.fields(fields.toArray()));
	}

	private Output script(Invocation in) {
		List<AstraCommand> commands = new ArrayList<>();
		for (Command c : registry.getObject().getCommands()) {
			if (c instanceof AstraCommand a) {
				commands.add(a);
			}
		}
		commands.sort(Comparator.comparing(AstraCommand::getName));
		String shell = in.argument(0).toLowerCase(Locale.ROOT); // one of SHELL's, the parser checked
		String text = shell.equals("zsh") ? CompletionScripts.zsh(commands, values.getObject())
				: CompletionScripts.bash(commands, values.getObject());
		return Output.text("completion script for " + shell, text);
	}

}
