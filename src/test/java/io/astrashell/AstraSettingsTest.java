package io.astrashell;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.astrashell.startup.LeanClassLoader;
import io.astrashell.startup.SettingsYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** application.yml: the jar's defaults, the launcher's file over them, and a file that is wrong. */
class AstraSettingsTest {

	@TempDir
	Path dir;

	@AfterEach
	void noOverride() {
		System.clearProperty("astra.config");
		System.clearProperty("astra.http.retries");
	}

	@Test
	void theJarCarriesTheTopLevelFileAsItsDefaults() throws Exception {
		byte[] jar = AstraSettingsTest.class.getResourceAsStream("/application.yml").readAllBytes();
		assertThat(new String(jar, StandardCharsets.UTF_8))
			.isEqualTo(Files.readString(Path.of("application.yml"), StandardCharsets.UTF_8));
	}

	@Test
	void theDefaultsResolveTheAstraHomeVariable() {
		AstraSettings settings = AstraSettings
			.from(AstraShellApplication.environment(Map.of("ASTRA_HOME", dir.resolve("home").toString())));
		assertThat(settings.home()).isEqualTo(dir.resolve("home"));
		assertThat(settings.environments().prod()).isEqualTo("https://api.astra.datastax.com");
		assertThat(settings.http().readTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.http().retries()).isEqualTo(2);
		assertThat(settings.completion().firstFetchWait()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void theLaunchersFileOverridesWhatItSaysAndTheJarFillsTheRest() throws Exception {
		Path file = Files.writeString(dir.resolve("application.yml"), """
				# a partial file
				astra:
				  http:
				    read-timeout: 2s   # shorter
				    retries: 0
				  environments:
				    dev: http://dev.example
				""");
		System.setProperty("astra.config", file.toString());
		AstraSettings settings = AstraSettings.from(AstraShellApplication.environment(Map.of()));
		assertThat(settings.http().readTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.http().retries()).isZero();
		assertThat(settings.http().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.environments().dev()).isEqualTo("http://dev.example");
		assertThat(settings.environments().test()).isEqualTo("https://api.test.cloud.datastax.com");
	}

	@Test
	void environmentVariablesAndSystemPropertiesOverrideTheFiles() {
		System.setProperty("astra.http.retries", "5");
		AstraSettings settings = AstraSettings.from(AstraShellApplication.environment(
				Map.of("ASTRA_HTTP_READ_TIMEOUT", "7s", "ASTRA_HTTP_RETRIES", "4")));
		assertThat(settings.http().readTimeout()).as("relaxed name of astra.http.read-timeout")
			.isEqualTo(Duration.ofSeconds(7));
		assertThat(settings.http().retries()).as("a system property comes before a variable").isEqualTo(5);
	}

	@Test
	void theLeanClassLoaderHidesOnlyItsTwoFiles() throws Exception {
		ClassLoader lean = LeanClassLoader.INSTANCE;
		ClassLoader app = AstraShellApplication.class.getClassLoader();
		assertThat(app.getResources("META-INF/spring.factories").hasMoreElements()).isTrue();
		assertThat(lean.getResources("META-INF/spring.factories").hasMoreElements()).isFalse();
		assertThat(lean.getResource("META-INF/spring.factories")).isNull();
		assertThat(lean.getResources("commons-logging.properties").hasMoreElements()).isFalse();
		assertThat(lean.getResource("application.yml")).isEqualTo(app.getResource("application.yml"));
		assertThat(lean.loadClass(AstraSettings.class.getName())).isSameAs(AstraSettings.class);
	}

	@Test
	void flattensNestedMapsAndListsAsSpringDoes() throws Exception {
		var source = SettingsYaml.load("t", "t.yml", new ByteArrayInputStream("""
				a:
				  b: 1
				  c: [x, "y z"]
				  d:
				  e: ~
				""".getBytes(StandardCharsets.UTF_8)));
		assertThat(source.getSource()).containsExactly(Map.entry("a.b", "1"), Map.entry("a.c[0]", "x"),
				Map.entry("a.c[1]", "y z"), Map.entry("a.d", ""), Map.entry("a.e", ""));
	}

	@Test
	void aMalformedFileNamesItsLine() {
		assertThatThrownBy(() -> SettingsYaml.load("t", "my.yml",
				new ByteArrayInputStream("astra:\n  http:\n    retries: [2\n  home: x\n".getBytes(StandardCharsets.UTF_8))))
			.isInstanceOf(AstraSettings.Invalid.class)
			.hasMessageStartingWith("my.yml: line ");
	}

	@Test
	void aWrongFileGivesOneLineAndExitCode9BeforeAnythingRuns() throws Exception {
		Path file = Files.writeString(dir.resolve("application.yml"), "astra:\n  http:\n    retries: lots\n");
		System.setProperty("astra.config", file.toString());
		AstraRun.Result r = new AstraRun(dir).run("version");
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.out()).isEmpty();
		assertThat(r.err()).isEqualTo("[ERROR] application.yml: 'astra.http.retries' is not a whole number: lots\n");

		Files.writeString(file, "astra:\n  http: [\n");
		r = new AstraRun(dir).run("version");
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.err()).startsWith("[ERROR] " + file + ": line ").doesNotContain("Exception").hasLineCount(1);
	}

	@Test
	void aPlaceholderWithNoValueNamesTheSettingAndTheWayOut() throws Exception {
		Path file = Files.writeString(dir.resolve("application.yml"), "astra:\n  config-file: ${ASTRA_NOT_SET_ANYWHERE}/x\n");
		System.setProperty("astra.config", file.toString());
		AstraRun.Result r = new AstraRun(dir).run("version");
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.err()).startsWith("[ERROR] application.yml: 'astra.config-file': ")
			.contains("ASTRA_NOT_SET_ANYWHERE")
			.contains("${NAME:default}")
			.hasLineCount(1);
	}

}
