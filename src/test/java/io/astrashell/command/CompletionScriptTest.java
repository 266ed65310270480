package io.astrashell.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code astra completion bash}: the completion function called as bash's {@code complete -F} calls it
 * (the line, the cursor, the word readline completes), with the cache a sandbox filled; no JVM per
 * Tab. {@link ShellCompletionTest} drives both scripts through the real shells.
 */
class CompletionScriptTest {

	@TempDir
	Path dir;

	@Test
	void bashCompletesCommandsOptionsAndCachedValues() throws Exception {
		SandboxCli cli = new SandboxCli(dir);
		cli.run("user", "invite", "alice@example.com");
		Result refresh = cli.run("refresh");
		assertThat(refresh.out()).startsWith("[OK]    Completion values refreshed: 16 roles, 1 tokens, 2 users.");
		List<String> out = probe(cli, """
				t 'astra us'
				t 'astra user '
				t 'astra user get al'
				t 'astra user invite x@y.z -r Organization'
				t 'astra --env '
				t 'astra org -o j'
				t 'astra user get --verb'
				t 'astra user list --status '
				t 'astra completion '
				""");
		assertThat(out).containsExactly("user", "delete describe get invite list update",
				"alice@example.com", "Organization\\ Administrator", "PROD DEV TEST LOCAL", "json", "--verbose",
				"active invited", "bash zsh");
		assertThat(cli.astra.run("completion", "fish").exitCode()).isEqualTo(11);
		assertThat(cli.astra.run("completion", "zsh").out()).startsWith("#compdef astra\n")
			.contains("compdef _astra astra").doesNotContain("bashcompinit");
	}

	/**
	 * The word under the cursor as the command will get it, whatever bash splits at: an email past
	 * its {@code @}, {@code --opt=value}, a quote left open, a backslash, another case; the line's
	 * {@code -conf}/{@code --env} choose the cached values, and a profile whose name starts like
	 * another's does not lend it its values.
	 */
	@Test
	void bashCompletesTheWordTheCommandWillGet() throws Exception {
		SandboxCli cli = new SandboxCli(dir);
		cli.run("user", "invite", "alice@example.com");
		cli.run("role", "create", "Data: Team's \"best\"", "-a", "org-read");
		assertThat(cli.run("refresh").exitCode()).isZero();
		Path cache = cli.astra.home().resolve("completion");
		writeCache(cache.resolve("profile-default-x-local"), "users.tsv", "alien@example.com\tinvited\n");
		writeCache(cache.resolve("profile-other-dev"), "users.tsv", "alma@example.com\tactive\n");
		writeCache(cache.resolve("profile-other-prod"), "users.tsv", "albert@example.com\tactive\n");
		Files.writeString(cli.astra.configFile(), "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:x\n\n[other]\n"
				+ "ASTRA_DB_APPLICATION_TOKEN=AstraCS:y\n");
		List<String> out = probe(cli, """
				t 'astra user get al'
				t 'astra user get alice@ex'
				t 'astra user get ALICE@EX'
				t 'astra user invite x@y.z -r "organiz'
				t "astra user invite x@y.z -r 'Organiz"
				t 'astra user invite x@y.z -r Organization\\ Adm'
				t 'astra user invite x@y.z --role=Organiz'
				t 'astra --env=lo'
				t 'astra role get Data:'
				t 'astra role get "Data:'
				t 'astra -conf other user get al'
				t 'astra --config=other --env DEV user get al'
				t 'astra config use o'
				t 'astra -cf nowhere config use o'
				t 'astra help user up'
				t 'astra role create -a org-user-r'
				t 'true; FOO=1 astra user ge'
				t 'astra -- -'
				""");
		assertThat(out).containsExactly(
				"alice@example.com",
				"example.com",
				"example.com",
				"Organization Administrator",
				"Organization Administrator",
				"Organization\\ Administrator",
				"Organization\\ Administrator",
				"LOCAL",
				"\\ Team\\'s\\ \\\"best\\\"",
				"Data: Team's \\\"best\\\"\"",
				"albert@example.com alma@example.com",
				"alma@example.com",
				"other",
				"",
				"update",
				"org-user-read",
				"get",
				"");
	}

