package io.astrashell.command;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Map;

import io.astrashell.BuildInfo;
import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.HelpFormatter;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.Secrets;
import io.astrashell.cli.Similarity;
import io.astrashell.cli.ValueKind;
import io.astrashell.files.RegularFiles;
import io.astrashell.output.Output;
import io.astrashell.session.Session;
import io.astrashell.shell.Console;
import io.astrashell.shell.RedactingHistory;
import org.jline.reader.History;
import org.jline.utils.InfoCmp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootVersion;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.stereotype.Component;

/** The shell's own commands: {@code help}, {@code version}, {@code history}, {@code clear}, {@code quit}. */
@Component
public final class ShellCommands implements CommandGroup {

	static final String GROUP = "Shell";

	/** What each noun is for, for its help page. */
	/** The registry these commands are part of, once it is built. */
	private final ObjectProvider<CommandRegistry> registry;

	/** Every command group (this one too), read when help runs: each declares its nouns. */
	private final ObjectProvider<CommandGroup> groups;

	private final Console console;

	private final Session session;

	private final String version;

	private final String springShellVersion;

	public ShellCommands(ObjectProvider<CommandRegistry> registry, ObjectProvider<CommandGroup> groups, Console console,
			Session session, BuildInfo build) {
		this.registry = registry;
		this.groups = groups;
		this.console = console;
		this.session = session;
		this.version = build.version();
		this.springShellVersion = build.springShellVersion();
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("help").group(GROUP)
					.description("Display help about available commands")
					.argument(ArgumentSpec.rest("COMMAND", "The command to describe, e.g. 'user invite'",
							ValueKind.COMMAND))
					.json(JsonShape.text("the help page"))
					.handler(this::help),
				AstraCommand.named("version").group(GROUP).description("Show the version of astra shell")
					.json(JsonShape.object("version", "java", "springBoot", "springShell"))
					.handler(this::version),
				// the original CLI's '?': its banner and version
				AstraCommand.named("?").group(GROUP).description("Show the banner and the version")
					.json(JsonShape.object("version"))
					.handler(this::banner),
				AstraCommand.named("history").group(GROUP)
					.description("Display the commands typed at the prompt (secrets redacted)")
					.option(OptionSpec.value("save", null, "FILE",
							"Write this session's commands to FILE as a runnable script", ValueKind.FILE))
					.json(JsonShape.text("the commands, one per line").or("with --save FILE", JsonShape.object("saved", "commands")))
					.handler(this::history),
				AstraCommand.named("clear").group(GROUP).description("Clear the screen")
					.json(JsonShape.none(null))
					.handler(this::clear),
				AstraCommand.named("quit").alias("exit").group(GROUP).description("Leave the shell")
					.json(JsonShape.none(null))
					.handler(this::quit));
	}

	private List<AstraCommand> all() {
		List<AstraCommand> list = new ArrayList<>();
		for (Command c : registry.getObject().getCommands()) {
			if (c instanceof AstraCommand a && !a.isHidden()) {
				list.add(a);
			}
		}
		list.sort(Comparator.comparing(AstraCommand::getName));
		return list;
	}

	private Output help(Invocation in) {
		List<String> words = in.arguments();
		if (words.isEmpty()) {
			return Output.text("help", HelpFormatter.overview(all(), version));
		}
		String name = String.join(" ", words);
		Command command = registry.getObject().getCommandByName(name);
		List<AstraCommand> members = all().stream().filter(c -> c.getName().startsWith(name + " ")).toList();
		if (!members.isEmpty()) {
			AstraCommand defaultCommand = command instanceof AstraCommand a ? a : null;
			return Output.text("help " + name, HelpFormatter.groupHelp(name, members, defaultCommand,
					groups.stream().map(g -> g.nouns().get(name)).filter(Objects::nonNull).findFirst()
						.orElseThrow(() -> new IllegalStateException("The noun '" + name
								+ "' has commands but no description: its CommandGroup declares it in nouns()"))));
		}
		if (command instanceof AstraCommand a) {
			return Output.text("help " + name, HelpFormatter.commandHelp(a, name));
		}
		List<String> names = new ArrayList<>();
		for (AstraCommand c : all()) {
			names.add(c.getName());
			names.addAll(c.getAliases());
		}
		throw AstraError.invalidInput("Unknown command '" + name + "'." + Similarity.didYouMean(name, names)
				+ " Type 'help' to see the commands.");
	}

	private Output version(Invocation in) {
		String java = System.getProperty("java.version");
		String springShell = springShellVersion;
		String text = "astra shell " + version + " (Java " + java + ", Spring Boot " + SpringBootVersion.getVersion()
				+ ", Spring Shell " + springShell + ")";
		return Output.text(text, text, Output.fields("version", version, "java", java, "springBoot",
				SpringBootVersion.getVersion(), "springShell", springShell));
	}

	private static final String BANNER = """
			 █████╗ ███████╗████████╗██████╗  █████╗
			██╔══██╗██╔════╝╚══██╔══╝██╔══██╗██╔══██╗
			███████║███████╗   ██║   ██████╔╝███████║
			██╔══██║╚════██║   ██║   ██╔══██╗██╔══██║
			██║  ██║███████║   ██║   ██║  ██║██║  ██║
			╚═╝  ╚═╝╚══════╝   ╚═╝   ╚═╝  ╚═╝╚═╝  ╚═╝
			""";

	private Output banner(Invocation in) {
		String text = BANNER + "\n astra shell " + version;
		return Output.text("astra shell " + version, text, Output.fields("version", version));
	}

	private Output history(Invocation in) throws IOException {
		if (in.option("save") != null) {
			return save(Path.of(in.option("save")));
		}
		List<String> lines = new ArrayList<>();
		if (console.reader() != null) {
			for (History.Entry e : console.reader().getHistory()) {
				lines.add(e.line());
			}
		}
		else {
			Path file = session.home().resolve("history");
			if (Files.exists(file)) {
				String read;
				try {
					read = RegularFiles.readText(file, "The history file", RedactingHistory.MAX_SIZE);
				}
				catch (RegularFiles.Refused e) {
					throw AstraError.configuration(e.getMessage());
				}
				for (String l : read.lines().toList()) {
					int colon = l.indexOf(':');
					lines.add(colon > 0 && l.substring(0, colon).chars().allMatch(Character::isDigit)
							? l.substring(colon + 1) : l);
				}
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			text.append(String.format("%5d  %s%n", i + 1, lines.get(i)));
		}
		return Output.text(lines.size() + " commands in the history", text.toString());
	}

	/**
	 * The session's commands as a script: one per line, in order, without the history and quit
	 * commands; a redacted token becomes {@code ${ASTRA_DB_APPLICATION_TOKEN}}, to be set when it runs.
	 */
	private Output save(Path file) throws IOException {
		Path at = session.file(file); // opened from the run's folder, named as given
		try {
			RegularFiles.requireRegularOrMissing(at, "The file", "Nothing was written.");
		}
		catch (RegularFiles.Refused e) {
			throw AstraError.configuration(e.getMessage());
		}
		if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
			throw AstraError.alreadyExists("File " + file + " already exists: give another name.");
		}
		StringBuilder script = new StringBuilder("# astra shell session of " + LocalDate.now()
				+ ": run it with 'astra script " + file.getFileName() + "'\n");
		int count = 0;
		boolean tokens = false;
		for (String line : console.sessionCommands()) {
			String first = line.split("\\s+", 2)[0];
			if (first.equals("history") || first.equals("quit") || first.equals("exit") || first.equals("clear")) {
				continue;
			}
			String runnable = line.replace(Secrets.MASKED_TOKEN, "${ASTRA_DB_APPLICATION_TOKEN}");
			tokens |= !runnable.equals(line);
			script.append(runnable).append('\n');
			count++;
		}
		if (tokens) {
			script.insert(script.indexOf("\n") + 1, "# tokens were not saved: set ASTRA_DB_APPLICATION_TOKEN before running it\n");
		}
		Path parent = at.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		// created for its owner alone (as the history is), before anything is written into it
		try {
			RegularFiles.createOwnerOnly(at);
		}
		catch (FileAlreadyExistsException e) {
			throw AstraError.alreadyExists("File " + file + " already exists: give another name.");
		}
		Files.writeString(at, script.toString());
		return Output.message(count + " command(s) of this session saved to " + file + ".",
				Output.fields("saved", file.toString(), "commands", count));
	}

	private Output clear(Invocation in) {
		if (console.terminal() != null) {
			console.terminal().puts(InfoCmp.Capability.clear_screen);
			console.terminal().flush();
		}
		else if (console.isTerminal()) {
			console.out().print("\u001B[H\u001B[2J");
			console.out().flush();
		}
		return Output.none("cleared");
	}

	private Output quit(Invocation in) {
		console.requestExit();
		return Output.none("bye");
	}

}
