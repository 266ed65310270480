package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.HostileServer;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bash and zsh, in the real shells on a pseudo-terminal ({@link ShellCompletionTest}'s machinery),
 * completing the values of a hostile server (kept by {@code astra refresh} in the completion cache)
 * and profile names edited by hand: nothing they print drives the terminal, and what Tab inserts is
 * a value the command takes (a role and a user by id, a client id), or no unsafe profile at all.
 */
class HostileShellCompletionTest {

	/** The lines typed (a Tab where {@code \t}, two to list) and what the command then gets. */
	static final List<String> TYPED = List.of("astra role get \t\t\u0015", "astra role get r1\t", "astra user get \t\t\u0015",
			"astra user get u\t", "astra token delete \t", "astra config use \t\t\u0015", "astra config use d\t",
			"astra config use e\t\t\u0015");

	static final List<String> RUNS = List.of("role|get|r1", "user|get|u1", "token|delete|CID", "config|use|default");

	@TempDir
	static Path dir;

	static AstraRun astra;

	@BeforeAll
	static void cache() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			HostileServer.serve(server);
			server.start();
			astra = new AstraRun(dir);
			String profile = "ASTRA_DB_APPLICATION_TOKEN=" + HostileServer.TOKEN + "\nASTRA_ENV=LOCAL\nASTRA_LOCAL_ENDPOINT="
					+ server.url("/") + "\n";
			Files.writeString(astra.configFile(), "[default]\n" + profile + "[evil" + HostileServer.TITLE + "]\n" + profile
					+ "[e" + HostileServer.RLO + "vil]\n" + profile + "[ezz" + HostileServer.CLEAR + "]\n" + profile);
			Result refresh = astra.run("refresh");
			assertThat(refresh.exitCode()).as(refresh.toString()).isZero();
		}
		assertThat(astra.home().resolve("completion/profile-default-local/roles.tsv")).isRegularFile();
	}

	static void assertClean(String out) {
		assertThat(HostileServer.drivesTheTerminal(out)).as(out.replace("\u001B", "ESC")).isFalse();
		assertThat(ShellCompletionTest.runs(out)).as(out.replace("\u001B", "ESC")).containsExactlyElementsOf(RUNS);
	}

	@Test
	void bashShowsAndInsertsNothingThatDrivesTheTerminal() throws Exception {
		ShellCompletionTest.requireShell("bash");
		Path home = Files.createDirectories(dir.resolve("bash-home"));
		Path script = home.resolve("astra.bash");
		Files.writeString(script, astra.run("completion", "bash").out());
		Path rc = home.resolve("rc.bash");
		Files.writeString(rc, """
				PS1='READY> '
				set -u
				source '%s'
				astra() { echo BEGIN; printf 'ARG=%%s\\n' "$@"; echo END; }
				""".formatted(script));
		assertClean(ShellCompletionTest.type(home, "bash --rcfile '" + rc + "' -i", TYPED, astra.home(), astra.configFile()));
	}

	@Test
	void zshShowsAndInsertsNothingThatDrivesTheTerminal() throws Exception {
		ShellCompletionTest.requireShell("zsh");
		Path home = Files.createDirectories(dir.resolve("zsh-home"));
		Path script = home.resolve("astra.zsh");
		Files.writeString(script, astra.run("completion", "zsh").out());
		Files.writeString(home.resolve(".zshrc"), """
				PS1='READY> '
				setopt nounset
				autoload -U compinit && compinit -u -D
				source '%s'
				astra() { echo BEGIN; printf 'ARG=%%s\\n' "$@"; echo END; }
				""".formatted(script));
		assertClean(ShellCompletionTest.type(home, "zsh -d -i", TYPED, astra.home(), astra.configFile()));
	}

}
