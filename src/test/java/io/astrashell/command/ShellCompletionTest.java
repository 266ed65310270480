package io.astrashell.command;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code astra completion bash|zsh} in the real shells: an interactive bash and an interactive zsh
 * (its compsys) on a pseudo-terminal ({@code script} of util-linux), the script installed as a user
 * installs it, keys typed, Tab pressed, the line run. {@code astra} there is a function that prints
 * the words it gets, so what is checked is what the command would receive: a completed command, an
 * option, a cached email, a role name with spaces (quoted or escaped so the line runs), one with
 * quotes and a colon, one with {@code $(...)}, a star and a backslash (inserted as text, never run). Each shell runs with nounset on, which the scripts must survive. No rc file of
 * the user is read (HOME, ZDOTDIR and INPUTRC are temporary). Skipped, with the reason, where zsh or
 * {@code script} is missing, except on CI ({@code CI=true}), where {@code .ci/run} installs zsh.
 */
class ShellCompletionTest {

	/** The lines typed (a Tab where {@code \t}) and what the command then gets, in both shells. */
	private static final List<String[]> CASES = List.of(
			new String[] { "astra us\t", "user" },
			new String[] { "astra user get --verb\t", "user|get|--verbose" },
			new String[] { "astra user get al\t", "user|get|alice@example.com" },
			new String[] { "astra user get alice@ex\t", "user|get|alice@example.com" },
			new String[] { "astra user invite x@y.z -r Organiz\t", "user|invite|x@y.z|-r|Organization Administrator" },
			new String[] { "astra user invite x@y.z -r \"organiz\t", "user|invite|x@y.z|-r|Organization Administrator" },
			new String[] { "astra user invite x@y.z --role='Organiz\t",
					"user|invite|x@y.z|--role=Organization Administrator" },
			new String[] { "astra --env=lo\t", "--env=LOCAL" },
			new String[] { "astra role get Data:\t", "role|get|Data: Team's \"best\"" },
			new String[] { "astra role get \"Data:\t", "role|get|Data: Team's \"best\"" },
			new String[] { "astra role get 'Data:\t", "role|get|Data: Team's \"best\"" },
			new String[] { "astra help user up\t", "help|user|update" },
			new String[] { "astra role get '$\t", "role|get|$(touch pwned) *back\\slash" },
			new String[] { "astra role get \\$\t", "role|get|$(touch pwned) *back\\slash" });

	@TempDir
	static Path dir;

	static Path astraHome;

	static Path astrarc;

	static String bashScript;

	static String zshScript;

	@BeforeAll
	static void cache() {
		SandboxCli cli = new SandboxCli(dir.resolve("sandbox"));
		assertThat(cli.run("user", "invite", "alice@example.com").exitCode()).isZero();
		assertThat(cli.run("role", "create", "Data: Team's \"best\"", "-a", "org-read").exitCode()).isZero();
		assertThat(cli.run("role", "create", "$(touch pwned) *back\\slash", "-a", "org-read").exitCode()).isZero();
		Result refresh = cli.run("refresh");
		assertThat(refresh.exitCode()).as(refresh.toString()).isZero();
		astraHome = cli.astra.home();
		astrarc = cli.astra.configFile();
		bashScript = cli.astra.run("completion", "bash").out();
		zshScript = cli.astra.run("completion", "zsh").out();
	}

	@Test
	void bashCompletesInTheRealShell() throws Exception {
		requireShell("bash");
		Path home = Files.createDirectories(dir.resolve("bash-home"));
		Path script = home.resolve("astra.bash");
		Files.writeString(script, bashScript);
		Path rc = home.resolve("rc.bash");
		Files.writeString(rc, """
				PS1='READY> '
				set -u
				source '%s'
				astra() { echo BEGIN; printf 'ARG=%%s\\n' "$@"; echo END; }
				""".formatted(script));
		assertRan(typeAll(home, "bash --rcfile '" + rc + "' -i"), home);
	}

	@Test
	void zshCompletesWhenSourcedAfterCompinit() throws Exception {
		requireShell("zsh");
		Path home = Files.createDirectories(dir.resolve("zsh-sourced"));
		Path script = home.resolve("astra.zsh");
		Files.writeString(script, zshScript);
		Files.writeString(home.resolve(".zshrc"), """
				PS1='READY> '
				setopt nounset
				autoload -U compinit && compinit -u -D
				source <(cat '%s')
				astra() { echo BEGIN; printf 'ARG=%%s\\n' "$@"; echo END; }
				""".formatted(script));
		assertRan(typeAll(home, "zsh -d -i"), home);
	}

	@Test
	void zshCompletesFromFpath() throws Exception {
		requireShell("zsh");
		Path home = Files.createDirectories(dir.resolve("zsh-fpath"));
		Path functions = Files.createDirectories(home.resolve("functions"));
		Files.writeString(functions.resolve("_astra"), zshScript);
		Files.writeString(home.resolve(".zshrc"), """
				PS1='READY> '
				setopt nounset
				fpath=('%s' $fpath)
				autoload -U compinit && compinit -u -D
				astra() { echo BEGIN; printf 'ARG=%%s\\n' "$@"; echo END; }
				""".formatted(functions));
		assertRan(typeAll(home, "zsh -d -i"), home);
	}

