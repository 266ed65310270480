package io.astrashell.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun;
import io.astrashell.AstraShellApplication;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy credentials that the proxy refuses are sent once, then never again by the shell: a corporate
 * proxy locks an account after a few failures, while the JDK alone would send them up to 20 times a
 * request (it asks its authenticator again after every 407 of a CONNECT). The error is one line naming
 * the proxy, its password masked, and is a configuration error (exit 9).
 */
class ProxyCredentialsTest {

	static final String TOKEN = DevOpsClientTest.TOKEN;

	@TempDir
	Path dir;

	/** The shell in a JVM of its own: the JDK reads its tunnelling settings once, at its first request. */
	record Run(int exitCode, String out, String err) {
	}

	Run shellOfItsOwn(Map<String, String> variables, String stdin, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "-Dastra.stdin.tty=false",
				AstraShellApplication.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command);
		Map<String, String> env = pb.environment();
		env.keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
		env.put("HOME", dir.toString());
		env.put("ASTRA_HOME", dir.resolve("astra-home").toString());
		env.put("ASTRARC", dir.resolve("astrarc").toString());
		env.putAll(variables);
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
		p.getOutputStream().close();
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		// the test class path has no SLF4J provider, which SLF4J says on stderr: not the shell's output
		String errors = Files.readString(err).lines().filter(l -> !l.startsWith("SLF4J(")).map(l -> l + "\n")
			.reduce("", String::concat);
		return new Run(p.exitValue(), Files.readString(out), errors);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void refusedCredentialsForAConnectTunnelAreSentOnceAndTheErrorNamesTheProxy() throws Exception {
		try (LoopbackProxy proxy = new LoopbackProxy("alice", "right")) {
			String endpoint = "https://" + LoopbackTls.HOST + ":8443";
			Run r = shellOfItsOwn(Map.of("HTTPS_PROXY", "http://alice:wr0ng-pw@127.0.0.1:" + proxy.port()), "", "role",
					"list", "--env", "local", "--local-endpoint", endpoint, "--token", TOKEN);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
			assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
			assertThat(r.err()).startsWith("[ERROR] Cannot reach the Astra DevOps API at " + endpoint + " to list the roles: "
					+ "the proxy http://alice:****@127.0.0.1:" + proxy.port() + " (HTTPS_PROXY) did not connect to the "
					+ "server: it answered HTTP/1.1 407 Proxy Authentication Required: it refused the user and password "
					+ "given in HTTPS_PROXY (they were sent once")
				.doesNotContain("wr0ng").doesNotContain("Exception");
			assertThat(proxy.authorizations).as("CONNECTs with credentials").containsExactly(basic("alice", "wr0ng-pw"));
		}
	}

	@Test
	void aScriptAfterARefusalSendsThemNoMore() throws Exception {
		try (LoopbackProxy proxy = new LoopbackProxy("alice", "right")) {
			String endpoint = "https://" + LoopbackTls.HOST + ":8443";
			Run r = shellOfItsOwn(Map.of("https_proxy", "http://alice:wr0ng-pw@127.0.0.1:" + proxy.port()),
					"role list\nuser list\ntoken list\n", "script", "-", "--continue-on-error", "--env", "local",
					"--local-endpoint", endpoint, "--token", TOKEN);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
			assertThat(r.err()).contains("it refused the user and password given in https_proxy")
				.contains("to list the users: the proxy http://alice:****@127.0.0.1:" + proxy.port() + " (https_proxy) "
						+ "refused the user and password given in https_proxy earlier in this session; they are not sent "
						+ "again")
				.doesNotContain("wr0ng");
			assertThat(proxy.authorizations).as("CONNECTs with credentials, for three commands").hasSize(1);
			assertThat(proxy.connections.get()).as("the later commands do not reach the proxy").isLessThanOrEqualTo(2);
		}
	}

	/**
	 * A refusal is the run's: the next run in the same JVM (a call a resident session serves) sends the
	 * credentials once again and says the same, as a new process does.
	 */
	@Test
	void theNextRunInTheSameJvmSendsThemOnceAgainAsANewProcessDoes() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sandbox"), 0);
				LoopbackProxy proxy = new LoopbackProxy("alice", "right")) {
			String endpoint = "http://" + LoopbackTls.HOST + ":" + sandbox.endpoint().getPort();
			AstraRun astra = new AstraRun(dir).env("HTTP_PROXY", "http://alice:wr0ng-pw@127.0.0.1:" + proxy.port());
			AstraRun.Result first = astra.run("role", "list", "--env", "local", "--local-endpoint", endpoint, "--token",
					sandbox.adminToken());
			AstraRun.Result second = astra.run("role", "list", "--env", "local", "--local-endpoint", endpoint, "--token",
					sandbox.adminToken());
			assertThat(first.exitCode()).as(first.toString()).isEqualTo(9);
			assertThat(second.toString()).isEqualTo(first.toString());
			assertThat(proxy.authorizations).as("one run, one try").hasSize(2);
		}
	}

	@Test
	void refusedCredentialsForPlainHttpAreSentOnceForAGetAndForAPost() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(dir.resolve("sandbox"), 0)) {
			String endpoint = "http://" + LoopbackTls.HOST + ":" + sandbox.endpoint().getPort();
			for (List<String> command : List.of(List.of("role", "list"),
					List.of("role", "create", "R", "-a", "org-read", "-R", "drn:astra:org:o1"))) {
				try (LoopbackProxy proxy = new LoopbackProxy("alice", "right")) {
					List<String> args = new ArrayList<>(command);
					args.addAll(List.of("--env", "local", "--local-endpoint", endpoint, "--token", sandbox.adminToken()));
					AstraRun.Result r = new AstraRun(dir).env("HTTP_PROXY", "http://alice:wr0ng-pw@127.0.0.1:" + proxy.port())
						.run(args.toArray(String[]::new));
					assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
					assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
					assertThat(r.err()).contains("the proxy http://alice:****@127.0.0.1:" + proxy.port() + " (HTTP_PROXY) "
							+ "answered 407 Proxy Authentication Required: it refused the user and password given in "
							+ "HTTP_PROXY (they were sent once")
						.doesNotContain("wr0ng");
					assertThat(proxy.authorizations).as(String.join(" ", command)).containsExactly(basic("alice", "wr0ng-pw"));
				}
			}
		}
	}

	@Test
	void aProxyAskingForCredentialsNoneGivenIsAConfigurationError() throws Exception {
		try (LoopbackProxy proxy = new LoopbackProxy("alice", "right")) {
			AstraRun.Result r = new AstraRun(dir).env("HTTP_PROXY", "http://127.0.0.1:" + proxy.port())
				.run("role", "list", "--env", "local", "--local-endpoint", "http://" + LoopbackTls.HOST + ":1", "--token",
						TOKEN);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
			assertThat(r.err()).contains("it asks for a user and password; give them in HTTP_PROXY");
			assertThat(proxy.refused.get()).isEqualTo(1);
		}
	}

}
