package io.astrashell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.shell.Logging;
import io.astrashell.shell.ProcessIo;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
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
		Logging.init();
		SpringApplication app = new SpringApplication(AstraShellApplication.class);
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		app.setLazyInitialization(true);
		app.setListeners(List.of());
		app.setEnvironment(environment());
		app.addInitializers(context -> context.getBeanFactory().registerSingleton("processIo", io));
		ConfigurableApplicationContext context = app.run(args);
		return SpringApplication.exit(context);
	}

	/** System properties, environment variables, then application.yml (the launcher's, then the jar's). */
	static StandardEnvironment environment() {
		StandardEnvironment env = new StandardEnvironment();
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
