package io.astrashell.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.launcher.LaunchFixture.Run;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java the launcher is given, under dash and bash: any Java that is missing, not an executable
 * file, not a Java runtime or older than 17 stops the launcher with one {@code astra:} line naming it
 * and the need, exit 100, whether it came from ASTRA_JAVA or JAVA_HOME, and also when the path noted
 * as good now leads to another Java; and ASTRA_JAVA_OPTS reaches the JVM split at blanks, never
 * expanded as file names. There is no JDK 11 here: old Javas are scripts answering {@code -version}
 * as JDK 11 and 8 do (and anything else as JDK 11 answers a JDK 17 option).
 */
class LauncherJavaIT {

	@TempDir
	Path dir;

	static String oldJava(String version) {
		return """
				#!/bin/sh
				case "$*" in
				  -version) printf 'openjdk version "%s" 2024-01-16\\nOpenJDK Runtime Environment\\n' >&2; exit 0 ;;
				  *) echo 'Unrecognized option: --enable-native-access=ALL-UNNAMED' >&2
				     echo 'Error: Could not create the Java Virtual Machine.' >&2; exit 1 ;;
				esac
				""".formatted(version);
	}

	static void assertRefused(Run r, String java, String why) {
		assertThat(r.exit()).as(r.toString()).isEqualTo(100);
		assertThat(r.out()).as(r.toString()).isEmpty();
		assertThat(r.err()).as(r.toString()).matches("astra: \\Q" + java + "\\E \\(from [A-Z_]+\\) " + why
				+ ".*: astra shell needs a JDK 17 or later \\(set ASTRA_JAVA or JAVA_HOME to one\\)\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dash", "bash" })
	void aJavaThatCannotRunTheShellIsNamedInOneLine(String shell) throws Exception {
		assumeTrue(LaunchFixture.has(shell), shell + " is not installed (.ci/run installs it)");
		LaunchFixture fx = new LaunchFixture(dir);
		Path install = LaunchFixture.install(dir.resolve("install"));
		String astra = install.resolve("astra").toString();
		Path notExecutable = Files.writeString(dir.resolve("java-not-executable"), "#!/bin/sh\n");
		Path jdk11 = LaunchFixture.executable(dir.resolve("jdk-11/bin/java"), oldJava("11.0.22"));
		Path jdk8 = LaunchFixture.executable(dir.resolve("jdk-8/bin/java"), oldJava("1.8.0_402"));
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put("/nonexistent/java", "does not exist");
		refused.put("/bin/false", "is not a Java runtime");
		refused.put("/bin/sh", "is not a Java runtime");
		refused.put(dir.toString(), "is not an executable file");
		refused.put(notExecutable.toString(), "is not an executable file");
		refused.put(jdk11.toString(), "is Java 11\\.0\\.22");
		refused.put(jdk8.toString(), "is Java 1\\.8\\.0_402");
		for (Map.Entry<String, String> e : refused.entrySet()) {
			Run r = fx.run(install, Map.of("ASTRA_JAVA", e.getKey()), shell, astra, "version");
			assertRefused(r, e.getKey(), e.getValue());
			assertThat(r.err()).contains("(from ASTRA_JAVA)");
		}
		// a JAVA_HOME holding an old JDK
		Map<String, String> env = new HashMap<>();
		env.put("ASTRA_JAVA", null);
		env.put("JAVA_HOME", dir.resolve("jdk-11").toString());
		Run home = fx.run(install, env, shell, astra, "org", "id");
		assertRefused(home, jdk11.toString(), "is Java 11\\.0\\.22");
		assertThat(home.err()).contains("(from JAVA_HOME)");

		// a link noted as a good Java, then pointed at an old one: noticed at the next start
		Path link = dir.resolve("java-link");
		Files.createSymbolicLink(link, Path.of(fx.realJava()));
		Run good = fx.run(install, Map.of("ASTRA_JAVA", link.toString(), "ASTRA_NO_CACHE", "1"), shell, astra, "version");
		assertThat(good.exit()).as(good.toString()).isZero();
		Files.delete(link);
		Files.createSymbolicLink(link, jdk11);
		assertRefused(fx.run(install, Map.of("ASTRA_JAVA", link.toString(), "ASTRA_NO_CACHE", "1"), shell, astra, "version"),
				link.toString(), "is Java 11\\.0\\.22");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dash", "bash" })
	void javaOptionsAreSplitAtBlanksAndNeverExpandedAsFileNames(String shell) throws Exception {
		assumeTrue(LaunchFixture.has(shell), shell + " is not installed (.ci/run installs it)");
		LaunchFixture fx = new LaunchFixture(dir);
		Path install = LaunchFixture.install(dir.resolve("install"));
		String astra = install.resolve("astra").toString();
		// a folder where each pattern below matches a file
		Path here = Files.createDirectories(dir.resolve("here"));
		Files.writeString(here.resolve("-Dastra.probe=matched"), "");
		Files.writeString(here.resolve("-Dastra.two=x"), "");
		Path args = dir.resolve("args");
		Map<String, String> env = new HashMap<>();
		env.put("ASTRA_JAVA", fx.pausingJava().toString());
		env.put("ASTRA_TEST_ARGS", args.toString());
		env.put("ASTRA_NO_CACHE", "1");
		env.put("ASTRA_JAVA_OPTS", " -Dastra.probe=*\t -Dastra.two=?  ");
		Run r = fx.run(here, env, shell, astra, "org", "name", "--env", "local");
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo("Sandbox Org\n");
		List<String> words = Files.readAllLines(args);
		assertThat(words).contains("-Dastra.probe=*", "-Dastra.two=?").doesNotContain("-Dastra.probe=matched", "-Dastra.two=x");

		// the case: '/*' reaches the JVM as that word (which the JVM then refuses as a class name)
		env.put("ASTRA_JAVA_OPTS", "/*");
		Run slash = fx.run(here, env, shell, astra, "version");
		assertThat(Files.readAllLines(args)).contains("/*").doesNotContain("/bin", "/etc");
		assertThat(slash.err()).contains("/*").doesNotContain("/bin");
	}

}
