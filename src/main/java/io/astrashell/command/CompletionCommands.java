package io.astrashell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CliException;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.ExitCode;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.ValueKind;
import io.astrashell.completion.CompletionScripts;
import io.astrashell.completion.ServerValueCache;
import io.astrashell.output.Output;
import io.astrashell.session.Connection;
import io.astrashell.session.Session;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.stereotype.Component;

/** {@code refresh} (refetch the completion values now) and {@code completion bash|zsh}. */
@Component
public final class CompletionCommands implements CommandGroup {

	static final String GROUP = "Shell";

	/** The registry these commands are part of, once it is built. */
	private final ObjectProvider<CommandRegistry> registry;

	private final Session session;

	private final ServerValueCache cache;

	public CompletionCommands(ObjectProvider<CommandRegistry> registry, Session session, ServerValueCache cache) {
		this.registry = registry;
		this.session = session;
		this.cache = cache;
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("refresh").group(GROUP)
					.description("Fetch the values Tab completes (emails, roles, client ids) now")
					.handler(this::refresh),
				AstraCommand.named("completion").group(GROUP)
					.description("Print the bash or zsh completion script")
					.argument(ArgumentSpec.required("SHELL", "bash or zsh", ValueKind.TEXT))
					.handler(this::script));
	}

	private Output refresh(Invocation in) throws Exception {
		Connection c = session.connectionFor(in.globals());
		Map<ServerValueCache.Kind, Integer> counts;
		try {
			counts = cache.refresh(c);
		}
		catch (java.util.concurrent.ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof io.astrashell.api.ApiException api) {
				throw io.astrashell.service.ApiCalls.translate(api, c, "fetch the completion values");
			}
			throw new CliException(ExitCode.INTERNAL_ERROR, "Cannot fetch the completion values: " + cause);
		}
		int users = counts.get(ServerValueCache.Kind.USERS);
		int roles = counts.get(ServerValueCache.Kind.ROLES);
		int tokens = counts.get(ServerValueCache.Kind.TOKENS);
		return Output.message("Completion values refreshed: " + users + " users, " + roles + " roles, " + tokens
				+ " tokens.", Output.fields("users", users, "roles", roles, "tokens", tokens));
	}

	private Output script(Invocation in) {
		List<AstraCommand> commands = new ArrayList<>();
		for (Command c : registry.getObject().getCommands()) {
			if (c instanceof AstraCommand a) {
				commands.add(a);
			}
		}
		commands.sort(java.util.Comparator.comparing(AstraCommand::getName));
		String shell = in.argument(0);
		String text = switch (shell) {
			case "bash" -> CompletionScripts.bash(commands);
			case "zsh" -> CompletionScripts.zsh(commands);
			default -> throw CliException.invalidArgument("Unknown shell '" + shell + "': use bash or zsh.");
		};
		return Output.text("completion script for " + shell, text);
	}

}
