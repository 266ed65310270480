package io.astrashell.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.astrashell.AstraRun;
import io.astrashell.AstraShellApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Destructive commands ask before acting at the prompt and in a terminal, naming what will go, once
 * the target is found and before anything changes; {@code --yes} skips the question; scripts, pipes
 * and CI are never asked.
 */
class ConfirmationTest {

	private static final String PROMPT = "astra (LOCAL)> ";

	@TempDir
	Path dir;

	private Map<String, String> env() {
		return Map.of("ASTRA_HOME", dir.resolve("astra-home").toString(), "ASTRARC", dir.resolve("astrarc").toString(),
				"HOME", dir.toString());
	}

	/** The sandbox as a one-shot command sees it (the same astra home as the prompt's). */
	private AstraRun.Result oneShot(String... args) {
		return new AstraRun(dir).run(args);
	}

	@Test
	void atThePromptNoKeepsTheUserYesDeletesItAndTheQuestionNamesTheEmail() throws Exception {
		try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
			t.waitFor(PROMPT, 1);
			t.run("user invite bob@example.com", PROMPT);
			t.type("user delete bob@example.com\r");
			t.waitFor("Delete user 'bob@example.com'? [y/N] ", 1);
			t.type("n\r");
			t.waitFor("[INFO]  Cancelled: user 'bob@example.com' was not deleted.", 1);
			t.waitFor(PROMPT, 3);
			assertThat(oneShot("user", "get", "bob@example.com", "--env", "local").exitCode()).isZero();

			// by id: the question still names the email
			String id = oneShot("user", "get", "bob@example.com", "--env", "local", "-o", "csv").out().split("\r\n")[1]
				.split(",")[0];
			t.type("user delete " + id + "\r");
			t.waitFor("Delete user 'bob@example.com'? [y/N] ", 2);
			t.type("y\r");
			t.waitFor("Deleting user 'bob@example.com' (async operation)", 1);
			t.waitFor(PROMPT, 4);
			assertThat(oneShot("user", "get", "bob@example.com", "--env", "local").exitCode()).isEqualTo(5);

			// a target that is not there fails without a question
			t.run("user delete nobody@example.com", PROMPT);
			assertThat(t.screen()).contains("[ERROR] User 'nobody@example.com' has not been found")
				.doesNotContain("Delete user 'nobody@example.com'");
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
		// the answers are not commands: they stay out of the history
		assertThat(Files.readAllLines(dir.resolve("astra-home").resolve("history"))).noneMatch(l -> l.endsWith(":n"))
			.noneMatch(l -> l.endsWith(":y"));
	}

	@Test
	void yesSkipsTheQuestionAndCtrlCOrCtrlDAtItCancels() throws Exception {
		try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
			t.waitFor(PROMPT, 1);
			t.run("role create Temp -a org-read", PROMPT);
			t.run("role create Keep -a org-read", PROMPT);
			t.run("role delete temp --yes", PROMPT);
			assertThat(t.screen()).contains("Role 'Temp' has been deleted.").doesNotContain("Delete role");

			t.type("role delete keep\r");
			t.waitFor("Delete role 'Keep'? [y/N] ", 1);
			t.type("\u0003"); // Ctrl-C
			t.waitFor("Cancelled: role 'Keep' was not deleted.", 1);
			t.waitFor(PROMPT, 5);

			String created = oneShot("token", "create", "-r", "RO User", "-d", "ci job", "--env", "local", "-o", "csv")
				.out();
			String clientId = created.split("\r\n")[1].split(",")[0];
			t.type("token revoke " + clientId + "\r");
			t.waitFor("Delete token '" + clientId + "' ('ci job')? [y/N] ", 1);
			t.type("\u0004"); // Ctrl-D
			t.waitFor("Cancelled: token '" + clientId + "' was not deleted.", 1);
			t.waitFor(PROMPT, 6);

			t.type("token delete ABCDEFGHIJKLMNOPQRSTUVWX\r"); // not there: no question
			t.waitFor("has not been found", 1);
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
			assertThat(t.screen()).doesNotContain("Delete token 'ABCDEFGHIJKLMNOPQRSTUVWX'");
		}
		assertThat(oneShot("role", "get", "Keep", "--env", "local").exitCode()).isZero();
		assertThat(oneShot("token", "list", "--env", "local").out()).contains("ci job");
	}

	@Test
	void aScriptRunAtThePromptIsNotAsked() throws Exception {
		Path script = Files.writeString(dir.resolve("cleanup.astra"), "user invite cid@example.com\n"
				+ "user delete cid@example.com\n");
		try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
			t.waitFor(PROMPT, 1);
			t.run("script " + script, PROMPT);
			assertThat(t.screen()).contains("Deleting user 'cid@example.com' (async operation)").doesNotContain("[y/N]")
				.contains("2 of 2 line(s) run, 2 succeeded");
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void withoutATerminalNothingIsAsked() {
		AstraRun astra = new AstraRun(dir);
		astra.run("user", "invite", "dee@example.com", "--env", "local");
		AstraRun.Result r = astra.withInput("n\n", "user", "delete", "dee@example.com", "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.err()).doesNotContain("[y/N]");
		assertThat(astra.run("user", "get", "dee@example.com", "--env", "local").exitCode()).isEqualTo(5);
	}

	/** {@code astra <args>} whose standard input and output are a terminal, typing {@code answer}. */
	private AstraRun.Result inATerminal(String answer, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		ProcessIo io = new ProcessIo(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				env(), true, true, () -> {
					throw new IllegalStateException("no prompt in this test");
				});
		int code = AstraShellApplication.run(args, io);
		return new AstraRun.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void aOneShotCommandInATerminalAsksAndNoExitsWithOne() {
		AstraRun astra = new AstraRun(dir);
		astra.run("user", "invite", "eve@example.com", "--env", "local");
		AstraRun.Result no = inATerminal("no\n", "user", "delete", "eve@example.com", "--env", "local", "--no-color");
		assertThat(no.exitCode()).as(no.toString()).isEqualTo(1);
		assertThat(no.err()).isEqualTo("Delete user 'eve@example.com'? [y/N] [INFO]  Cancelled: user 'eve@example.com' was "
				+ "not deleted.\n");
		AstraRun.Result json = inATerminal("", "user", "delete", "eve@example.com", "--env", "local", "-o", "json");
		assertThat(json.exitCode()).isEqualTo(1);
		assertThat(json.out()).contains("\"code\" : \"CANCELLED\"");
		assertThat(astra.run("user", "get", "eve@example.com", "--env", "local").exitCode()).isZero();

		AstraRun.Result yes = inATerminal("Yes\n", "user", "delete", "eve@example.com", "--env", "local");
		assertThat(yes.exitCode()).as(yes.toString()).isZero();
		assertThat(yes.out()).contains("Deleting user 'eve@example.com' (async operation)");
		assertThat(astra.run("user", "get", "eve@example.com", "--env", "local").exitCode()).isEqualTo(5);

		astra.run("config", "create", "team", "--token", SlowServer.TOKEN, "--no-validate", "--env", "local");
		AstraRun.Result profile = inATerminal("\n", "config", "delete", "team");
		assertThat(profile.exitCode()).isEqualTo(1);
		assertThat(profile.err()).startsWith("Delete profile 'team' from " + dir.resolve("astrarc") + "? [y/N] ");
		assertThat(inATerminal("", "config", "delete", "team", "-y").exitCode()).isZero();
		assertThat(inATerminal("y\n", "config", "delete", "team").exitCode()).isEqualTo(5); // gone: no question
	}

}
