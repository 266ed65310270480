package io.astrashell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.cli.ExitCode;
import io.astrashell.output.Level;
import io.astrashell.output.Style;
import io.astrashell.shell.Logging;
import io.astrashell.shell.ProcessIo;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.GenericTypeAwareAutowireCandidateResolver;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * astra shell: {@code astra} opens the {@code astra>} prompt, {@code astra <command>} runs one
 * command and exits with its code.
 *
 * <p>Start-up is on the path of every one-shot command, so the application starts lean: no
 * auto-configuration and no classpath scanning (the beans are listed in
 * {@link AstraShellConfiguration}), lazy beans, no Boot listeners or context initializers (but
 * the one Spring AOT generates), and {@code application.yml} read directly:
 * the jar's copy as defaults, then the file named by {@code -Dastra.config} (the launcher passes
 * the top-level application.yml).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import(AstraShellConfiguration.class)
public class AstraShellApplication {

	public static void main(String[] args) {
		englishOnlyLocaleData();
		Logging.init(System.err); // before the warm-up thread's first Spring class asks for a log
		Thread.currentThread().setContextClassLoader(LeanClassLoader.INSTANCE);
		ClassWarmup.start();
		System.exit(run(args, ProcessIo.system()));
	}

	/**
	 * The shell writes English, with numbers and dates in fixed forms (ISO-8601, a '.' for decimals)
	 * whatever the user's locale, since scripts read what it prints. So it needs none of the JDK's
	 * locale data for some 900 locales (CLDR), whose list of locales alone costs tens of milliseconds
	 * to build the first time a date or number format is made. It runs on the JDK's built-in English
	 * data instead ({@code SPI}: only installed locale providers, of which there are none, then that
	 * built-in data). An explicit {@code -Djava.locale.providers} is left alone.
	 */
	static void englishOnlyLocaleData() {
		if (System.getProperty("java.locale.providers") == null) {
			System.setProperty("java.locale.providers", "SPI");
		}
	}

	/** Runs the shell with these arguments and streams; returns the exit code. */
	public static int run(String[] args, ProcessIo io) {
		Logging.init(io.err());
		StandardEnvironment environment;
		AstraSettings settings;
		try {
			environment = environment(io.env());
			settings = AstraSettings.from(environment);
		}
		catch (AstraSettings.Invalid e) {
			io.err().println(Level.ERROR.prefix(new Style(false)) + e.getMessage());
			return ExitCode.CONFIGURATION.code();
		}
		SpringApplication app = new LeanSpringApplication(io, settings);
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		app.setLazyInitialization(true);
		app.setListeners(List.of());
		app.setInitializers(List.of());
		app.setAddConversionService(false);
		app.setEnvironment(environment);
		ConfigurableApplicationContext context = app.run(args);
		return SpringApplication.exit(context);
	}

	/**
	 * The shell's beans are wired through their constructors alone: no {@code @Value},
	 * {@code @Qualifier} or {@code @Lazy} injection points and no {@code @EventListener} methods. So
	 * the context matches candidates by type (generics included) without scanning each parameter for
	 * annotations, and does not introspect every bean's methods for listeners: both cost time on every
	 * one-shot command.
	 */
	static void leanBeanFactory(DefaultListableBeanFactory beanFactory) {
		beanFactory.setAutowireCandidateResolver(new GenericTypeAwareAutowireCandidateResolver());
		for (String name : List.of(AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME,
				AnnotationConfigUtils.EVENT_LISTENER_FACTORY_BEAN_NAME)) {
			if (beanFactory.containsBeanDefinition(name)) {
				beanFactory.removeBeanDefinition(name);
			}
		}
	}

	/**
	 * A SpringApplication that sets itself up in code and skips the parts of Spring Boot's start that
	 * the shell does not use, since they cost time on every one-shot command:
	 * <ul>
	 * <li>Boot's listeners and context initializers, listed in {@code META-INF/spring.factories}: the
	 * constructor would load, create and sort them all, only for {@code run} to replace them. Its
	 * resource loader's class loader does not show those files ({@link LeanClassLoader});</li>
	 * <li>binding {@code spring.main.*} properties onto itself (Boot's conversion service and
	 * binder);</li>
	 * <li>an initializer of our own beside the one Spring AOT generates: two initializers get sorted,
	 * which reads the annotations of both classes. The shell's singletons are registered while the
	 * context is prepared, and the bean factory is made lean just before the refresh.</li>
	 * </ul>
	 */
	static final class LeanSpringApplication extends SpringApplication {

		private final ProcessIo io;

		private final AstraSettings settings;

		LeanSpringApplication(ProcessIo io, AstraSettings settings) {
			super(new DefaultResourceLoader(LeanClassLoader.INSTANCE), AstraShellApplication.class);
			this.io = io;
			this.settings = settings;
		}

		@Override
		protected void bindToSpringApplication(ConfigurableEnvironment environment) {
		}

		@Override
		protected void postProcessApplicationContext(ConfigurableApplicationContext context) {
			super.postProcessApplicationContext(context);
			context.getBeanFactory().registerSingleton("processIo", this.io);
			context.getBeanFactory().registerSingleton("astraSettings", this.settings);
		}

		@Override
		protected void refresh(ConfigurableApplicationContext context) {
			leanBeanFactory((DefaultListableBeanFactory) context.getBeanFactory());
			super.refresh(context);
		}

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
		sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
				new LookupOnly(sources.get(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)));
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new LookupOnly(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new java.util.HashMap<>(variables))));
		files.forEach(file -> sources.addLast(new LookupOnly(file)));
		return env;
	}

	/**
	 * A property source answering lookups by name (those of the settings, placeholders included) but
	 * not listing its names. Spring Boot, as it starts, indexes every name of every property source
	 * that lists them, system properties and environment variables included, to answer one question
	 * about {@code spring.main.environment-prefix}: several milliseconds of every one-shot command,
	 * which lookups alone spare.
	 */
	static final class LookupOnly extends PropertySource<PropertySource<?>> {

		LookupOnly(PropertySource<?> source) {
			super(source.getName(), source);
		}

		@Override
		public Object getProperty(String name) {
			return this.source.getProperty(name);
		}

		@Override
		public boolean containsProperty(String name) {
			return this.source.containsProperty(name);
		}

	}

}
