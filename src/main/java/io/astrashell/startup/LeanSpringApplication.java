package io.astrashell.startup;

import java.util.List;

import io.astrashell.AstraSettings;
import io.astrashell.shell.ProcessIo;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A SpringApplication that sets itself up in code and skips the parts of Spring Boot's start that
 * the shell does not use, since they cost time on every one-shot command (HTTPS one-shot, A/B
 * against a plain {@code SpringApplication} with one initializer registering the same singletons:
 * 47 ms of CPU time, 90% interval 35 to 59 ms; see {@link io.astrashell.startup} for the method):
 * <ul>
 * <li>Boot's listeners and context initializers, listed in {@code META-INF/spring.factories}: the
 * constructor would load, create and sort them all, only for {@code run} to replace them. Its
 * resource loader's class loader does not show those files ({@link LeanClassLoader});</li>
 * <li>binding {@code spring.main.*} properties onto itself (Boot's conversion service and
 * binder);</li>
 * <li>an initializer of our own beside the one Spring AOT generates: two initializers get sorted,
 * which reads the annotations of both classes. The shell's singletons are registered while the
 * context is prepared, and the bean factory is made lean ({@link TypeOnlyAutowiring}) just before
 * the refresh.</li>
 * </ul>
 * What it leaves out fails loudly if it is ever needed: nothing here reads {@code spring.main.*}
 * (set {@code SpringApplication}'s properties in {@link #LeanSpringApplication} instead), and
 * {@link TypeOnlyAutowiring} refuses the injection points it cannot serve.
 */
public final class LeanSpringApplication extends SpringApplication {

	private final ProcessIo io;

	private final AstraSettings settings;

	/** {@code primarySource}: the configuration class; {@code io} and {@code settings} become beans. */
	public LeanSpringApplication(Class<?> primarySource, ProcessIo io, AstraSettings settings,
			ConfigurableEnvironment environment) {
		super(new DefaultResourceLoader(LeanClassLoader.INSTANCE), primarySource);
		this.io = io;
		this.settings = settings;
		setBannerMode(Banner.Mode.OFF);
		setLogStartupInfo(false);
		setLazyInitialization(true);
		setListeners(List.of());
		setInitializers(List.of());
		setAddConversionService(false);
		setEnvironment(environment);
		// not deduced from the stack: a resident session's call runs on a thread without main
		setMainApplicationClass(primarySource);
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
		TypeOnlyAutowiring.apply((DefaultListableBeanFactory) context.getBeanFactory());
		super.refresh(context);
	}

}
