package io.astrashell;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.cli.CommandGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.core.command.CommandRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the beans are wired: each noun's commands are a bean of their own, the registry collects them,
 * and no bean takes the registry while it is being built (help and completion look it up when run).
 * The commands on the wire are covered end to end elsewhere; this keeps the wiring from growing back
 * into one method that builds everything.
 */
class BeanWiringTest {

	@TempDir
	Path dir;

	private static List<Method> beanMethods() {
		List<Method> methods = new ArrayList<>();
		for (Method m : AstraShellConfiguration.class.getDeclaredMethods()) {
			if (m.isAnnotationPresent(Bean.class) && !Modifier.isStatic(m.getModifiers())) {
				methods.add(m);
			}
		}
		return methods;
	}

	@Test
	void everyCommandGroupIsABeanAndTheRegistryTakesNoServices() {
		List<String> groups = beanMethods().stream()
			.filter(m -> CommandGroup.class.isAssignableFrom(m.getReturnType()))
			.map(m -> m.getReturnType().getSimpleName())
			.toList();
		assertThat(groups).contains("OrgCommands", "UserCommands", "RoleCommands", "TokenCommands", "ConfigCommands",
				"SandboxCommands", "CompletionCommands", "ScriptCommands", "ShellCommands");
		for (Method m : beanMethods()) {
			if (CommandGroup.class.isAssignableFrom(m.getReturnType())) {
				// a group takes what its own commands need
				assertThat(m.getParameterCount()).as(m.getName()).isLessThanOrEqualTo(4);
			}
			if (m.getReturnType() == CommandRegistry.class) {
				// the groups and the completion values, nothing that a group needs
				assertThat(m.getParameterCount()).as(m.getName()).isLessThanOrEqualTo(2);
			}
		}
	}

	@Test
	void noCommandGroupTakesTheRegistryItIsBuiltInto() {
		for (Method m : beanMethods()) {
			if (CommandGroup.class.isAssignableFrom(m.getReturnType())) {
				assertThat(m.getParameterTypes()).as(m.getName()).doesNotContain(CommandRegistry.class);
			}
			if (m.getReturnType() == CommandRegistry.class) {
				assertThat(m.getParameterTypes()).as(m.getName()).doesNotContain(CommandGroup.class);
			}
		}
	}

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