	/** What each {@code t LINE} completes, the replies joined by spaces (bash 3.2 is enough). */
	private List<String> probe(SandboxCli cli, String lines) throws Exception {
		Result script = cli.astra.run("completion", "bash");
		assertThat(script.exitCode()).isZero();
		Path file = dir.resolve("astra.bash");
		Files.writeString(file, script.out());
		// the word readline completes: from an open quote, or from the last space, @, : or = (COMP_WORDBREAKS)
		String probe = """
				set -u
				source '%s'
				t() {
				  local COMP_LINE="$1" COMP_POINT=${#1} word
				  case "$1" in
				    *'"'*) word="${1##*\\"}" ;;
				    *"'"*) word="${1##*\\'}" ;;
				    *'\\ '*) word="${1##*-r }" ;;
				    *) word="${1##*[@:= ]}" ;;
				  esac
				  COMPREPLY=()
				  _astra astra "$word" ""
				  echo "${COMPREPLY[*]-}"
				}
				""".formatted(file) + lines;
		ProcessBuilder pb = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe).redirectErrorStream(true);
		pb.environment().put("ASTRA_HOME", cli.astra.home().toString());
		pb.environment().put("ASTRARC", cli.astra.configFile().toString());
		pb.environment().put("HOME", dir.toString());
		Process bash = pb.start();
		bash.getOutputStream().close();
		assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		bash.destroy();
		assertThat(bash.exitValue()).as(out).isZero();
		return out.lines().toList();
	}

	private static void writeCache(Path folder, String file, String text) throws Exception {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve(file), text);
	}

	/**
	 * The bash script keeps to bash 3.2 (macOS's bash): none of the later syntax, compopt only where
	 * it is checked for; it parses ({@code bash -n}), and shellcheck finds nothing (when installed).
	 */
	@Test
	void bashScriptKeepsToBash32() throws Exception {
		String script = new SandboxCli(dir).astra.run("completion", "bash").out();
		List<String> code = new ArrayList<>();
		for (String line : script.lines().toList()) {
			if (!line.strip().startsWith("#")) {
				code.add(line);
			}
		}
		String text = String.join("\n", code);
		Matcher bash4 = Pattern.compile("\\$\\{[!#]?\\w+(\\[[^]]*])?(,,?|\\^\\^?)|declare -[aAgnlu]*[Agnlu]|local -[aAgnlu]*[Agnlu]"
				+ "|\\bmapfile\\b|\\breadarray\\b|\\bcoproc\\b|;;&|;&|\\|&|&>>|\\$\\{\\w+\\[-\\d|\\$\\{\\w+:\\s*-\\d|\\bwait -n\\b"
				+ "|\\$EPOCH|\\$BASHPID|\\bshopt -s (globstar|lastpipe|autocd|direxpand)").matcher(text);
		List<String> found = new ArrayList<>();
		while (bash4.find()) {
			found.add(bash4.group());
		}
		assertThat(found).as("syntax bash 3.2 lacks").isEmpty();
		for (String line : code) {
			if (line.contains("compopt") && !line.contains("type compopt >/dev/null 2>&1")) {
				assertThat(line.strip()).as("compopt used only where checked for").isEqualTo("compopt -o filenames");
			}
		}
		assertThat(text).contains("if type compopt >/dev/null 2>&1");
		Path file = dir.resolve("astra.bash");
		Files.writeString(file, script);
		assertThat(run("bash", "-n", file.toString())).isEmpty();
		if (ShellCompletionTest.onPath("shellcheck")) {
			assertThat(run("shellcheck", "-s", "bash", "-S", "warning", file.toString())).isEmpty();
		}
	}

	static String run(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		p.getOutputStream().close();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(out).isZero();
		return out;
	}

}