	/** Sourced where compinit has not run (compdef is missing): the script loads compinit itself. */
	@Test
	void zshCompletesWhenSourcedBeforeCompinit() throws Exception {
		requireShell("zsh");
		Path home = Files.createDirectories(dir.resolve("zsh-no-compinit"));
		Path script = home.resolve("astra.zsh");
		Files.writeString(script, zshScript);
		Files.writeString(home.resolve(".zshrc"), """
				PS1='READY> '
				setopt nounset
				source '%s'
				astra() { echo BEGIN; printf 'ARG=%%s\\n' "$@"; echo END; }
				""".formatted(script));
		assertRan(typeAll(home, "zsh -d -i"), home);
	}

	@Test
	void zshScriptParses() throws Exception {
		requireShell("zsh");
		Path script = dir.resolve("astra.zsh");
		Files.writeString(script, zshScript);
		assertThat(CompletionScriptTest.run("zsh", "-n", script.toString())).isEmpty();
		assertThat(zshScript).startsWith("#compdef astra\n").contains("compdef _astra astra");
	}

	/** Each case's line ran with the words it should have, and no value was run as code. */
	private static void assertRan(String out, Path home) {
		assertThat(home.resolve("pwned")).doesNotExist();
		assertThat(out).doesNotContain("unbound variable", "parameter not set", "bad substitution", "command not found",
				"no such file");
		List<String> expected = new ArrayList<>();
		for (String[] c : CASES) {
			expected.add(c[1]);
		}
		assertThat(runs(out)).as(out).containsExactlyElementsOf(expected);
	}

	/** The words of each run of the {@code astra} function, joined by |. */
	static List<String> runs(String out) {
		List<String> runs = new ArrayList<>();
		List<String> words = null;
		for (String line : out.replace("\r", "").split("\n")) {
			if (line.equals("BEGIN")) {
				words = new ArrayList<>();
			}
			else if (words != null && line.startsWith("ARG=")) {
				words.add(line.substring(4));
			}
			else if (words != null && line.equals("END")) {
				runs.add(String.join("|", words));
				words = null;
			}
		}
		return runs;
	}

	/**
	 * Starts the shell on a pseudo-terminal, types each case's line after the prompt shows, then
	 * {@code exit}; returns all it printed.
	 */
	private static String typeAll(Path home, String shell) throws Exception {
		List<String> lines = new ArrayList<>();
		for (String[] c : CASES) {
			lines.add(c[0]);
		}
		return type(home, shell, lines, astraHome, astrarc);
	}

	/**
	 * Starts the shell on a pseudo-terminal in {@code home} (its {@code READY> } prompt set by the rc
	 * file there), with this astra home and profiles file, types each line after the prompt shows,
	 * then {@code exit}; returns all it printed.
	 */
	static String type(Path home, String shell, List<String> typed, Path astraHome, Path astrarc) throws Exception {
		Path inputrc = home.resolve("inputrc");
		Files.writeString(inputrc, "");
		ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", shell, "/dev/null").redirectErrorStream(true)
			.directory(home.toFile());
		Map<String, String> env = pb.environment();
		String path = env.get("PATH");
		env.clear();
		env.put("PATH", path);
		env.put("HOME", home.toString());
		env.put("ZDOTDIR", home.toString());
		env.put("INPUTRC", inputrc.toString());
		env.put("SHELL", "/bin/sh");
		env.put("TERM", "dumb");
		env.put("LANG", "C.UTF-8");
		env.put("ASTRA_HOME", astraHome.toString());
		env.put("ASTRARC", astrarc.toString());
		Process p = pb.start();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Thread reader = new Thread(() -> copy(p.getInputStream(), printed), "pty-reader");
		reader.setDaemon(true);
		reader.start();
		try (OutputStream keys = p.getOutputStream()) {
			int prompts = 0;
			List<String> lines = new ArrayList<>();
			for (String line : typed) {
				lines.add(line + "\n");
			}
			lines.add("exit\n");
			for (String line : lines) {
				prompts++;
				waitForPrompts(printed, prompts, p);
				keys.write(line.getBytes(StandardCharsets.UTF_8));
				keys.flush();
			}
			assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the shell exits: " + text(printed)).isTrue();
		}
		finally {
			p.destroyForcibly();
			reader.join(5000);
		}
		return text(printed);
	}

	private static void waitForPrompts(ByteArrayOutputStream printed, int count, Process p) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (occurrences(text(printed), "READY> ") < count) {
			if (!p.isAlive() || System.nanoTime() > deadline) {
				fail("no prompt number " + count + " from the shell; it printed:\n" + text(printed));
			}
			Thread.sleep(20);
		}
	}

	private static int occurrences(String text, String what) {
		int n = 0;
		for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
			n++;
		}
		return n;
	}

	private static String text(ByteArrayOutputStream out) {
		synchronized (out) {
			return out.toString(StandardCharsets.UTF_8);
		}
	}

	private static void copy(InputStream in, ByteArrayOutputStream out) {
		byte[] buffer = new byte[4096];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				synchronized (out) {
					out.write(buffer, 0, n);
				}
			}
		}
		catch (IOException e) {
			// the process ended
		}
	}

	/** Skips where the shell or script(1) is missing, with the reason; fails instead on CI. */
	static void requireShell(String shell) {
		for (String tool : List.of(shell, "script")) {
			if (!onPath(tool)) {
				if ("true".equals(System.getenv("CI"))) {
					fail(tool + " is not installed: .ci/run installs zsh; script(1) comes with util-linux");
				}
				assumeThat(false).as(tool + " is not installed here: the real-shell completion test needs it").isTrue();
			}
		}
	}

	static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String d : path.split(File.pathSeparator)) {
			if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
				return true;
			}
		}
		return false;
	}

}
