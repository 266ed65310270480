package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

class SandboxTwoProcessTest {

	@TempDir
	Path home;

	@TempDir
	Path logs;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void destroyLeftovers() {
		this.processes.forEach(Process::destroyForcibly);
	}

	private Process launch(String name, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(SandboxWriterMain.class.getName());
		command.add(this.home.toString());
		command.addAll(List.of(args));
		File log = this.logs.resolve(name + ".log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		this.processes.add(process);
		return process;
	}

	private String log(String name) throws Exception {
		return Files.readString(this.logs.resolve(name + ".log"));
	}

	@Test
	void twoProcessesWritingAtOnceLoseNothing() throws Exception {
		// both processes start on a home that has no state yet: they also race to seed it
		Process a = launch("a", "alpha", "50");
		Process b = launch("b", "beta", "50");
		assertTrue(a.waitFor(180, TimeUnit.SECONDS), "process a did not finish");
		assertTrue(b.waitFor(180, TimeUnit.SECONDS), "process b did not finish");
		assertEquals(0, a.exitValue(), log("a"));
		assertEquals(0, b.exitValue(), log("b"));

		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			JsonNode users = new SandboxHttp(sandbox).get("/v2/organizations/users").expect(200).json().get("Users");
			Set<String> emails = new HashSet<>();
			users.forEach(user -> emails.add(user.get("Email").asString()));
			for (int i = 0; i < 50; i++) {
				assertTrue(emails.contains("alpha-" + i + "@example.com"), "lost alpha-" + i);
				assertTrue(emails.contains("beta-" + i + "@example.com"), "lost beta-" + i);
			}
			assertEquals(101, users.size(), "one seed, one administrator, 100 invitations");
			assertEquals(16, new SandboxHttp(sandbox).get("/v2/organizations/roles").expect(200).json().size());
		}
	}

	@Test
	void anOpenSandboxDoesNotKeepTheJvmAlive() throws Exception {
		Process process = launch("open", "leave-open");
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not exit: " + log("open"));
		assertEquals(0, process.exitValue(), log("open"));
		assertTrue(log("open").contains("served http://127.0.0.1:"), log("open"));
	}

}
