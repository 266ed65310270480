package io.astrashell;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.CommandLineParser;
import io.astrashell.completion.LocalValues;
import io.astrashell.completion.ServerValueCache;
import io.astrashell.completion.ServerKinds;
import io.astrashell.completion.ServerValues;
import io.astrashell.completion.ShellCompleter;
import io.astrashell.completion.SpecCompletionProvider;
import io.astrashell.sandbox.SandboxResource;
import io.astrashell.sandbox.SandboxResources;
import io.astrashell.session.Session;
import io.astrashell.shell.AstraPrompt;
import io.astrashell.shell.Console;
import io.astrashell.shell.Dispatcher;
import io.astrashell.shell.Logging;
import io.astrashell.shell.ProcessIo;
import io.astrashell.shell.Prompt;
import io.astrashell.shell.ScriptRunner;
import io.astrashell.shell.ShellRunner;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * The shell's beans. The command groups ({@link CommandGroup}, one {@code @Component} class per noun in
 * {@code command}) and the services ({@code @Service} classes of {@code service} and {@code orgfile})
 * are found by the component scan, which Spring AOT runs at build time: a new noun's classes are
 * beans without an edit here ({@code BeanWiringTest} checks that every group and service on the class
 * path is found), and so are the sandbox's resources ({@code @Component} classes of {@code sandbox},
 * collected by {@link #sandboxResources}). This class declares the beans that are not one class each: the session, the
 * completion values, the registry that collects the groups' commands, the dispatcher, the prompt and
 * the runner. Two singletons come from {@link AstraShellApplication#run}: {@code processIo} (streams
 * and environment variables) and {@code astraSettings} (application.yml, read before Spring starts).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = { "io.astrashell.command", "io.astrashell.service", "io.astrashell.orgfile",
		"io.astrashell.sandbox" })
public class AstraShellConfiguration {

	/**
	 * The context's message source. The shell has no messages to translate; declaring this one keeps
	 * Spring from making its default, whose class initialization costs tens of milliseconds of locale
	 * set-up on every one-shot command.
	 */
	@Bean
	MessageSource messageSource() {
		return new NoMessages();
	}

	static final class NoMessages implements MessageSource {

		@Override
		public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
			return defaultMessage;
		}

		@Override
		public String getMessage(String code, Object[] args, Locale locale) throws NoSuchMessageException {
			throw new NoSuchMessageException(code, locale);
		}

		@Override
		public String getMessage(MessageSourceResolvable resolvable, Locale locale) throws NoSuchMessageException {
			if (resolvable.getDefaultMessage() != null) {
				return resolvable.getDefaultMessage();
			}
			String[] codes = resolvable.getCodes();
			throw new NoSuchMessageException(codes == null || codes.length == 0 ? "" : codes[0], locale);
		}

	}

	/** The session; its sandboxes serve the {@link #sandboxResources} beans, looked up when one starts. */
	@Bean(destroyMethod = "close")
	Session session(AstraSettings settings, ProcessIo io, BeanFactory beans) {
		return new Session(settings, io.env(), Logging.trace("api"), () -> beans.getBean(SandboxResources.class),
				io::resolve);
	}

	/**
	 * Every {@link SandboxResource} bean ({@code @Component} classes of {@code sandbox}), looked up by
	 * class as the command groups are ({@link #commandRegistry}), built only when a sandbox starts.
	 */
	@Bean
	SandboxResources sandboxResources(BeanFactory beans) {
		List<SandboxResource<?>> resources = new ArrayList<>();
		beans.getBeanProvider(SandboxResource.class).stream().forEach(resources::add);
		return SandboxResources.of(resources);
	}

	/**
	 * The completion values of the server kinds the nouns register ({@link ServerKinds}, looked up by
	 * type at the first fetch, as the registry looks up the groups); also told of the shell's own
	 * changes (it is the services' ChangeListener), so it takes the registrations once the command
	 * classes are built, not while they are.
	 */
	@Bean
	ServerValueCache serverValueCache(Session session, AstraSettings settings, BeanFactory beans) {
		return new ServerValueCache(session,
				() -> beans.getBeanProvider(ServerKinds.class).stream().flatMap(k -> k.serverKinds().stream()).toList(),
				settings.completion().ttl(), settings.completion().firstFetchWait(), session.home().path(),
				Clock.systemUTC(), Logging.trace("completion"));
	}

	@Bean
	ServerValues serverValues(Session session, ServerValueCache cache, ObjectProvider<CommandRegistry> registry) {
		return new ServerValues(session, cache, new LocalValues(session, registry::getObject));
	}

	@Bean
	Console console(ProcessIo io) {
		return io.console();
	}

	@Bean
	BuildInfo buildInfo() {
		return BuildInfo.load();
	}

	/**
	 * Every command of every {@link CommandGroup} bean, each completing from its own grammar. The groups
	 * are looked up by their class ({@link BeanFactory#getBeanProvider(Class)}), which costs nothing
	 * measurable. The obvious forms cost every one-shot command: a {@code List<CommandGroup>} parameter
	 * goes through Spring's type converter and order comparator, which load all the default property
	 * editors and the annotation scanning (the one-shot class archive grew by 440 KB, each command's
	 * peak RSS by 1.3 MiB); an {@code ObjectProvider<CommandGroup>} parameter has its generic type
	 * resolved through a dynamic proxy class, generated at every start.
	 */
	@Bean
	CommandRegistry commandRegistry(BeanFactory beans, ObjectProvider<ServerValues> values) {
		CommandRegistry registry = new CommandRegistry(new HashSet<>());
		beans.getBeanProvider(CommandGroup.class).stream().forEach(group -> {
			for (AstraCommand command : group.commands()) {
				command.setCompletionProvider(new SpecCompletionProvider(command, values::getObject));
				registry.registerCommand(command);
			}
		});
		return registry;
	}

	@Bean
	ScriptRunner scriptRunner(Dispatcher dispatcher, Session session, Console console) {
		return new ScriptRunner(dispatcher, session, console);
	}

	@Bean
	CommandLineParser commandLineParser(CommandRegistry registry) {
		return new CommandLineParser(registry);
	}

	@Bean
	Dispatcher dispatcher(CommandLineParser parser, Session session, Console console) {
		return new Dispatcher(parser, session, console);
	}

	@Bean
	Prompt prompt(Dispatcher dispatcher, Console console, Session session, CommandRegistry registry,
			BuildInfo build, ServerValues values, ServerValueCache cache) {
		return new Prompt(dispatcher, console, session, new AstraPrompt(session),
				new ShellCompleter(registry, dispatcher.parser(), values),
				cache, build.version());
	}

	@Bean
	ShellRunner shellRunner(Dispatcher dispatcher, Session session, ObjectProvider<Prompt> prompt,
			ProcessIo io) {
		return new ShellRunner(dispatcher, session, prompt, io);
	}

}
