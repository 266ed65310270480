package io.astrashell.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.astrashell.api.LoopbackTls;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resident session end to end, through {@code ./astra}: {@code astra daemon start}, then one-shot
 * commands served by it give the same bytes on standard output and error and the same exit code as
 * the same commands run cold ({@code ASTRA_DAEMON=off}), for every noun, format and kind of error,
 * with standard input, a relative path, a closed or broken standard output; Ctrl-C and a client
 * killed with -9 stop the served command; a session that dies mid-call is reported, never re-run; a
 * client of other JVM options runs cold and the session exits; the idle limit ends it.
 */
class DaemonIT {

	@TempDir
	Path dir;

	private LaunchFixture fixture;

	private LocalSandbox sandbox;

	private Path work;

	@BeforeEach
	void startSession() throws Exception {
		fixture = new LaunchFixture(dir);
		sandbox = LocalSandbox.start(dir.resolve("served"), 0);
		work = Files.createDirectories(dir.resolve("work"));
		Files.writeString(work.resolve("lines.astra"), "version\norg name\nrole get Admn\n");
		Files.writeString(work.resolve("profiles"), "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:" + "a".repeat(24) + ":"
				+ "0".repeat(64) + "\n[team]\nASTRA_DB_APPLICATION_TOKEN=" + sandbox.adminToken() + "\nASTRA_ENV=LOCAL\n");
		Files.writeString(work.resolve("org.yaml"), "roles:\n  - name: Auditors\n    actions: [org-read]\n");
		Files.writeString(work.resolve("bad.yaml"), "roles: [\n");
	}

	@AfterEach
	void stopSession() throws Exception {
		astra("daemon", "stop");
		sandbox.close();
	}

