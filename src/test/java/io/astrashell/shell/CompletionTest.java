package io.astrashell.shell;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.astrashell.AstraRun;
import io.astrashell.HostileServer;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tab at the {@code astra>} prompt, in a terminal: server values from the cache, quoted role names,
 * descriptions, the shell's own changes, the profile a line names, and a server that never answers.
 */
class CompletionTest {

	@TempDir
	Path dir;

	/** A profiles file whose default is sandbox {@code a}, with a second profile {@code other} on {@code b}. */
	Map<String, String> profiles(LocalSandbox a, LocalSandbox b) throws IOException {
		TestProfiles profiles = TestProfiles.defaultTo(dir, a);
		return (b == null ? profiles : profiles.add("other", b)).write();
	}

	/** File arguments ({@code org diff FILE}, {@code org apply FILE}, {@code script FILE}) complete paths. */
	@Test
	void fileArgumentsCompletePaths() throws Exception {
		Path home = dir.resolve("a");
		try (LocalSandbox a = LocalSandbox.start(home, 0);
				PromptTerminal t = new PromptTerminal(profiles(a, null))) {
			t.waitFor("astra (LOCAL)> ", 1);
			t.type("org diff po\t"); // the tests run in the project's folder
			t.waitFor("org diff pom.xml ", 1);
			t.type("\u0015org apply sr\t");
			t.waitFor("org apply src/", 1);
			t.type("ma\t");
			t.waitFor("org apply src/main/", 1);
			t.type("\u0015quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	/**
	 * A declared list of values ({@code user list --status}, {@code role create --action}, {@code -o},
	 * {@code --env}) is what Tab offers at the prompt, from the declaration alone.
	 */
	@Test
	void declaredValuesCompleteAtThePrompt() throws Exception {
		try (LocalSandbox a = LocalSandbox.start(dir.resolve("a"), 0);
				PromptTerminal t = new PromptTerminal(profiles(a, null))) {
			t.waitFor("astra (LOCAL)> ", 1);
			t.type("user list --status in\t");
			t.waitFor("user list --status invited ", 1);
			t.type("\u0015user list --status \t\t");
			t.waitFor("active", 1);
			t.waitFor("invited", 1);
			t.type("\u0015role create R -a org-user-w\t");
			t.waitFor("role create R -a org-user-write ", 1);
			t.type("\u0015org -o cs\t");
			t.waitFor("org -o csv ", 1);
			t.type("\u0015org --env DE\t");
			t.waitFor("org --env DEV ", 1);
			t.type("\u0015quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void emailsQuotedRoleNamesAndClientIdsWithDescriptions() throws Exception {
		Path homeA = dir.resolve("a");
		AstraRun seed = new AstraRun(homeA.getParent()).env("ASTRA_HOME", homeA.toString());
		try (LocalSandbox a = LocalSandbox.start(homeA, 0)) {
			seed.run("user", "invite", "alice@example.com", "--env", "local", "--local-endpoint", a.endpoint().toString(),
					"--token", a.adminToken());
			seed.run("token", "create", "-r", "RO User", "-d", "nightly export", "--env", "local", "--local-endpoint",
					a.endpoint().toString(), "--token", a.adminToken());
			try (PromptTerminal t = new PromptTerminal(profiles(a, null))) {
				t.waitFor("astra (LOCAL)> ", 1);

				t.type("user get al\t");
				t.waitFor("user get alice@example.com ", 1);
				t.type("\u0015"); // Ctrl-U: clear the line

				t.type("token create -r \"Org\t");
				t.waitFor("token create -r \"Organization Administrator\" ", 1);
				t.type("\u0015");

				t.type("token create -r API\\ R\t");
				t.waitFor("API R/W User", 1);
				t.type("\u0015");

				// Tab reads the line as it runs: a backslash in single quotes is a plain character
				// (JLine's own parser read it as escaping the quote, and saw no -r at all)
				t.type("user invite 'x\\' -r \"Org\t");
				t.waitFor("user invite 'x\\' -r \"Organization Administrator\" ", 1);
				t.type("\u0015");

				t.type("token delete \t");
				String screen = t.waitFor("nightly export", 1);
				assertThat(screen).contains("sandbox admin token").contains("RO User");
				t.type("\u0015quit\r");
				assertThat(t.exitCode()).isZero();
			}
		}
	}

	@Test
	void theShellsOwnChangesShowAtOnceWithoutANewListing() throws Exception {
		try (LocalSandbox a = LocalSandbox.start(dir.resolve("a"), 0)) {
			try (PromptTerminal t = new PromptTerminal(profiles(a, null))) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.type("user get adm\t");
				t.waitFor("user get admin@sandbox.local ", 1);
				t.type("\u0015");
				t.run("user invite zoe@example.com", "astra (LOCAL)> ");
				assertThat(t.screen()).contains("has been invited");
				long before = a.requestCount();
				t.type("user get zo\t");
				t.waitFor("user get zoe@example.com ", 1);
				assertThat(a.requestCount()).as("requests caused by the Tab").isEqualTo(before);
				t.type("\u0015quit\r");
				assertThat(t.exitCode()).isZero();
			}
		}
	}

	@Test
	void aLineNamingAnotherProfileCompletesFromThatOrganization() throws Exception {
		try (LocalSandbox a = LocalSandbox.start(dir.resolve("a"), 0);
				LocalSandbox b = LocalSandbox.start(dir.resolve("b"), 0)) {
			AstraRun run = new AstraRun(dir);
			run.run("user", "invite", "bob@b.example.com", "--env", "local", "--local-endpoint", b.endpoint().toString(),
					"--token", b.adminToken());
			run.run("user", "invite", "bea@a.example.com", "--env", "local", "--local-endpoint", a.endpoint().toString(),
					"--token", a.adminToken());
			try (PromptTerminal t = new PromptTerminal(profiles(a, b))) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.type("user get b\t");
				t.waitFor("user get bea@a.example.com ", 1);
				t.type("\u0015user get -conf other b\t");
				t.waitFor("user get -conf other bob@b.example.com ", 1);
				t.type("\u0015quit\r");
				assertThat(t.exitCode()).isZero();
			}
		}
	}

	@Test
	void aServerThatNeverAnswersDoesNotHangThePrompt() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			List<Socket> held = new CopyOnWriteArrayList<>();
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						held.add(silent.accept()); // accept, then never answer
					}
				}
				catch (IOException e) {
					// closed
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			Path rc = dir.resolve("astrarc");
			Files.writeString(rc, "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64)
					+ "\nASTRA_ENV=LOCAL\nASTRA_LOCAL_ENDPOINT=http://127.0.0.1:" + silent.getLocalPort() + "\n");
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC", rc.toString(),
					"HOME", dir.toString());
			try (PromptTerminal t = new PromptTerminal(env)) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.type("user get a\t");
				t.type("\u0015version\r");
				t.waitFor("astra shell ", 2); // the greeting, then version: the Tab gave the prompt back
				t.type("org\r"); // a command on a silent server: Ctrl-C gives the prompt back
				Thread.sleep(300);
				t.type("\u0003");
				t.waitFor("Interrupted: the command was abandoned", 1);
				t.type("help org\r");
				t.waitFor("Display Organization Info", 1);
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
			for (Socket s : held) {
				s.close();
			}
		}
	}

	/**
	 * Values of a hostile server (a role name retitling the window, an email clearing the screen, a
	 * description writing the clipboard, a right-to-left override) and profile names edited by hand
	 * reach the terminal neither as candidates, nor in their descriptions, nor in the prompt: a value
	 * that cannot be typed back is offered by its id (role, user), or not at all (profile).
	 */
	@Test
	void hostileServerValuesAndProfileNamesNeverReachTheTerminal() throws Exception {
		try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
			HostileServer.serve(server);
			server.start();
			Path rc = dir.resolve("astrarc");
			String profile = "ASTRA_DB_APPLICATION_TOKEN=" + HostileServer.TOKEN + "\nASTRA_ENV=LOCAL\nASTRA_LOCAL_ENDPOINT="
					+ server.url("/") + "\n";
			String evil = "evil" + HostileServer.TITLE;
			Files.writeString(rc, "[default]\n" + profile + "[" + evil + "]\n" + profile + "[rlo" + HostileServer.RLO
					+ "eman]\n" + profile + "[zz" + HostileServer.CLEAR + "]\n" + profile);
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC", rc.toString(),
					"HOME", dir.toString());
			try (PromptTerminal t = new PromptTerminal(env)) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.run("refresh", "astra (LOCAL)> "); // the values are there before the first Tab
				t.type("role get \t");
				t.waitFor("role get R", 1); // what r1 and RO User have in common
				t.type("\t");
				t.waitFor("Evil ]0;pwned", 1); // the candidates listed: r1 (its name as its description), RO User
				t.type("\u0015user get \t");
				t.waitFor("eve [2J@b.co", 1);
				t.type("\u0015user get u\t");
				t.waitFor("user get u1 ", 1);
				t.type("\u0015token delete \t");
				t.waitFor("token delete CID ", 1);
				t.type("\u0015config use \t");
				t.waitFor("config use default ", 1); // the only profile that can be typed
				t.type("\u0015role get r1\t");
				t.waitFor("role get r1 ", 1); // the id, which the command takes
				t.type("\r");
				t.waitFor("astra (LOCAL)> ", 3);
				t.type("\u0015quit\r");
				assertThat(t.exitCode()).isZero();
				assertThat(HostileServer.drivesTheTerminal(t.raw())).as(t.raw().replace("\u001B", "ESC")).isFalse();
			}
			// the prompt names a profile edited by hand, cleaned
			try (PromptTerminal t = new PromptTerminal(env, "-conf", evil)) {
				t.waitFor("astra (evil ]0;pwned  · LOCAL)> ", 1);
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
				assertThat(HostileServer.drivesTheTerminal(t.raw())).as(t.raw().replace("\u001B", "ESC")).isFalse();
			}
			try (var files = Files.walk(dir.resolve("home").resolve("completion"))) {
				for (Path p : files.filter(Files::isRegularFile).toList()) {
					assertThat(HostileServer.drivesTheTerminal(Files.readString(p))).as(p.toString()).isFalse();
				}
			}
		}
	}

}
