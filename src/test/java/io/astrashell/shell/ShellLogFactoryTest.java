package io.astrashell.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's warnings and errors reach the shell's debug output under -v, redacted, and nothing else does. */
class ShellLogFactoryTest {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@AfterEach
	void quiet() {
		Logging.verbose(false);
		Logging.init(System.err);
	}

	@Test
	void warningsAndErrorsAreDebugLinesUnderVerbose() {
		Logging.init(new PrintStream(err, true, StandardCharsets.UTF_8));
		Log log = new ShellLogFactory().getInstance("org.springframework.Something");
		Logging.verbose(true);
		assertThat(log.isWarnEnabled()).isTrue();
		assertThat(log.isInfoEnabled()).isFalse();
		log.warn("Bean 'x' is not eligible", new IllegalStateException("token AstraCS:abcdefghijklmnopqrstuvwx:"
				+ "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
		log.error("Application run failed");
		log.info("an info line");
		log.debug("a debug line");
		String text = err.toString(StandardCharsets.UTF_8);
		assertThat(text).contains("[DEBUG] spring: WARN Bean 'x' is not eligible (java.lang.IllegalStateException: token ")
			.contains("[DEBUG] spring: ERROR Application run failed\n")
			.doesNotContain("info line").doesNotContain("debug line")
			.doesNotContain("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	}

	@Test
	void withoutVerboseNothingIsWritten() {
		Logging.init(new PrintStream(err, true, StandardCharsets.UTF_8));
		Log log = new ShellLogFactory().getInstance(ShellLogFactoryTest.class);
		Logging.verbose(false);
		assertThat(log.isWarnEnabled()).isFalse();
		log.warn("a warning");
		log.error("an error");
		assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void theShellNamesItAsCommonsLoggingsFactory() {
		Logging.init(System.err);
		assertThat(System.getProperty("org.apache.commons.logging.LogFactory")).isEqualTo(ShellLogFactory.class.getName());
	}

}
