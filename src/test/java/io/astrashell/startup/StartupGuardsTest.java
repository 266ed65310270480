package io.astrashell.startup;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.astrashell.AstraShellApplication;
import io.astrashell.AstraShellConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell starts without the parts of Spring that these annotations need, so each would be
 * ignored without a word: {@code @ConfigurationProperties} (no binder runs: settings are declared in
 * {@code AstraSettings.Setting}), {@code @EventListener} (no listener processor), {@code @Value},
 * {@code @Qualifier}, {@code @Lazy} and {@code @Autowired} (beans are wired through their
 * {@code @Bean} methods by type alone, see {@link TypeOnlyAutowiring}), and {@code @ComponentScan}
 * anywhere but on {@code AstraShellConfiguration}, whose scan Spring AOT runs at build time (a scan
 * declared elsewhere would be one more place to look for where beans come from). This fails when any class of
 * the shell carries one, on the class, a field, a method, a constructor or a parameter.
 */
class StartupGuardsTest {

	private static final Set<Class<? extends Annotation>> UNSERVED = Set.of(ConfigurationProperties.class,
			EnableConfigurationProperties.class, EventListener.class, Value.class, Qualifier.class, Lazy.class,
			Autowired.class, ComponentScan.class);

	@Test
	void noClassOfTheShellAsksForWhatItsStartLeavesOut() throws Exception {
		Path classes = Path.of(AstraShellApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		List<String> found = new ArrayList<>();
		int checked = 0;
		try (Stream<Path> files = Files.walk(classes.resolve("io/astrashell"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
				String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
				if (name.contains("__")) { // Spring AOT's generated bean definitions
					continue;
				}
				Class<?> type = Class.forName(name, false, AstraShellApplication.class.getClassLoader());
				checked++;
				check(type, type, found);
				for (var f : type.getDeclaredFields()) {
					check(type, f, found);
				}
				List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
				executables.addAll(List.of(type.getDeclaredConstructors()));
				for (Executable e : executables) {
					check(type, e, found);
					for (Parameter p : e.getParameters()) {
						check(type, p, found);
					}
				}
			}
		}
		assertThat(checked).as("classes checked").isGreaterThan(100);
		assertThat(found).as("annotations the shell's start does not serve").isEmpty();
	}

	/** {@link LeanClassLoader} hides every {@code META-INF/spring.factories}, so the shell ships none. */
	@Test
	void theShellShipsNoSpringFactoriesForTheLeanLoaderToHide() throws Exception {
		Path classes = Path.of(AstraShellApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(classes.resolve("META-INF/spring.factories")).as("hidden at start by LeanClassLoader").doesNotExist();
		assertThat(classes.resolve("commons-logging.properties")).as("hidden at start by LeanClassLoader").doesNotExist();
	}

	private static void check(Class<?> type, AnnotatedElement element, List<String> found) {
		for (Annotation a : element.getDeclaredAnnotations()) {
			Class<? extends Annotation> t = a.annotationType();
			if (t == ComponentScan.class && type == AstraShellConfiguration.class) {
				continue; // the one scan: command groups and services, run by Spring AOT at build time
			}
			if (UNSERVED.contains(t) || t.isAnnotationPresent(Qualifier.class)) {
				found.add(type.getName() + ": @" + t.getSimpleName() + " on " + element);
			}
		}
	}

}