	private LaunchFixture.Run astra(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(LaunchFixture.LAUNCHER.toString()));
		command.addAll(List.of(args));
		return fixture.run(work, Map.of(), command.toArray(String[]::new));
	}

	/** Runs {@code lines} under bash in the work folder, {@code $ASTRA} the launcher, {@code $API} the sandbox's options. */
	private LaunchFixture.Run bash(Map<String, String> env, String lines) throws IOException, InterruptedException {
		Map<String, String> all = new HashMap<>(env);
		all.put("ASTRA", LaunchFixture.LAUNCHER.toString());
		all.put("ENDPOINT", sandbox.endpoint().toString());
		all.put("TOKEN", sandbox.adminToken());
		return fixture.run(work, all, "bash", "-c", "API=(--env local --local-endpoint \"$ENDPOINT\" --token \"$TOKEN\")\n"
				+ lines);
	}

	private long served() throws IOException, InterruptedException {
		return served(Map.of());
	}

	/** Commands served so far, asked with {@code env} (a session is used only with its own JVM options). */
	private long served(Map<String, String> env) throws IOException, InterruptedException {
		LaunchFixture.Run s = fixture.run(work, env, LaunchFixture.LAUNCHER.toString(), "daemon", "status", "-o", "json");
		assertThat(s.exit()).as(s.toString()).isZero();
		return Long.parseLong(s.out().replaceAll("(?s).*\"served\" : (\\d+).*", "$1"));
	}

	/** What two runs may differ in: a script's elapsed time, an export's time (the second may turn between them). */
	private static String timeless(String text) {
		return text.replaceAll("\\(\\d+\\.\\d\\d s\\)", "(T s)")
			.replaceAll("exported \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "exported T");
	}

	@Test
	void servedCommandsPrintTheSameBytesAndExitCodesAsColdOnes() throws Exception {
		LaunchFixture.Run start = astra("daemon", "start", "--idle", "0");
		assertThat(start.exit()).as(start.toString()).isZero();
		assertThat(start.out()).startsWith("[OK]    A resident session serves this user's commands now (pid ");
		List<String> cases = List.of(
				// org, every format, and its bare values
				"$ASTRA org \"${API[@]}\"", "$ASTRA org -o json \"${API[@]}\"", "$ASTRA org -o csv \"${API[@]}\"",
				"$ASTRA org id \"${API[@]}\"", "$ASTRA org name \"${API[@]}\"", "$ASTRA org export \"${API[@]}\"",
				"$ASTRA org diff org.yaml \"${API[@]}\"", "$ASTRA org diff bad.yaml \"${API[@]}\"",
				"$ASTRA org diff nowhere.yaml \"${API[@]}\"", "$ASTRA org diff - \"${API[@]}\" < org.yaml",
				// users
				"$ASTRA user list \"${API[@]}\"", "$ASTRA user list -o json \"${API[@]}\"",
				"$ASTRA user list -o csv --status active \"${API[@]}\"", "$ASTRA user get admin@sandbox.local \"${API[@]}\"",
				"$ASTRA user get nobody@example.com \"${API[@]}\"", "$ASTRA user get nobody@example.com -o json \"${API[@]}\"",
				"$ASTRA user invite 'not an email' \"${API[@]}\"", "$ASTRA user invite admin@sandbox.local --if-not-exists \"${API[@]}\"",
				"$ASTRA user list --status sleeping \"${API[@]}\"",
				// roles
				"$ASTRA role list -o csv \"${API[@]}\"", "$ASTRA role get Admn \"${API[@]}\"",
				"$ASTRA role get 'Organization Administrator' -o json \"${API[@]}\"", "$ASTRA role create Nameless \"${API[@]}\"",
				"$ASTRA role delete 'No Such Role' --if-exists \"${API[@]}\"", "$ASTRA role create X -a frob \"${API[@]}\" -o json",
				// tokens
				"$ASTRA token list \"${API[@]}\"", "$ASTRA token list -o csv \"${API[@]}\"", "$ASTRA token get \"${API[@]}\"",
				"$ASTRA token create \"${API[@]}\"", "$ASTRA token delete nosuchclient --if-exists \"${API[@]}\"",
				// profiles (a relative -cf), the environment's token, a malformed token, one the server refuses
				"$ASTRA config list -cf profiles", "$ASTRA config get team -cf profiles -o json", "$ASTRA config get nope -cf profiles",
				"ASTRA_DB_APPLICATION_TOKEN=$TOKEN $ASTRA org --env local --local-endpoint \"$ENDPOINT\"",
				"$ASTRA org --token AstraCS:nope", "$ASTRA org --env local --local-endpoint \"$ENDPOINT\" --token AstraCS:"
						+ "b".repeat(24) + ":" + "1".repeat(64),
				"$ASTRA org -cf profiles -conf team --local-endpoint \"$ENDPOINT\"",
				// scripts, standard input, the shell's own commands
				"$ASTRA script lines.astra \"${API[@]}\"", "printf 'org id\\nrole get Admn\\n' | $ASTRA script - \"${API[@]}\"",
				"$ASTRA help", "$ASTRA help org id", "$ASTRA org id --help", "$ASTRA version", "$ASTRA completion bash",
				"$ASTRA completion zsh", "$ASTRA frob", "$ASTRA user frob", "$ASTRA org -o xml", "$ASTRA role get",
				"$ASTRA user get --env", "$ASTRA -- org",
				// the sandbox, output that cannot be written
				"$ASTRA sandbox serve --port " + sandbox.endpoint().getPort(),
				"$ASTRA org \"${API[@]}\" >&-", "set -o pipefail; $ASTRA completion bash | true",
				"NO_COLOR=1 $ASTRA org \"${API[@]}\"");
		long before = served();
		int served = 0;
		List<String> differences = new ArrayList<>();
		for (String line : cases) {
			LaunchFixture.Run cold = bash(Map.of("ASTRA_DAEMON", "off"), line + "; echo \"exit $?\" >&2");
			LaunchFixture.Run warm = bash(Map.of(), line + "; echo \"exit $?\" >&2");
			served++;
			if (!timeless(cold.toString()).equals(timeless(warm.toString()))) {
				differences.add(line + "\n=== cold\n" + cold + "=== served\n" + warm);
			}
		}
		assertThat(differences).as("served runs that differ from cold ones").isEmpty();
		// each line started one command through the session (daemon commands run cold)
		assertThat(served() - before).isEqualTo(served);
	}

	@Test
	void ctrlCStopsTheServedCommandAsItStopsAColdOne() throws Exception {
		assertThat(astra("daemon", "start", "--idle", "0").exit()).isZero();
		LaunchFixture.Run cold = interrupted(Map.of("ASTRA_DAEMON", "off"));
		LaunchFixture.Run warm = interrupted(Map.of());
		assertThat(warm.exit()).as(warm.toString()).isEqualTo(130);
		assertThat(warm.err().replaceAll("\\d{4,5}", "P")).isEqualTo(cold.err().replaceAll("\\d{4,5}", "P"));
		assertThat(warm.err()).contains("stopped");
		assertThat(cold.exit()).isEqualTo(130);
	}

	/** {@code sandbox serve} until the serving line shows, then Ctrl-C to the whole process group. */
	private LaunchFixture.Run interrupted(Map<String, String> env) throws Exception {
		int port = freePort();
		Path pgid = Files.createTempFile(dir, "pgid", "");
		LaunchFixture.Started s = fixture.startInOwnGroup(work, env, pgid, "sh", LaunchFixture.LAUNCHER, "sandbox", "serve",
				"--port", Integer.toString(port));
		awaitListening(port, s);
		long t0 = System.nanoTime();
		fixture.signalGroup("INT", pgid);
		LaunchFixture.Run r = LaunchFixture.finish(s, "sandbox serve");
		long millis = (System.nanoTime() - t0) / 1_000_000;
		assertThat(millis).as("Ctrl-C to exit, ms").isLessThan(5000);
		return r;
	}

	@Test
	void aClientKilledWithMinus9CancelsItsCommandAndAnotherIsServedMeanwhile() throws Exception {
		assertThat(astra("daemon", "start", "--idle", "0").exit()).isZero();
		int port = freePort();
		Path pgid = Files.createTempFile(dir, "pgid", "");
		LaunchFixture.Started s = fixture.startInOwnGroup(work, Map.of(), pgid, "sh", LaunchFixture.LAUNCHER, "sandbox",
				"serve", "--port", Integer.toString(port));
		awaitListening(port, s);
		// two clients at once: this one is served while the other's command runs
		LaunchFixture.Run meanwhile = bash(Map.of(), "$ASTRA org name \"${API[@]}\"");
		assertThat(meanwhile.out()).as(meanwhile.toString()).isEqualTo("Sandbox Org\n");
		fixture.signalGroup("KILL", pgid);
		s.process().waitFor(30, TimeUnit.SECONDS);
		for (int i = 0; i < 100 && listening(port); i++) {
			Thread.sleep(100);
		}
		assertThat(listening(port)).as("the killed client's sandbox stopped").isFalse();
		LaunchFixture.Run status = astra("daemon", "status", "-o", "json");
		assertThat(status.out()).contains("\"running\" : 0");
	}

	@Test
	void aSessionThatDiesMidCallIsReportedAndTheCommandIsNotRunAgain() throws Exception {
		assertThat(astra("daemon", "start", "--idle", "0").exit()).isZero();
		String pid = astra("daemon", "status", "-o", "json").out().replaceAll("(?s).*\"pid\" : (\\d+).*", "$1");
		int port = freePort();
		LaunchFixture.Started s = fixture.start(work, Map.of(), List.of(LaunchFixture.LAUNCHER.toString(), "sandbox", "serve",
				"--port", Integer.toString(port)));
		awaitListening(port, s);
		fixture.run(dir, Map.of(), "kill", "-9", pid);
		LaunchFixture.Run r = LaunchFixture.finish(s, "sandbox serve");
		assertThat(r.exit()).as(r.toString()).isEqualTo(100);
		assertThat(r.err()).contains("astra: the resident session ended during the command").contains("is not run again");
		assertThat(listening(port)).as("not started again cold").isFalse();
		// its socket is left behind: the next command finds no session answering and runs cold, silently
		LaunchFixture.Run next = astra("version");
		assertThat(next.exit()).isZero();
		assertThat(next.err()).isEmpty();
	}

	@Test
	void aClientOfOtherJvmOptionsRunsColdAndTheSessionExits() throws Exception {
		assertThat(astra("daemon", "start", "--idle", "0").exit()).isZero();
		LaunchFixture.Run why = fixture.run(work, Map.of("ASTRA_JAVA_OPTS", "-Dastra.test=1"),
				LaunchFixture.LAUNCHER.toString(), "daemon", "status");
		assertThat(why.exit()).as(why.toString()).isEqualTo(5);
		assertThat(why.err()).contains("is not used: it was started from other JVM options (ASTRA_JAVA_OPTS differs)");
		long before = served();
		LaunchFixture.Run other = fixture.run(work, Map.of("ASTRA_JAVA_OPTS", "-Dastra.test=1"),
				LaunchFixture.LAUNCHER.toString(), "version");
		assertThat(other.exit()).as(other.toString()).isZero();
		assertThat(other.err()).isEmpty();
		assertThat(other.out()).startsWith("astra shell ");
		for (int i = 0; i < 100 && astra("daemon", "status").exit() == 0; i++) {
			Thread.sleep(100);
		}
		LaunchFixture.Run gone = astra("daemon", "status");
		assertThat(gone.exit()).as("the stale session exited (%d served before)", before).isEqualTo(5);
		assertThat(gone.err()).contains("No resident session serves this user's commands");
	}

	@Test
	void theIdleLimitEndsTheSession() throws Exception {
		LaunchFixture.Run start = astra("daemon", "start", "--idle", "1s");
		assertThat(start.out()).contains("idle limit 1s");
		for (int i = 0; i < 150 && astra("daemon", "status").exit() == 0; i++) {
			Thread.sleep(100);
		}
		assertThat(astra("daemon", "status").exit()).isEqualTo(5);
		assertThat(LaunchFixture.files(dir.resolve(".cache/astra-shell/daemon"))).doesNotContain("daemon.sock");
		LaunchFixture.Run bad = astra("daemon", "start", "--idle", "soon");
		assertThat(bad.exit()).isEqualTo(13);
		assertThat(bad.err()).contains("Invalid value 'soon' for --idle");
	}

	@Test
	void startOnFirstUseIsOffByDefaultAndWhenSetTheNextCommandIsServed() throws Exception {
		LaunchFixture.Run cold = astra("version");
		assertThat(cold.exit()).as(cold.toString()).isZero();
		Thread.sleep(500);
		assertThat(astra("daemon", "status").exit()).as("no session unless the setting asks").isEqualTo(5);
		Map<String, String> firstUse = Map.of("ASTRA_DAEMON_START_ON_FIRST_USE", "true", "ASTRA_DAEMON_IDLE", "30s");
		LaunchFixture.Run first = fixture.run(work, firstUse, LaunchFixture.LAUNCHER.toString(), "version");
		assertThat(first.exit()).as(first.toString()).isZero();
		assertThat(first.out()).isEqualTo(cold.out());
		assertThat(first.err()).as("the session starts without a word").isEmpty();
		for (int i = 0; i < 300 && astra("daemon", "status").exit() != 0; i++) {
			Thread.sleep(100);
		}
		LaunchFixture.Run status = astra("daemon", "status");
		assertThat(status.exit()).as(status.toString()).isZero();
		assertThat(status.out()).contains("30s");
		long before = served();
		LaunchFixture.Run next = fixture.run(work, firstUse, LaunchFixture.LAUNCHER.toString(), "version");
		assertThat(next.out()).isEqualTo(cold.out());
		assertThat(served()).isEqualTo(before + 1);
		LaunchFixture.Run bad = fixture.run(work, Map.of("ASTRA_DAEMON_START_ON_FIRST_USE", "yes"),
				LaunchFixture.LAUNCHER.toString(), "version");
		assertThat(bad.exit()).as(bad.toString()).isEqualTo(9);
		assertThat(bad.err()).contains("'astra.daemon.start-on-first-use' is neither true nor false: yes");
	}

	@Test
	void servedCallsOverTlsReuseTheSessionsConnections() throws Exception {
		try (LoopbackTls tls = new LoopbackTls(sandbox.endpoint().getPort())) {
			Map<String, String> env = Map.of("ASTRA_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + LoopbackTls.trustStore()
					+ " -Djavax.net.ssl.trustStorePassword=" + LoopbackTls.PASSWORD);
			LaunchFixture.Run start = fixture.run(work, env, LaunchFixture.LAUNCHER.toString(), "daemon", "start", "--idle", "0");
			assertThat(start.exit()).as(start.toString()).isZero();
			try {
				String[] org = { LaunchFixture.LAUNCHER.toString(), "org", "-o", "json", "--env", "local", "--local-endpoint",
						"https://127.0.0.1:" + tls.port(), "--token", sandbox.adminToken() };
				LaunchFixture.Run cold = fixture.run(work, Map.of("ASTRA_JAVA_OPTS", env.get("ASTRA_JAVA_OPTS"),
						"ASTRA_DAEMON", "off"), org);
				assertThat(cold.exit()).as(cold.toString()).isZero();
				int before = tls.connections();
				long servedBefore = served(env);
				for (int i = 0; i < 30; i++) {
					LaunchFixture.Run r = fixture.run(work, env, org);
					assertThat(r.out()).as(r.toString()).isEqualTo(cold.out());
					assertThat(r.exit()).isZero();
				}
				assertThat(served(env)).isEqualTo(servedBefore + 30);
				assertThat(tls.connections() - before).as("TLS connections opened by 30 served calls").isBetween(1, 3);
			}
			finally {
				fixture.run(work, env, LaunchFixture.LAUNCHER.toString(), "daemon", "stop");
			}
		}
	}

	/**
	 * In a checkout the first served call records the client's class archive (JDK 25: an AOT cache,
	 * made as it exits). Whatever the JVM says of that is not the command's output: same bytes, same
	 * exit code as cold, and the archive is there afterwards. (A JDK 25 recording JVM prints
	 * "AOTConfiguration recorded: ..." on standard output unless told not to.)
	 */
	@Test
	void theServedCallThatMakesTheClientsArchivePrintsTheSameBytesAsCold() throws Exception {
		Path layout = LaunchFixture.LAUNCHER.getParent().resolve("target/launch");
		LaunchFixture.Run start = astra("daemon", "start", "--idle", "0");
		assertThat(start.exit()).as(start.toString()).isZero();
		try (Stream<Path> made = Files.list(layout)) {
			for (Path p : made.filter(p -> p.getFileName().toString().matches("astra-.*-client\\.(aot|jsa)")).toList()) {
				Files.delete(p);
			}
		}
		String[] org = { "org", "-o", "json", "--env", "local", "--local-endpoint", sandbox.endpoint().toString(),
				"--token", sandbox.adminToken() };
		LaunchFixture.Run cold = fixture.run(work, Map.of("ASTRA_DAEMON", "off"), with(LaunchFixture.LAUNCHER, org));
		long before = served();
		LaunchFixture.Run first = fixture.run(work, Map.of(), with(LaunchFixture.LAUNCHER, org));
		assertThat(served()).as("served, not run cold").isEqualTo(before + 1);
		assertThat(first.out()).as(first.toString()).isEqualTo(cold.out());
		assertThat(first.err()).isEqualTo(cold.err());
		assertThat(first.exit()).isEqualTo(cold.exit()).isZero();
		try (Stream<Path> made = Files.list(layout)) {
			assertThat(made.map(p -> p.getFileName().toString())).as("the client's archive, made by that call")
				.anyMatch(n -> n.matches("astra-.*-client\\.(aot|jsa)"));
		}
	}

	private static String[] with(Path launcher, String... args) {
		List<String> all = new ArrayList<>(List.of(launcher.toString()));
		all.addAll(List.of(args));
		return all.toArray(String[]::new);
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static boolean listening(int port) {
		try (Socket s = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private static void awaitListening(int port, LaunchFixture.Started s) throws Exception {
		for (int i = 0; i < 600 && !listening(port); i++) {
			if (!s.process().isAlive()) {
				throw new AssertionError("ended before it served:\n" + LaunchFixture.finish(s, "sandbox serve"));
			}
			Thread.sleep(100);
		}
		assertThat(listening(port)).isTrue();
		Thread.sleep(200); // its lines printed
		assertThat(Files.readString(s.out(), StandardCharsets.UTF_8)).contains("Sandbox serving");
	}

}
