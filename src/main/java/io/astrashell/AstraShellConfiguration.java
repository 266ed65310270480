package io.astrashell;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.CommandLineParser;
import io.astrashell.command.CompletionCommands;
import io.astrashell.command.ConfigCommands;
import io.astrashell.command.OrgCommands;
import io.astrashell.command.RoleCommands;
import io.astrashell.command.ScriptCommands;
import io.astrashell.command.SandboxCommands;
import io.astrashell.command.ShellCommands;
import io.astrashell.command.TokenCommands;
import io.astrashell.command.UserCommands;
import io.astrashell.completion.LocalValues;
import io.astrashell.completion.ServerValueCache;
import io.astrashell.completion.ServerValues;
import io.astrashell.completion.ShellCompleter;
import io.astrashell.completion.SpecCompletionProvider;
import io.astrashell.service.ApiCalls;
import io.astrashell.service.ChangeListener;
import io.astrashell.service.OrgService;
import io.astrashell.service.ProfileService;
import io.astrashell.service.RoleService;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import io.astrashell.session.Session;
import io.astrashell.shell.AstraPrompt;
import io.astrashell.shell.Console;
import io.astrashell.shell.Dispatcher;
import io.astrashell.shell.Logging;
import io.astrashell.shell.ProcessIo;
import io.astrashell.shell.Prompt;
import io.astrashell.shell.ScriptRunner;
import io.astrashell.shell.ShellRunner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * Every bean of the shell, listed: session, services, the commands (one group per noun,
 * registered in Spring Shell's {@link CommandRegistry}), the dispatcher, the prompt and the runner.
 * Two singletons come from {@link AstraShellApplication#run}: {@code processIo} (streams and
 * environment variables) and {@code astraSettings} (application.yml, read before Spring starts).
 */
@Configuration(proxyBeanMethods = false)
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

	@Bean(destroyMethod = "close")
	Session session(AstraSettings settings, ProcessIo io) {
		return new Session(settings, io.env(), Logging.trace("api"));
	}

	@Bean
	ApiCalls apiCalls(Session session) {
		return new ApiCalls(session);
	}

	@Bean
	OrgService orgService(ApiCalls api) {
		return new OrgService(api);
	}

	/** The completion values; also told of the shell's own changes (it is the services' ChangeListener). */
	@Bean
	ServerValueCache serverValueCache(Session session, AstraSettings settings) {
		return new ServerValueCache(session, settings.completion().ttl(), settings.completion().firstFetchWait(),
				session.home().resolve("completion"), Clock.systemUTC());
	}

	@Bean
	ServerValues serverValues(Session session, ServerValueCache cache, ObjectProvider<CommandRegistry> registry) {
		return new ServerValues(session, cache, new LocalValues(session, registry::getObject));
	}

	@Bean
	RoleService roleService(ApiCalls api, OrgService orgs, ChangeListener changes) {
		return new RoleService(api, orgs, changes);
	}

	@Bean
	UserService userService(ApiCalls api, RoleService roles, OrgService orgs, ChangeListener changes) {
		return new UserService(api, roles, orgs, changes);
	}

	@Bean
	ProfileService profileService(Session session, OrgService orgs) {
		return new ProfileService(session, orgs);
	}

	@Bean
	TokenService tokenService(ApiCalls api, RoleService roles, ChangeListener changes) {
		return new TokenService(api, roles, changes);
	}

	@Bean
	Console console(ProcessIo io) {
		return io.console();
	}

	@Bean
	BuildInfo buildInfo() {
		return BuildInfo.load();
	}

	@Bean
	CommandRegistry commandRegistry(Session session, OrgService orgs, UserService users, RoleService roles,
			TokenService tokens, ProfileService profiles, Console console, BuildInfo build,
			ObjectProvider<ServerValues> values, ServerValueCache cache, ObjectProvider<ScriptRunner> scripts) {
		CommandRegistry registry = new CommandRegistry(new HashSet<>());
		List<CommandGroup> groups = List.of(new OrgCommands(session, orgs), new UserCommands(session, users, roles, console),
				new RoleCommands(session, roles, console), new TokenCommands(session, tokens, roles, console),
				new ConfigCommands(session, profiles, console),
				new SandboxCommands(session), new CompletionCommands(registry, session, cache),
				new ScriptCommands(scripts::getObject, console),
				new ShellCommands(registry, console, session, build));
		for (CommandGroup group : groups) {
			for (AstraCommand command : group.commands()) {
				command.setCompletionProvider(new SpecCompletionProvider(command, values::getObject));
				registry.registerCommand(command);
			}
		}
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
		return new Prompt(dispatcher, console, session, new AstraPrompt(session), new ShellCompleter(registry, values),
				cache, build.version());
	}

	@Bean
	ShellRunner shellRunner(Dispatcher dispatcher, Session session, ObjectProvider<Prompt> prompt,
			ProcessIo io) {
		return new ShellRunner(dispatcher, session, prompt, io);
	}

}
