package io.astrashell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun;
import io.astrashell.command.RecordingProxy;
import io.astrashell.sandbox.LocalSandbox;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C at the prompt stops what runs: a request in flight is abandoned and the prompt comes back at
 * once; nothing the abandoned command does later reaches the screen; a script starts no further line
 * and the prompt says where it stopped. An interruption is one line, never a stack trace.
 */
class InterruptTest {

	private static final String SLOW_ORG = "{\"OrgID\":\"00000000-0000-0000-0000-000000000001\",\"OrgName\":\"Slow Org\",\"Users\":[]}";

	@TempDir
	Path dir;

	private Map<String, String> env() {
		return Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC", dir.resolve("astrarc").toString(),
				"HOME", dir.toString());
	}

	@Test
	void ctrlCGivesThePromptBackAndTheAbandonedCommandNeverPrintsAfterIt() throws Exception {
		try (SlowServer api = new SlowServer();
				PromptTerminal t = new PromptTerminal(env(), "--env", "local", "--local-endpoint", api.endpoint(),
						"--token", SlowServer.TOKEN)) {
			t.waitFor("astra (LOCAL)> ", 1);
			t.type("org\r");
			api.awaitRequest("GET /v2/organizations/users"); // org's request, which is never answered
			t.type("\u0003");
			t.waitFor("Interrupted: the command was abandoned", 1);
			t.waitFor("astra (LOCAL)> ", 2);
			int mark = t.screen().length();

			api.release(null); // the connection now fails: the abandoned command would report it
			api.awaitAnswered(api.requestCount());
			Thread.sleep(500); // room for a late [ERROR], which came within milliseconds before
			t.run("version", "astra (LOCAL)> ");
			String after = t.screen().substring(mark);
			assertThat(after).contains("astra shell ").doesNotContain("[ERROR]").doesNotContain("Cannot reach")
				.doesNotContain("Exception");
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void ctrlCStopsAScriptNoFurtherLineRunsAndThePromptSaysWhereItStopped() throws Exception {
		try (SlowServer api = new SlowServer()) {
			Path script = dir.resolve("slow.astra");
			Files.writeString(script, "user invite a1@example.com\n" + "org --local-endpoint " + api.endpoint()
					+ " --token " + SlowServer.TOKEN + "\n" + "user invite a3@example.com\n" + "user invite a4@example.com\n");
			try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.type("script " + script + "\r");
				t.waitFor("User 'a1@example.com' has been invited", 1);
				api.awaitRequest("GET /v2/organizations/users"); // line 2 waits for its answer
				t.type("\u0003");
				String screen = t.waitFor("astra (LOCAL)> ", 2);
				assertThat(screen).contains("Interrupted at " + script + ":2 (org --local-endpoint " + api.endpoint()
						+ " --token AstraCS:****): the script stopped there, 1 of 4 line(s) run before it (1 succeeded, "
						+ "0 failed), 2 not run (")
					.doesNotContain(SlowServer.TOKEN);
				int mark = t.screen().length();

				api.release(SLOW_ORG); // line 2 now succeeds, late: the script must still not go on
				api.awaitAnswered(1);
				Thread.sleep(1000); // room for lines 3 and 4, which ran within milliseconds before
				t.run("user list -o csv", "astra (LOCAL)> ");
				String after = t.screen().substring(mark);
				assertThat(after).contains("a1@example.com").doesNotContain("a3@example.com").doesNotContain("a4@example.com")
					.doesNotContain("Slow Org").doesNotContain("has been invited").doesNotContain("line(s) run");

				// the prompt goes on as before, and a script runs whole again
				Files.writeString(script, "user invite a5@example.com\n");
				t.run("script " + script, "astra (LOCAL)> ");
				assertThat(t.screen().substring(mark)).contains("User 'a5@example.com' has been invited")
					.contains(script + ": 1 of 1 line(s) run, 1 succeeded, 0 failed");
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
		}
	}

	@Test
	void ctrlCInANestedScriptStopsEveryScriptAndNamesTheInnerLine() throws Exception {
		try (SlowServer api = new SlowServer()) {
			Path inner = dir.resolve("inner.astra");
			Files.writeString(inner, "org --local-endpoint " + api.endpoint() + " --token " + SlowServer.TOKEN + "\n"
					+ "user invite b3@example.com\n");
			Path outer = dir.resolve("outer.astra");
			Files.writeString(outer, "user invite b1@example.com\nscript inner.astra\nuser invite b4@example.com\n");
			try (PromptTerminal t = new PromptTerminal(env(), "--env", "local")) {
				t.waitFor("astra (LOCAL)> ", 1);
				t.type("script " + outer + "\r");
				api.awaitRequest("GET /v2/organizations/users");
				t.type("\u0003");
				String screen = t.waitFor("astra (LOCAL)> ", 2);
				assertThat(screen).contains("Interrupted at " + inner.toRealPath() + ":1 (org --local-endpoint ")
					.contains("): " + outer + " stopped there, 1 of 3 line(s) run before it (1 succeeded, 0 failed), 1 not run (");
				int mark = t.screen().length();
				api.release(SLOW_ORG);
				api.awaitAnswered(1);
				Thread.sleep(1000);
				t.run("user list -o csv", "astra (LOCAL)> ");
				assertThat(t.screen().substring(mark)).contains("b1@example.com").doesNotContain("b3@example.com")
					.doesNotContain("b4@example.com").doesNotContain("line(s) run,");
				t.type("quit\r");
				assertThat(t.exitCode()).isZero();
			}
		}
	}

	@Test
	void ctrlCOnAnApplyAtThePromptSaysWhatWasAppliedInFlightAndNotSent() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sandbox"), 0);
				RecordingProxy proxy = new RecordingProxy(sandbox.endpoint());
				PromptTerminal t = new PromptTerminal(env(), "--env", "local", "--local-endpoint", proxy.endpoint(),
						"--token", sandbox.adminToken())) {
			Path file = Files.writeString(dir.resolve("org.yaml"), OneShotInterruptTest.FILE);
			t.waitFor("astra (LOCAL)> ", 1);
			proxy.holdWrite(3);
			t.type("org apply " + file + " --yes --parallel 1\r");
			proxy.awaitHeld();
			t.type("\u0003");
			String screen = t.waitFor("astra (LOCAL)> ", 2);
			assertThat(screen).contains("[WARN]  Interrupted: org apply stopped: 2 of 5 changes applied (+ role \"Alpha\" "
					+ "(org-read); + role \"Beta\" (org-read)), 1 in flight, sent and not answered: it may or may not apply "
					+ "(+ user u1@example.com [RO User]), 2 not sent (+ user u2@example.com [RO User]; + user u3@example.com "
					+ "[RO User]). Run the same apply again to finish.");
			Thread.sleep(500); // room for a change sent after Ctrl-C, which would come within milliseconds
			assertThat(proxy.writes()).hasSize(3);
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void ctrlCOnAParallelApplyAtThePromptStopsItsSendingAndThePromptGoesOn() throws Exception {
		StringBuilder yaml = new StringBuilder("users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n");
		for (int i = 1; i <= 20; i++) {
			yaml.append("  - email: p").append(i).append("@example.com\n    roles: [RO User]\n");
		}
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sandbox"), 0);
				RecordingProxy proxy = new RecordingProxy(sandbox.endpoint());
				PromptTerminal t = new PromptTerminal(env(), "--env", "local", "--local-endpoint", proxy.endpoint(),
						"--token", sandbox.adminToken())) {
			Path file = Files.writeString(dir.resolve("org.yaml"), yaml.toString());
			t.waitFor("astra (LOCAL)> ", 1);
			proxy.holdWritesFrom(3); // two invites answered, then 8 held in flight (the default), 10 not sent
			t.type("org apply " + file + " --yes\r");
			proxy.awaitHeld(8);
			t.type("\u0003");
			String screen = t.waitFor("astra (LOCAL)> ", 2);
			assertThat(screen).contains("Interrupted: org apply stopped: 2 of 20 changes applied (")
				.contains(", 8 in flight, sent and not answered: they may or may not apply (").contains(", 10 not sent (");
			Thread.sleep(500); // room for a change sent after Ctrl-C, which would come within milliseconds
			assertThat(proxy.writes()).hasSize(10);
			int mark = t.screen().length();
			t.run("org id", "astra (LOCAL)> "); // the session goes on
			assertThat(t.screen().substring(mark)).doesNotContain("[ERROR]");
			t.type("quit\r");
			assertThat(t.exitCode()).isZero();
		}
	}

	@Test
	void anInterruptedCommandSaysSoInOneLine() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			// asks for a retry after 8 s: the command sleeps, and is interrupted while it waits
			server.setDispatcher(new mockwebserver3.Dispatcher() {
				@Override
				public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
					return new MockResponse.Builder().code(503).setHeader("Retry-After", "8").body("busy").build();
				}
			});
			server.start();
			AstraRun astra = new AstraRun(dir);
			Thread[] runner = new Thread[1];
			CompletableFuture<AstraRun.Result> run = new CompletableFuture<>();
			runner[0] = new Thread(() -> run.complete(astra.run("org", "--env", "local", "--local-endpoint",
					server.url("/").toString(), "--token", SlowServer.TOKEN)));
			runner[0].start();
			assertThat(server.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
			Thread.sleep(200); // into the wait before the retry
			runner[0].interrupt();
			AstraRun.Result r = run.get(10, TimeUnit.SECONDS);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
			assertThat(r.err()).as(r.toString())
				.isEqualTo("[ERROR] Interrupted: the command was stopped (a change it already sent may still apply).\n");
			assertThat(r.out()).isEmpty();
		}
	}

}
