package io.astrashell;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.astrashell.cli.CommandGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the beans are wired: every command group and every service is found by the one component
 * scan of {@link AstraShellConfiguration} (run by Spring AOT at build time), so adding a noun edits no
 * list of beans. This walks every class of the shell on the class path, so a group that the scan
 * would miss (no {@code @Component}, or a package the scan leaves out) fails here instead of
 * silently having no commands; and no group takes the registry it is built into.
 */
class BeanWiringTest {

	@TempDir
	Path dir;

	/** Every concrete class of the shell implementing {@code type}, from the compiled classes. */
	static List<Class<?>> classesOf(Class<?> type) throws Exception {
		Path classes = Path.of(AstraShellApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		List<Class<?>> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(classes.resolve("io/astrashell"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
				String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
				if (name.contains("__")) { // Spring AOT's generated bean definitions
					continue;
				}
				Class<?> c = Class.forName(name, false, AstraShellApplication.class.getClassLoader());
				if (type.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
					found.add(c);
				}
			}
		}
		return found;
	}

	private static List<String> scanned() {
		return List.of(AstraShellConfiguration.class.getAnnotation(ComponentScan.class).basePackages());
	}

	private static boolean inScan(Class<?> c) {
		return scanned().stream().anyMatch(p -> c.getPackageName().equals(p) || c.getPackageName().startsWith(p + "."));
	}

	@Test
	void everyCommandGroupOnTheClassPathIsAScannedBean() throws Exception {
		List<Class<?>> groups = classesOf(CommandGroup.class);
		assertThat(groups).as("command groups found").hasSizeGreaterThanOrEqualTo(9);
		for (Class<?> g : groups) {
			assertThat(g.isAnnotationPresent(Component.class)).as(g.getName() + " is a @Component").isTrue();
			assertThat(inScan(g)).as(g.getName() + " is in a scanned package " + scanned()).isTrue();
			assertThat(g.getDeclaredConstructors()).as(g.getName() + ": one constructor, wired by type").hasSize(1);
		}
	}

	@Test
	void everyServiceIsAScannedBean() throws Exception {
		Path classes = Path.of(AstraShellApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		int services = 0;
		for (Class<?> c : classesOf(Object.class)) {
			if (c.getSimpleName().endsWith("Service") && c.getEnclosingClass() == null && !c.isRecord() && !c.isEnum()
					&& Files.exists(classes.resolve(c.getName().replace('.', '/') + ".class"))) {
				services++;
				assertThat(c.isAnnotationPresent(Service.class)).as(c.getName() + " is a @Service").isTrue();
				assertThat(inScan(c)).as(c.getName() + " is in a scanned package " + scanned()).isTrue();
			}
		}
		assertThat(services).as("services found").isGreaterThanOrEqualTo(6);
	}

	@Test
	void noCommandGroupTakesTheRegistryItIsBuiltInto() throws Exception {
		for (Class<?> g : classesOf(CommandGroup.class)) {
			for (Constructor<?> c : g.getDeclaredConstructors()) {
				assertThat(c.getParameterTypes()).as(g.getName()).doesNotContain(CommandRegistry.class);
			}
		}
	}

	/** The registry holds a command of every group: {@code help} lists each group's commands. */
	@Test
	void theRegistryHoldsTheCommandsOfEveryGroup() {
		AstraRun.Result help = new AstraRun(dir).run("help");
		assertThat(help.exitCode()).as(help.toString()).isZero();
		for (String command : List.of("org", "user invite", "role create", "token create", "config create",
				"sandbox serve", "completion", "script", "help", "refresh")) {
			assertThat(help.out()).as(command).contains(command);
		}
	}

}
