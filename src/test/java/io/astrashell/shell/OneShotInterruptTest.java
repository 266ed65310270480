package io.astrashell.shell;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.astrashell.command.RecordingProxy;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C on a one-shot run, in a process of its own as a user runs it ({@code java} with the built
 * classpath, as the launcher {@code exec}s it): SIGINT stops the command as at the prompt, prints
 * the prompt's line on standard error (where a script stopped; what an apply applied, had in flight
 * and did not send), sends nothing more, and exits 130. The server holds one write unanswered: the
 * request in flight when Ctrl-C comes.
 */
class OneShotInterruptTest {

	@TempDir
	Path dir;

	LocalSandbox sandbox;

	RecordingProxy proxy;

	@BeforeEach
	void start() throws Exception {
		sandbox = LocalSandbox.start(dir.resolve("sandbox-home"), 0);
		proxy = new RecordingProxy(sandbox.endpoint());
	}

	@AfterEach
	void stop() {
		proxy.close();
		sandbox.close();
	}

	record Run(int exit, String out, String err) {
	}

	/** {@code astra ARGS --env local ...} in a new JVM; SIGINT once the held write came; its end. */
	Run interruptedAtTheHeldWrite(String... args) throws Exception {
		return interruptedWhen(proxy::awaitHeld, args);
	}

	interface Awaiting {

		void await() throws InterruptedException;

	}

