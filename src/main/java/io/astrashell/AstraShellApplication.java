package io.astrashell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.daemon.DaemonControl;
import io.astrashell.daemon.ResidentSession;
import io.astrashell.error.ExitCode;
import io.astrashell.output.Level;
import io.astrashell.output.Renderer;
import io.astrashell.output.Style;
import io.astrashell.shell.Logging;
import io.astrashell.shell.ProcessIo;
import io.astrashell.startup.ClassWarmup;
import io.astrashell.startup.EnglishLocaleData;
import io.astrashell.startup.LeanClassLoader;
import io.astrashell.startup.LeanSpringApplication;
import io.astrashell.startup.SettingsYaml;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * astra shell: {@code astra} opens the {@code astra>} prompt, {@code astra <command>} runs one
 * command and exits with its code.
 *
 * <p>Start-up is on the path of every one-shot command, so the application starts lean: no
 * auto-configuration, the one component scan of {@link AstraShellConfiguration} run by Spring AOT at
 * build time (not at start), lazy beans, and the measured tricks of
 * {@link io.astrashell.startup}, each of which fails loudly if misused. {@code application.yml} is
 * read directly: the jar's copy as defaults, then the file named by {@code -Dastra.config} (the
 * launcher passes the top-level application.yml).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import(AstraShellConfiguration.class)
public class AstraShellApplication {

	public static void main(String[] args) {
		EnglishLocaleData.apply();
		Logging.init(System.err); // before the warm-up thread's first Spring class asks for a log
		Thread.currentThread().setContextClassLoader(LeanClassLoader.INSTANCE);
		String serve = System.getProperty(DaemonControl.SERVE_PROPERTY);
		if (serve != null) { // a resident session: each call it serves is a run of its own
			System.exit(serveCalls(serve));
		}
		ClassWarmup.start();
		ProcessIo io = ProcessIo.system(args);
		Ran ran = runOnce(io);
		startSessionOnFirstUse(ran.settings(), io);
		System.exit(ran.code());
	}

	/** A run's exit code, and its settings (null when they could not be read). */
	private record Ran(int code, AstraSettings settings) {
	}

	/**
	 * With {@code astra.daemon.start-on-first-use}, a cold one-shot command (not one of the daemon's
	 * own, nor with ASTRA_DAEMON=off) starts a resident session in the background when none runs,
	 * for the next commands: this one has run cold and its output is already written. Silent: a
	 * session that cannot start leaves the next command cold too, and {@code astra daemon start} says why.
	 */
	private static void startSessionOnFirstUse(AstraSettings settings, ProcessIo io) {
		if (settings == null || !settings.daemon().startOnFirstUse() || io.args().isEmpty()
				|| "off".equals(io.env().get("ASTRA_DAEMON")) || io.args().contains("daemon")) {
			return;
		}
		try {
			new DaemonControl(io.env()).startInBackground(settings.daemon().idle());
		}
		catch (IOException | RuntimeException e) {
			// the next command starts cold, as this one did
		}
	}

	private static int serveCalls(String idle) {
		try {
			return new ResidentSession(System.getenv(), Duration.parse(idle), AstraShellApplication::run).serve();
		}
		catch (IOException | RuntimeException e) {
			System.err.println("astra daemon: cannot serve: " + e);
			return ExitCode.INTERNAL_ERROR.code();
		}
	}

	/** Runs the shell with these arguments and the rest of {@code io}; returns the exit code. */
	public static int run(String[] args, ProcessIo io) {
		return run(io.withArgs(args));
	}

	/**
	 * Runs the shell once, with what {@code io} gives it (arguments, streams, environment, folder),
	 * in a Spring context of its own; returns the exit code. The process's run, a test's, and each
	 * call a resident session serves.
	 */
	public static int run(ProcessIo io) {
		return runOnce(io).code();
	}

	private static Ran runOnce(ProcessIo io) {
		String[] args = io.args().toArray(String[]::new);
		Logging.init(io.err());
		// Spring's warnings as it starts show under -v (the dispatcher settles -v for each line later)
		Logging.verbose(List.of(args).contains("-v") || List.of(args).contains("--verbose"));
		StandardEnvironment environment;
		AstraSettings settings;
		try {
			environment = environment(io.env());
			settings = AstraSettings.from(environment).in(io::resolve);
		}
		catch (AstraSettings.Invalid e) {
			// a value of a setting's variable may be anything, a secret or an escape sequence included
			io.err().println(Level.ERROR.prefix(new Style(false)) + Renderer.clean(e.getMessage()));
			return new Ran(ExitCode.CONFIGURATION.code(), null);
		}
		ConfigurableApplicationContext context = new LeanSpringApplication(AstraShellApplication.class, io, settings,
				environment).run(args);
		return new Ran(SpringApplication.exit(context), settings);
	}

	/**
	 * System properties, the process's environment variables, then application.yml (the launcher's,
	 * then the jar's): {@code ${ASTRA_HOME:...}} in application.yml reads {@code variables}.
	 */
	static StandardEnvironment environment(Map<String, String> variables) {
		// the files first: while the main thread parses them, the warm-up thread opens the jars that
		// Spring's first classes need to search (see ClassWarmup)
		List<PropertySource<?>> files = new ArrayList<>();
		String override = System.getProperty("astra.config");
		if (override != null && Files.isRegularFile(Path.of(override))) {
			try (InputStream in = Files.newInputStream(Path.of(override))) {
				files.add(SettingsYaml.load("astra-config", override, in));
			}
			catch (IOException e) {
				throw new AstraSettings.Invalid("cannot read " + override + ": " + e.getMessage());
			}
		}
		try (InputStream in = AstraShellApplication.class.getResourceAsStream("/application.yml")) {
			if (in != null) {
				files.add(SettingsYaml.load("jar-defaults", "the jar's application.yml", in));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the jar's application.yml", e);
		}
		StandardEnvironment env = new StandardEnvironment();
		MutablePropertySources sources = env.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
		files.forEach(sources::addLast);
		return env;
	}

}
