package io.astrashell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.shell.Logging;
import io.astrashell.shell.ProcessIo;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

/**
 * astra shell: {@code astra} opens the {@code astra>} prompt, {@code astra <command>} runs one
 * command and exits with its code.
 *
 * <p>Start-up is on the path of every one-shot command, so the application starts lean: no
 * auto-configuration and no classpath scanning (the beans are listed in
 * {@link AstraShellConfiguration}), lazy beans, no Boot listeners, and {@code application.yml} read
 * directly: the jar's copy as defaults, then the file named by {@code -Dastra.config} (the
 * launcher passes the top-level application.yml).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import(AstraShellConfiguration.class)
public class AstraShellApplication {

	public static void main(String[] args) {
		System.exit(run(args, ProcessIo.system()));
	}

	/** Runs the shell with these arguments and streams; returns the exit code. */
	public static int run(String[] args, ProcessIo io) {
		Logging.init(io.err());
		StandardEnvironment environment = environment(io.env());
		AstraSettings settings = AstraSettings.from(environment);
		SpringApplication app = new LeanSpringApplication();
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		app.setLazyInitialization(true);
		app.setListeners(List.of());
		app.setAddConversionService(false);
		app.setEnvironment(environment);
		app.addInitializers(context -> {
			context.getBeanFactory().registerSingleton("processIo", io);
			context.getBeanFactory().registerSingleton("astraSettings", settings);
		});
		ConfigurableApplicationContext context = app.run(args);
		return SpringApplication.exit(context);
	}

	/**
	 * A SpringApplication that skips binding {@code spring.main.*} properties onto itself: the shell
	 * sets everything here in code, and the binding would start Spring Boot's conversion service and
	 * binder (tens of milliseconds) on every one-shot command.
	 */
	static final class LeanSpringApplication extends SpringApplication {

		LeanSpringApplication() {
			super(AstraShellApplication.class);
		}

		@Override
		protected void bindToSpringApplication(ConfigurableEnvironment environment) {
		}

	}

	/**
	 * System properties, the process's environment variables, then application.yml (the launcher's,
	 * then the jar's): {@code ${ASTRA_HOME:...}} in application.yml reads {@code variables}.
	 */
	static StandardEnvironment environment(Map<String, String> variables) {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new java.util.HashMap<>(variables)));
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		List<PropertySource<?>> sources = new ArrayList<>();
		try {
			String override = System.getProperty("astra.config");
			if (override != null && Files.isRegularFile(Path.of(override))) {
				sources.addAll(loader.load("astra-config", new FileSystemResource(override)));
			}
			sources.addAll(loader.load("jar-defaults", new ClassPathResource("application.yml")));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read application.yml", e);
		}
		sources.forEach(env.getPropertySources()::addLast);
		return env;
	}

}
