package io.astrashell.startup;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The type-only resolver refuses the injection points it would get wrong (that no class of the
 * shell has one is {@link StartupGuardsTest}).
 */
class TypeOnlyAutowiringTest {

	@Configuration(proxyBeanMethods = false)
	static class Strings {

		@Bean
		String version() {
			return "1.0";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WithValue {

		@Bean
		StringBuilder home(@Value("${astra.home}") String home) {
			return new StringBuilder(home);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WithQualifier {

		@Bean
		StringBuilder named(@Qualifier("version") String version) {
			return new StringBuilder(version);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WithLazy {

		@Bean
		StringBuilder lazy(@Lazy String version) {
			return new StringBuilder(version);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Plain {

		@Bean
		StringBuilder plain(String version) {
			return new StringBuilder(version);
		}

	}

	private static AnnotationConfigApplicationContext start(Class<?> config) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TypeOnlyAutowiring.apply(context.getDefaultListableBeanFactory());
		context.register(Strings.class, config);
		context.refresh();
		return context;
	}

	@Test
	void valueQualifierAndLazyStopTheStartWithTheReason() {
		for (Class<?> config : List.of(WithValue.class, WithQualifier.class, WithLazy.class)) {
			assertThatThrownBy(() -> start(config).close()).as(config.getSimpleName())
				.rootCause()
				.hasMessageContaining("is not supported: astra shell's beans are matched by type alone")
				.hasMessageContaining("parameter 0 of java.lang.StringBuilder " + config.getName() + ".");
		}
	}

	@Test
	void aPlainParameterIsMatchedByType() {
		try (AnnotationConfigApplicationContext context = start(Plain.class)) {
			assertThat(context.getBean(StringBuilder.class).toString()).isEqualTo("1.0");
		}
	}

}
