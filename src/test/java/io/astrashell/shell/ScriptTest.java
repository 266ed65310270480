package io.astrashell.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.astrashell.AstraRun.Result;
import io.astrashell.AstraRun;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Saved command scripts: {@code astra script FILE}, {@code astra < FILE}, and their rules. */
class ScriptTest {

	@TempDir
	Path dir;

	AstraRun astra;

	@BeforeEach
	void shell() {
		astra = new AstraRun(dir);
	}

	Path script(String name, String text) throws Exception {
		Path file = dir.resolve(name);
		Files.writeString(file, text);
		return file;
	}

	@Test
	void runsEveryLineInOneJvmWithCommentsBlankLinesAndQuoting() throws Exception {
		Path f = script("onboard.astra", """
				# onboard a team
				role create "Data Team" -a org-read -a db-cql   # a comment after a command

				user invite ann@example.com -r "data team"
				user get ann@example.com -o csv
				""");
		Result r = astra.run("script", f.toString(), "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("[OK]    Role 'Data Team' has been created.")
			.contains("[OK]    User 'ann@example.com' has been invited with the role Data Team.")
			.contains("User Id,User Email,Status,Roles\r\n").contains(",ann@example.com,invited,Data Team\r\n");
		assertThat(r.err()).matches("\\[INFO]  " + Pattern.quote(f.toString())
				+ ": 3 of 3 line\\(s\\) run, 3 succeeded, 0 failed \\(\\d+\\.\\d\\d s\\)\\.\\n");
	}

	@Test
	void stopsAtTheFirstFailingLineWithFileLineAndItsExitCode() throws Exception {
		Path f = script("stops.astra", """
				user invite bob@example.com
				user get nobody@example.com
				user invite carl@example.com
				""");
		Result r = astra.run("script", f.toString(), "--env", "local");
		assertThat(r.exitCode()).isEqualTo(5);
		assertThat(r.err()).startsWith(f + ":2: user get nobody@example.com\n[ERROR] User 'nobody@example.com' has not been found.\n")
			.contains("2 of 3 line(s) run, 1 succeeded, 1 failed");
		assertThat(astra.run("user", "list", "--env", "local").out()).contains("bob@example.com").doesNotContain("carl");
	}

	@Test
	void continueOnErrorRunsEveryLineAndExitsWithTheFirstFailure() throws Exception {
		Path f = script("all.astra", """
				user get nobody@example.com
				user invite dan@example.com -r Nope
				user invite eve@example.com
				""");
		Result r = astra.run("script", f.toString(), "--continue-on-error", "--env", "local");
		assertThat(r.exitCode()).isEqualTo(5);
		assertThat(r.err()).contains(f + ":1: user get nobody@example.com").contains(f + ":2: user invite dan@example.com -r Nope")
			.contains("3 of 3 line(s) run, 1 succeeded, 2 failed");
		assertThat(astra.run("user", "get", "eve@example.com", "--env", "local").exitCode()).isZero();
	}

	@Test
	void variablesAreSubstitutedAndAnUnsetOneStopsEverything() throws Exception {
		Path f = script("vars.astra", """
				user invite ${WHO} -r ${ROLE}
				user get ${WHO}
				""");
		Result missing = astra.run("script", f.toString(), "--env", "local");
		assertThat(missing.exitCode()).isEqualTo(11);
		assertThat(missing.err()).contains("the environment variables WHO, ROLE are not set").contains("Nothing was run");
		assertThat(astra.run("user", "list", "--env", "local", "-o", "csv").out().split("\r\n")).hasSize(2);

		AstraRun withVars = new AstraRun(dir).env("WHO", "fay@example.com").env("ROLE", "RO User");
		Result r = withVars.run("script", f.toString(), "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("'fay@example.com' has been invited with the role RO User");
	}

	@Test
	void aLineThatDoesNotParseStopsTheScriptBeforeAnythingRuns() throws Exception {
		Path f = script("typo.astra", """
				user invite gil@example.com
				user invte hal@example.com
				""");
		Result r = astra.run("script", f.toString(), "--env", "local");
		assertThat(r.exitCode()).isEqualTo(11);
		assertThat(r.err()).contains(f + ":2: user invte hal@example.com").contains("Did you mean 'invite'?")
			.contains("Nothing was run");
		assertThat(astra.run("user", "get", "gil@example.com", "--env", "local").exitCode()).isEqualTo(5);
	}

	@Test
	void eachJsonLinePrintsItsOwnDocument() throws Exception {
		Path f = script("json.astra", "org id -o json\norg name -o json\n");
		Result r = astra.run("script", f.toString(), "--env", "local");
		assertThat(r.out().split("\n}\n")).hasSize(2);
		assertThat(r.out()).contains("\"code\" : \"OK\"");
	}

	@Test
	void nestedScriptsRunAndACycleIsRefused() throws Exception {
		script("inner.astra", "user invite ivy@example.com\n");
		Path outer = script("outer.astra", "script inner.astra\nuser get ivy@example.com -o csv\n");
		Result r = astra.run("script", outer.toString(), "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("ivy@example.com has been invited".replace("ivy", "'ivy").replace(" has", "' has"))
			.contains(",ivy@example.com,invited,");

		script("a.astra", "org id\nscript b.astra\n");
		script("b.astra", "script a.astra\n");
		Result cycle = astra.run("script", dir.resolve("a.astra").toString(), "--env", "local");
		assertThat(cycle.exitCode()).isEqualTo(11);
		assertThat(cycle.err()).contains("b.astra:1: script a.astra").contains("calls itself (through a.astra > b.astra > a.astra)");
	}

	@Test
	void commandsPipedOnStandardInputRunTheSameWay() throws Exception {
		Result r = astra.withInput("user invite jo@example.com\nuser get jo@example.com -o csv\n", "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains(",jo@example.com,invited,");
		assertThat(r.err()).contains("<stdin>: 2 of 2 line(s) run, 2 succeeded");
		Result failing = astra.withInput("user get nobody@example.com\n", "--env", "local");
		assertThat(failing.exitCode()).isEqualTo(5);
		assertThat(failing.err()).startsWith("<stdin>:1: user get nobody@example.com\n");
	}

	@Test
	void aScriptSwitchesProfilesForTheLinesAfterAndTheSessionComesBack() throws Exception {
		AstraRun run = new AstraRun(dir);
		Result setup = run.run("config", "create", "sandbox", "--token", tokenOf(run), "--env", "local", "--default");
		assertThat(setup.exitCode()).as(setup.toString()).isZero();
		run.run("config", "create", "nowhere", "--token", "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64),
				"--no-validate", "--env", "local", "--local-endpoint", "http://127.0.0.1:9");
		Path f = script("switch.astra", "org name\nconfig use nowhere\norg name\n");
		Result r = run.run("script", f.toString());
		assertThat(r.exitCode()).isEqualTo(100);
		assertThat(r.out()).startsWith("Sandbox Org\n[OK]    Profile 'nowhere' is now the default.\n");
		assertThat(r.err()).contains(f + ":3: org name").contains("Cannot reach the Astra DevOps API at http://127.0.0.1:9");
	}

	static String tokenOf(AstraRun run) {
		run.run("org", "--env", "local");
		return run.run("token", "get", "--env", "local").out().trim();
	}

	@Test
	void aDryRunChecksEveryLineAndSendsNoChangingRequest() throws Exception {
		try (MockWebServer server = new MockWebServer()) {
			List<String> seen = new ArrayList<>();
			server.setDispatcher(new Dispatcher() {
				@Override
				public MockResponse dispatch(RecordedRequest request) {
					synchronized (seen) {
						seen.add(request.getMethod() + " " + request.getTarget());
					}
					if (request.getTarget().equals("/v2/organizations/roles")) {
						return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
							.body("[{\"ID\":\"r1\",\"Name\":\"RO User\"},{\"ID\":\"r2\",\"Name\":\"Database Administrator\"}]")
							.build();
					}
					return new MockResponse.Builder().code(500).body("a dry run must not get here").build();
				}
			});
			server.start();
			script("other.astra", "user delete kim@example.com\n");
			Path f = script("dry.astra", """
					role create "Pipeline" -a org-read
					user invite kim@example.com -r pipeline -r "RO User"
					user invite not-an-email
					token create -r Nope
					role create X -a org-read -a ORG-READ
					user update kim@example.com -r "RO User"
					token delete ABCDEFGHIJKLMNOPQRSTUVWX
					script other.astra
					script missing.astra
					""");
			Result r = astra.run("script", f.toString(), "--dry-run", "--env", "local", "--local-endpoint",
					server.url("/").toString(), "--token", "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64));
			assertThat(r.exitCode()).isEqualTo(11);
			assertThat(r.err()).contains(f + ":3: user invite not-an-email").contains("is not an email address")
				.contains(f + ":4: token create -r Nope").contains("Role 'Nope' has not been found")
				.contains(f + ":5: role create X -a org-read -a ORG-READ").contains("is given twice")
				.contains(f + ":9: script missing.astra").contains("no such file")
				.contains("9 line(s) checked, 5 fine, 4 with problems").contains("nothing was changed")
				.doesNotContain(":1: ").doesNotContain(":2: ").doesNotContain(":6: ");
			server.takeRequest(100, TimeUnit.MILLISECONDS);
			synchronized (seen) {
				assertThat(seen).isNotEmpty().allMatch(s -> s.startsWith("GET "));
			}
		}
	}

	/**
	 * A value outside its option's declared list is refused by the parser, so the dry run finds it
	 * before anything runs, and the run itself refuses it before any request (exit 13).
	 */
	@Test
	void aValueOutsideItsDeclaredListFailsTheDryRun() throws Exception {
		Map<String, String> lines = Map.of("user list --status bogus", "Invalid value 'bogus' for --status: use one of active, invited.",
				"role create R -a org-raed", "Invalid value 'org-raed' for -a/--action: it is not a known policy action. Did you mean 'org-read'",
				"completion fish", "Invalid <SHELL> 'fish' for 'astra completion': use one of bash, zsh.");
		for (Map.Entry<String, String> line : lines.entrySet()) {
			Path f = script("values.astra", "org id\n" + line.getKey() + "\n");
			Result dry = astra.run("script", f.toString(), "--dry-run", "--env", "local");
			assertThat(dry.exitCode()).as(dry.toString()).isIn(11, 13);
			assertThat(dry.err()).as(line.getKey()).contains(f + ":2: " + line.getKey() + ": " + line.getValue())
				.contains("Nothing was run.");
		}
		Result run = astra.run("user", "list", "--status", "bogus", "--env", "local");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(13);
	}

	@Test
	void theLifecycleExampleRunsAndDryRuns() {
		AstraRun run = new AstraRun(dir).env("NEWHIRE", "dana@example.com");
		String example = Path.of("examples", "lifecycle.astra").toAbsolutePath().toString();
		Result dry = run.run("script", example, "--dry-run", "--env", "local");
		assertThat(dry.exitCode()).as(dry.toString()).isZero();
		assertThat(dry.err()).contains("7 line(s) checked, 7 fine, 0 with problems");
		Result r = run.run("script", example, "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("has been invited with the role Pipeline Reader")
			.contains("Role 'Pipeline Reader' has been deleted.");
	}

	@Test
	void scriptOutputIsTheLinesOwn() throws Exception {
		Path f = script("quiet.astra", "org id\n");
		Result r = astra.run("script", f.toString(), "--env", "local", "-o", "json");
		assertThat(new String(r.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).startsWith("{")
			.contains("\"id\"");
		assertThat(r.out().split("\"code\"")).hasSize(2); // one document: the line's, none for the script itself
	}

	@Test
	void scriptsNestAtMost64DeepAndDeeperIsRefusedInOneLine() throws Exception {
		for (int i = 0; i < 64; i++) {
			script("ok" + i + ".astra", i < 63 ? "script ok" + (i + 1) + ".astra\n" : "org id\n");
		}
		Result deepest = astra.run("script", dir.resolve("ok0.astra").toString(), "--env", "local");
		assertThat(deepest.exitCode()).as(deepest.toString()).isZero();
		assertThat(deepest.out()).matches("[0-9a-f-]{36}\n");

		for (int i = 0; i < 300; i++) {
			script("n" + i + ".astra", "script n" + (i + 1) + ".astra\n");
		}
		script("n300.astra", "org id\n");
		Result r = astra.run("script", dir.resolve("n0.astra").toString(), "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).contains(dir.toRealPath().resolve("n63.astra") + ":1: script n64.astra\n[ERROR] Script n64.astra "
				+ "would run 65 scripts deep (from " + dir.resolve("n0.astra") + "): scripts may call scripts at most 64 deep.")
			.doesNotContain("StackOverflowError").doesNotContain("\tat ").doesNotContain("n65.astra");
		assertThat(r.out()).isEmpty();
	}

	/** How many script files a run read and parsed: its {@code -v} line per file read. */
	static long reads(Result r) {
		return r.err().lines().filter(l -> l.startsWith("[DEBUG] script: read ")).count();
	}

	/** {@code f1 ... f(n-1)} each call the next twice; {@code fn} holds {@code leaf}. */
	void doublingChain(String prefix, int n, String leaf) throws Exception {
		doublingChain(prefix, n, 1, leaf);
	}

	/** {@code f1 ... f(n-1)} call the next, once before {@code from} and twice from it on. */
	void doublingChain(String prefix, int n, int from, String leaf) throws Exception {
		for (int i = 1; i < n; i++) {
			String call = "script " + prefix + (i + 1) + ".astra\n";
			script(prefix + i + ".astra", i < from ? call : call + call);
		}
		script(prefix + n + ".astra", leaf);
	}

	@Test
	void aDryRunChecksEachNestedFileOnceHoweverOftenItIsCalled() throws Exception {
		doublingChain("f", 26, "org id\n");
		// 12 deep first (4,095 reads before the fix, seconds), then 26 deep (67 million before: hours)
		Result twelve = astra.run("script", dir.resolve("f15.astra").toString(), "--dry-run", "--env", "local", "-v");
		assertThat(twelve.exitCode()).as(twelve.toString()).isZero();
		assertThat(reads(twelve)).as(twelve.err()).isEqualTo(12);

		Result r = astra.run("script", dir.resolve("f1.astra").toString(), "--dry-run", "--env", "local", "-v");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(reads(r)).isEqualTo(26);
		for (int i = 1; i <= 26; i++) { // each file's summary, once
			String summary = (i == 1 ? dir.resolve("f1.astra") : dir.toRealPath().resolve("f" + i + ".astra")) + ": "
					+ (i < 26 ? "2 line(s) checked, 2 fine, 0 with problems" : "1 line(s) checked, 1 fine, 0 with problems");
			assertThat(r.err().split(Pattern.quote(summary), -1)).as(summary).hasSize(2);
		}
		assertThat(r.out()).isEmpty();
	}

	@Test
	void aProblemInAFileCheckedOnceIsReportedOnceWithItsLineAndFailsEveryCaller() throws Exception {
		doublingChain("p", 20, 14, "org id\nuser invite not-an-email\n");
		Result r = astra.run("script", dir.resolve("p1.astra").toString(), "--dry-run", "--env", "local", "-v");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(reads(r)).isEqualTo(20);
		String problem = dir.toRealPath().resolve("p20.astra") + ":2: user invite not-an-email\n[ERROR] ";
		assertThat(r.err().split(Pattern.quote(problem), -1)).hasSize(2);
		assertThat(r.err()).contains("p20.astra: 2 line(s) checked, 1 fine, 1 with problems")
			.contains("p19.astra: 2 line(s) checked, 0 fine, 2 with problems")
			.contains(dir.resolve("p1.astra") + ": 1 line(s) checked, 0 fine, 1 with problems");
	}

	@Test
	void aDryRunStillRefusesCyclesAndNestingDeeperThan64() throws Exception {
		doublingChain("d", 70, 58, "org id\n"); // doubling from d58 only: a regression fails, it does not hang
		Result deep = astra.run("script", dir.resolve("d1.astra").toString(), "--dry-run", "--env", "local", "-v");
		assertThat(deep.exitCode()).as(deep.toString()).isEqualTo(11);
		assertThat(reads(deep)).isEqualTo(64);
		assertThat(deep.err()).contains(dir.toRealPath().resolve("d64.astra") + ":1: script d65.astra\n[ERROR] Script "
				+ "d65.astra would run 65 scripts deep").contains(dir.toRealPath().resolve("d64.astra") + ":2: script d65.astra")
			.doesNotContain("d66.astra");

		script("a.astra", "script b.astra\nscript b.astra\n");
		script("b.astra", "org id\nscript c.astra\n");
		script("c.astra", "script a.astra\n");
		Result cycle = astra.run("script", dir.resolve("a.astra").toString(), "--dry-run", "--env", "local");
		assertThat(cycle.exitCode()).isEqualTo(11);
		assertThat(cycle.err()).contains("c.astra:1: script a.astra")
			.contains("calls itself (through a.astra > b.astra > c.astra > a.astra)");
	}

	@Test
	void aFileCalledAgainIsCheckedAgainWhenEarlierLinesChangedWhatItSees() throws Exception {
		script("temp.astra", "role create Temp -a org-read\n");
		Path f = script("twice.astra", "script temp.astra\nscript temp.astra\n");
		Result dry = astra.run("script", f.toString(), "--dry-run", "--env", "local");
		assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(7);
		assertThat(dry.err()).contains("temp.astra:1: role create Temp -a org-read\n[ERROR] Role 'Temp' already exists")
			.contains(f + ": 2 line(s) checked, 1 fine, 1 with problems");
		Result run = astra.run("script", f.toString(), "--env", "local");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(7); // as the run itself fails
	}

	@Test
	void aRealRunReadsANestedFileOnceEachTimeItRuns() throws Exception {
		doublingChain("r", 3, "org id\n");
		Result r = astra.run("script", dir.resolve("r1.astra").toString(), "--env", "local", "-v");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(reads(r)).isEqualTo(7); // r1 once, r2 twice, r3 four times: each parsed once per run
		assertThat(r.out().lines().filter(l -> l.matches("[0-9a-f-]{36}")).count()).isEqualTo(4);
	}

	@Test
	void aByteOrderMarkBeforeTheFirstLineIsSkipped() throws Exception {
		Path f = dir.resolve("bom.astra");
		Files.write(f, ("\uFEFF" + "org id\norg name\n").getBytes(StandardCharsets.UTF_8));
		Result r = astra.run("script", f.toString(), "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).matches("[0-9a-f-]{36}\nSandbox Org\n");

		Result piped = astra.withInput("\uFEFF" + "org name\n", "--env", "local");
		assertThat(piped.exitCode()).as(piped.toString()).isZero();
		assertThat(piped.out()).isEqualTo("Sandbox Org\n");
	}

}
