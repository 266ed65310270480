package io.astrashell.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code astra completion bash}: completes commands, options and cached server values in bash, no JVM. */
class CompletionScriptTest {

	@TempDir
	Path dir;

	@Test
	void bashCompletesCommandsOptionsAndCachedValues() throws Exception {
		SandboxCli cli = new SandboxCli(dir);
		cli.run("user", "invite", "alice@example.com");
		Result refresh = cli.run("refresh");
		assertThat(refresh.out()).startsWith("[OK]    Completion values refreshed: 2 users, 16 roles, 1 tokens.");
		Result script = cli.astra.run("completion", "bash");
		assertThat(script.exitCode()).isZero();
		Path file = dir.resolve("astra.bash");
		Files.writeString(file, script.out());
		String probe = """
				source %s
				t() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _astra; echo "${COMPREPLY[*]}"; }
				t astra us
				t astra user ""
				t astra user get al
				t astra user invite x@y.z -r Organization
				t astra --env ""
				t astra org -o j
				t astra user get --verb
				""".formatted(file);
		ProcessBuilder pb = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true);
		pb.environment().put("ASTRA_HOME", cli.astra.home().toString());
		Process bash = pb.start();
		bash.getOutputStream().close();
		assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		bash.destroy();
		assertThat(out.lines().toList()).containsExactly("user", "delete describe get invite list update",
				"alice@example.com", "Organization\\ Administrator", "PROD DEV TEST LOCAL", "json", "--verbose");
		assertThat(cli.astra.run("completion", "fish").exitCode()).isEqualTo(11);
		assertThat(cli.astra.run("completion", "zsh").out()).contains("bashcompinit").contains("complete -F _astra astra");
	}

}
