package io.astrashell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's knowledge of the grammar is written from the command model: every global option
 * that takes a value, and no other word, as sh reads the file the launcher sources.
 */
class LaunchGrammarTest {

	@TempDir
	Path dir;

	@Test
	void theLauncherKnowsExactlyTheGlobalOptionsThatTakeAValue() throws Exception {
		Path file = Files.writeString(dir.resolve("grammar.sh"), LaunchGrammar.script());
		List<String> takes = new ArrayList<>();
		List<String> not = new ArrayList<>(List.of("-x", "--", "-", "org", "--env=local", "-o=json", "--role", "-r",
				"-*", "--envx", "-c"));
		for (OptionSpec o : GlobalOptions.ALL) {
			List<String> names = new ArrayList<>(List.of("--" + o.longName()));
			if (o.shortName() != null) {
				names.add("-" + o.shortName());
			}
			(o.isFlag() ? not : takes).addAll(names);
		}
		not.addAll(List.of("--help", "-h"));
		assertThat(takes).contains("--env", "-cf", "--config-file", "-conf", "-o", "--token", "--local-endpoint");
		for (String shell : new String[] { "sh", "dash", "bash" }) {
			if (Stream.of(System.getenv("PATH").split(":")).noneMatch(d -> Files.isExecutable(Path.of(d, shell)))) {
				continue;
			}
			for (String w : takes) {
				assertThat(takesValue(shell, file, w)).as(shell + ": " + w).isTrue();
			}
			for (String w : not) {
				assertThat(takesValue(shell, file, w)).as(shell + ": " + w).isFalse();
			}
		}
	}

	private static boolean takesValue(String shell, Path file, String word) throws Exception {
		Process p = new ProcessBuilder(shell, "-euc", ". \"$1\"; astra_takes_value \"$2\"", "sh", file.toString(), word)
			.redirectErrorStream(true)
			.start();
		assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(new String(p.getInputStream().readAllBytes())).isEmpty();
		return p.exitValue() == 0;
	}

	@Test
	void theLauncherHoldsNoListOfOptions() throws Exception {
		String launcher = Files.readString(Path.of("astra"));
		for (OptionSpec o : GlobalOptions.ALL) {
			assertThat(launcher).as("the launcher spells --" + o.longName()).doesNotContain("--" + o.longName() + "|")
				.doesNotContain("|--" + o.longName());
		}
	}

}
