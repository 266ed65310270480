package io.astrashell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.astrashell.output.Output;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.ExitStatus;

/**
 * A command of astra shell, registered in Spring Shell's
 * {@link org.springframework.shell.core.command.CommandRegistry}: its name ({@code "user invite"}),
 * its options and arguments, and the handler that turns an {@link Invocation} into an
 * {@link Output}. Every command takes the {@link GlobalOptions} too.
 */
public final class AstraCommand extends AbstractCommand {

	/** What a command does: parse is done, so call a service and describe the result. */
	@FunctionalInterface
	public interface Handler {

		Output run(Invocation invocation) throws Exception;

	}

	/**
	 * What {@code script --dry-run} checks of a line beyond parsing (emails, roles known, actions,
	 * files readable), sending no request that changes anything.
	 */
	@FunctionalInterface
	public interface Checker {

		Checker NONE = (invocation, dryRun) -> {
		};

		void check(Invocation invocation, DryRun dryRun) throws Exception;

	}

	private final List<OptionSpec> ownOptions;

	private final List<ArgumentSpec> arguments;

	private final Handler handler;

	private final Checker checker;

	private final String notes;

	private final JsonShape json;

	private AstraCommand(Builder b) {
		super(b.name, b.description, b.group, "", b.hidden);
		this.ownOptions = List.copyOf(b.options);
		this.arguments = List.copyOf(b.arguments);
		this.handler = b.handler;
		this.checker = b.checker;
		this.notes = b.notes;
		if (b.json == null) {
			throw new IllegalStateException("The command '" + b.name + "' declares no JSON shape: give its builder "
					+ ".json(JsonShape...) beside its columns (see cli/JsonShape).");
		}
		this.json = b.json;
		setAliases(List.copyOf(b.aliases));
		setOptions(allOptions().stream().map(OptionSpec::toCommandOption).toList());
	}

	public static Builder named(String name) {
		return new Builder(name);
	}

	/**
	 * The command's own options followed by the global ones; an own option with a global option's
	 * long name (a short form of it for this command) stands in its place.
	 */
	public List<OptionSpec> allOptions() {
		List<OptionSpec> all = new ArrayList<>(ownOptions);
		for (OptionSpec global : GlobalOptions.ALL) {
			if (ownOptions.stream().noneMatch(o -> o.longName().equals(global.longName()))) {
				all.add(global);
			}
		}
		return all;
	}

	public List<OptionSpec> ownOptions() {
		return ownOptions;
	}

	public List<ArgumentSpec> arguments() {
		return arguments;
	}

	/** What the help page says of the command beyond its options (its DISCUSSION), or "". */
	public String notes() {
		return notes;
	}

	/** What {@code -o json} prints as {@code data} (its declared contract). */
	public JsonShape json() {
		return json;
	}

	/** The option a word names ({@code -r}, {@code --role}, {@code -cf}), if any. */
	public Optional<OptionSpec> findOption(String word) {
		for (OptionSpec o : allOptions()) {
			if (o.matches(word)) {
				return Optional.of(o);
			}
		}
		if (GlobalOptions.HELP.matches(word)) {
			return Optional.of(GlobalOptions.HELP);
		}
		return Optional.empty();
	}

	public Output run(Invocation invocation) throws Exception {
		return handler.run(invocation);
	}

	/** Checks a line without running it (no changing request). */
	public void check(Invocation invocation, DryRun dryRun) throws Exception {
		checker.check(invocation, dryRun);
	}

	@Override
	public String getHelp() {
		return HelpFormatter.commandHelp(this);
	}

	/**
	 * Spring Shell's entry point, which {@link AbstractCommand} requires: nothing calls it, since the
	 * shell parses, runs and renders its commands itself ({@code Dispatcher} calls
	 * {@link #run(Invocation)}). It refuses rather than run a command half-configured.
	 */
	@Override
	public ExitStatus doExecute(CommandContext context) {
		throw new UnsupportedOperationException("astra shell runs '" + getName()
				+ "' through its Dispatcher, not through Spring Shell's CommandContext");
	}

	/** Builds a command: {@code AstraCommand.named("org id").description(...).handler(...).build()}. */
	public static final class Builder {

		private final String name;

		private String description = "";

		private String group = "";

		private boolean hidden;

		private final List<String> aliases = new ArrayList<>();

		private final List<OptionSpec> options = new ArrayList<>();

		private final List<ArgumentSpec> arguments = new ArrayList<>();

		private Handler handler;

		private Checker checker = Checker.NONE;

		private String notes = "";

		private JsonShape json;

		private Builder(String name) {
			this.name = name;
		}

		public Builder description(String description) {
			this.description = description;
			return this;
		}

		/** A paragraph for the DISCUSSION section of the help page (wrapped to its width). */
		public Builder notes(String notes) {
			this.notes = notes;
			return this;
		}

		/** What {@code -o json} prints as {@code data}: required, declared beside the columns. */
		public Builder json(JsonShape json) {
			this.json = json;
			return this;
		}

		public Builder group(String group) {
			this.group = group;
			return this;
		}

		public Builder hidden() {
			this.hidden = true;
			return this;
		}

		public Builder alias(String alias) {
			this.aliases.add(alias);
			return this;
		}

		public Builder option(OptionSpec option) {
			this.options.add(option);
			return this;
		}

		public Builder argument(ArgumentSpec argument) {
			this.arguments.add(argument);
			return this;
		}

		/** What a dry run checks of this command (see {@link Checker}). */
		public Builder check(Checker checker) {
			this.checker = checker;
			return this;
		}

		public AstraCommand handler(Handler handler) {
			this.handler = handler;
			return new AstraCommand(this);
		}

	}

}