	/** {@code astra ARGS --env local ...} in a new JVM; SIGINT once {@code held} returns; its end. */
	Run interruptedWhen(Awaiting held, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "io.astrashell.AstraShellApplication"));
		command.addAll(List.of(args));
		command.addAll(List.of("--env", "local", "--local-endpoint", proxy.endpoint(), "--token", sandbox.adminToken()));
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().put("ASTRA_HOME", dir.resolve("astra-home").toString());
		pb.environment().put("ASTRARC", dir.resolve("astrarc").toString());
		pb.environment().put("HOME", dir.toString());
		pb.environment().remove("ASTRA_DB_APPLICATION_TOKEN");
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Process p = pb.start();
		try {
			held.await();
			assumeSigintIsNotIgnored(p.pid());
			assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor()).isZero();
			assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the run ended").isTrue();
		}
		finally {
			p.destroyForcibly();
		}
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	/** A process started with SIGINT ignored (a background job of a non-interactive shell) keeps ignoring it. */
	static void assumeSigintIsNotIgnored(long pid) throws Exception {
		Path status = Path.of("/proc", String.valueOf(pid), "status");
		if (Files.isReadable(status)) {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("SigIgn:")) {
					long ignored = Long.parseUnsignedLong(line.substring(7).trim(), 16);
					Assumptions.assumeTrue((ignored & 0x2) == 0, "SIGINT is ignored where these tests run");
				}
			}
		}
	}

	static final String FILE = """
			roles:
			  - name: Alpha
			    actions: [org-read]
			  - name: Beta
			    actions: [org-read]
			users:
			  - email: admin@sandbox.local
			    roles: [Organization Administrator]
			  - email: u1@example.com
			    roles: [RO User]
			  - email: u2@example.com
			    roles: [RO User]
			  - email: u3@example.com
			    roles: [RO User]
			""";

	@Test
	void ctrlCOnAnApplySaysWhatWasAppliedInFlightAndNotSentAndSendsNothingMore() throws Exception {
		Path file = Files.writeString(dir.resolve("org.yaml"), FILE);
		proxy.holdWrite(3); // the first invite
		Run r = interruptedAtTheHeldWrite("org", "apply", file.toString(), "--yes", "--parallel", "1");
		assertThat(r.exit()).as(r.toString()).isEqualTo(130);
		assertThat(r.err()).as(r.toString()).contains("[WARN]  Interrupted: org apply stopped: 2 of 5 changes applied "
				+ "(+ role \"Alpha\" (org-read); + role \"Beta\" (org-read)), 1 in flight, sent and not answered: it may or "
				+ "may not apply (+ user u1@example.com [RO User]), 2 not sent (+ user u2@example.com [RO User]; "
				+ "+ user u3@example.com [RO User]). Run the same apply again to finish.\n")
			.doesNotContain("[ERROR]").doesNotContain("Exception");
		assertThat(r.out()).contains("[OK]    + role \"Alpha\"").contains("[OK]    + role \"Beta\"")
			.doesNotContain("[OK]    + user");
		assertThat(proxy.writes()).hasSize(3); // nothing sent after Ctrl-C
	}

	@Test
	void ctrlCOnAParallelApplySaysWhatWasAppliedWhatWasInFlightAndWhatWasNotSent() throws Exception {
		StringBuilder yaml = new StringBuilder("users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n");
		for (int i = 1; i <= 20; i++) {
			yaml.append("  - email: p").append(i).append("@example.com\n    roles: [RO User]\n");
		}
		Path file = Files.writeString(dir.resolve("org.yaml"), yaml.toString());
		proxy.holdWritesFrom(3); // two invites answered, then every one held: 8 in flight (the default), 10 not sent
		Run r = interruptedWhen(() -> proxy.awaitHeld(8), "org", "apply", file.toString(), "--yes");
		assertThat(r.exit()).as(r.toString()).isEqualTo(130);
		String line = r.err().lines().filter(l -> l.startsWith("[WARN]  Interrupted: org apply stopped: ")).findFirst()
			.orElseThrow(() -> new AssertionError(r.toString()));
		assertThat(line).contains("stopped: 2 of 20 changes applied (")
			.contains(", 8 in flight, sent and not answered: they may or may not apply (")
			.contains(", 10 not sent (").contains("and 7 more). Run the same apply again to finish.");
		assertThat(r.err()).doesNotContain("[ERROR]").doesNotContain("Exception");
		assertThat(r.out().lines().filter(l -> l.startsWith("[OK]")).count()).isLessThanOrEqualTo(2); // those of the plan's first changes
		Thread.sleep(300); // room for a change sent after Ctrl-C, which would come within milliseconds
		assertThat(proxy.writes()).hasSize(10); // nothing sent after Ctrl-C
	}

	@Test
	void ctrlCOnAScriptSaysWhereItStoppedAndRunsNoFurtherLine() throws Exception {
		Path script = Files.writeString(dir.resolve("s.astra"),
				"user invite s1@example.com\nrole create Held -a org-read\nuser invite s3@example.com\n");
		proxy.holdWrite(2);
		Run r = interruptedAtTheHeldWrite("script", script.toString());
		assertThat(r.exit()).as(r.toString()).isEqualTo(130);
		assertThat(r.err()).as(r.toString()).contains("[WARN]  Interrupted at " + script + ":2 (role create Held -a org-read): "
				+ "the script stopped there, 1 of 3 line(s) run before it (1 succeeded, 0 failed), 1 not run (")
			.doesNotContain("[ERROR]").doesNotContain("line(s) run,");
		assertThat(r.out()).contains("User 's1@example.com' has been invited").doesNotContain("s3@example.com");
		assertThat(proxy.writes()).hasSize(2);
	}

	@Test
	void ctrlCOnAnApplyInAScriptSaysBoth() throws Exception {
		Path file = Files.writeString(dir.resolve("org.yaml"), FILE);
		Path script = Files.writeString(dir.resolve("apply.astra"), "org apply " + file + " --yes --parallel 1\norg id\n");
		proxy.holdWrite(3);
		Run r = interruptedAtTheHeldWrite("script", script.toString());
		assertThat(r.exit()).as(r.toString()).isEqualTo(130);
		assertThat(r.err()).as(r.toString()).contains("[WARN]  Interrupted at " + script + ":1 (org apply " + file
				+ " --yes --parallel 1): the script stopped there, 0 of 2 line(s) run before it")
			.contains("A change that line already sent may still apply. org apply stopped: 2 of 5 changes applied")
			.contains("2 not sent");
	}

}
