package io.astrashell.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun;
import io.astrashell.AstraShellApplication;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell's connection handling as a user meets it, the real shell run in-process (one in a JVM of
 * its own): limits of a request set in application.yml, passwords in URLs masked everywhere, endpoints
 * checked before any request, plain words for a busy port, an untrusted certificate and a redirect,
 * and a proxy with credentials in front of an https endpoint.
 */
class NetworkCliTest {

	static final String TOKEN = DevOpsClientTest.TOKEN;

	@TempDir
	Path dir;

	AstraRun astra;

	final List<AutoCloseable> closing = new ArrayList<>();

	@BeforeEach
	void setUp() {
		astra = new AstraRun(dir);
	}

	@AfterEach
	void tearDown() throws Exception {
		for (AutoCloseable c : closing) {
			c.close();
		}
	}

	<T extends AutoCloseable> T closing(T c) {
		closing.add(c);
		return c;
	}

	static int freePort() throws Exception {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	/** One [ERROR] line on stderr and nothing else: no stack trace, no Java class name. */
	static void oneErrorLine(AstraRun.Result r) {
		assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
		assertThat(r.err()).as(r.toString()).startsWith("[ERROR] ").doesNotContain("Exception").doesNotContain("java.");
	}

	// ---- deadline and size limit, from application.yml (here through its variables)

	@Test
	void aTricklingServerIsCutAtTheDeadlineOfTheSettings() throws Exception {
		String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n"
				+ "{\"OrgID\":\"o1\",\"OrgName\":\"Slow Org\",\"Users\":[]}            ";
		RawServer server = closing(new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			for (byte b : answer.getBytes(StandardCharsets.ISO_8859_1)) {
				out.write(b);
				out.flush();
				Thread.sleep(500);
			}
		}));
		long start = System.nanoTime();
		AstraRun.Result r = astra.env("ASTRA_HTTP_READ_TIMEOUT", "1s").env("ASTRA_HTTP_DEADLINE", "3s")
			.run("org", "--env", "local", "--local-endpoint", server.url(), "--token", TOKEN);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		oneErrorLine(r);
		assertThat(r.err()).contains("did not answer in full in time to read the organization: no complete answer "
				+ "within 3 s (astra.http.deadline)").doesNotContain("sandbox running");
		assertThat(server.awaitClientClosed(5)).isTrue();
	}

	@Test
	void anEndlessAnswerStopsAtTheSizeLimitOfTheSettings() throws Exception {
		RawServer server = closing(new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
				.getBytes(StandardCharsets.ISO_8859_1));
			byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
			while (true) {
				out.write(chunk);
			}
		}));
		AstraRun.Result r = astra.env("ASTRA_HTTP_MAX_RESPONSE_SIZE", "1MB")
			.run("user", "list", "--env", "local", "--local-endpoint", server.url(), "--token", TOKEN);
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		oneErrorLine(r);
		assertThat(r.err()).contains("the answer is larger than 1 MiB (astra.http.max-response-size)");
		assertThat(server.awaitClientClosed(5)).isTrue();
	}

	@Test
	void wrongLimitsInTheSettingsAreConfigurationErrors() {
		AstraRun.Result r = astra.env("ASTRA_HTTP_DEADLINE", "0s").run("org", "--env", "local");
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.err()).contains("'astra.http.deadline' must be longer than zero");
		r = new AstraRun(dir).env("ASTRA_HTTP_MAX_RESPONSE_SIZE", "lots").run("org", "--env", "local");
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.err()).contains("'astra.http.max-response-size' is not a size such as 32MB or 512KB: lots");
	}

	// ---- a password in a URL is masked everywhere

	@Test
	void aPasswordInTheEndpointIsMaskedInErrorsVerboseLinesAndJson() throws Exception {
		String endpoint = "http://admin:s3cret-pw@127.0.0.1:" + freePort();
		AstraRun.Result r = astra.run("org", "--env", "local", "--local-endpoint", endpoint, "--token", TOKEN, "-v");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		assertThat(r.err()).contains("http://admin:****@127.0.0.1:").contains("[DEBUG]");
		assertThat(r.out() + r.err()).doesNotContain("s3cret");
		r = astra.run("org", "--env", "local", "--local-endpoint", endpoint, "--token", TOKEN, "-o", "json");
		assertThat(r.out()).contains("admin:****@");
		assertThat(r.out() + r.err()).doesNotContain("s3cret");
		r = astra.env(Session.ENDPOINT_VARIABLE, "http://admin:s3cret-pw@127.0.0.1:1/?q=1")
			.run("org", "--env", "local", "--token", TOKEN);
		assertThat(r.exitCode()).isEqualTo(13);
		assertThat(r.err()).contains("from the ASTRA_LOCAL_ENDPOINT variable").doesNotContain("s3cret");
	}

	@Test
	void aPasswordInAProfilesEndpointIsMaskedByConfigGet() throws Exception {
		AstraRun.Result r = astra.run("config", "create", "dev", "--token", TOKEN, "--env", "local",
				"--local-endpoint", "http://admin:s3cret-pw@127.0.0.1:1", "--no-validate");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(Files.readString(astra.configFile())).as("the file keeps it: it is used")
			.contains("http://admin:s3cret-pw@127.0.0.1:1");
		for (String[] args : List.of(new String[] { "config", "get", "dev" },
				new String[] { "config", "get", "dev", "-o", "json" },
				new String[] { "config", "get", "dev", "-k", "ASTRA_LOCAL_ENDPOINT" },
				new String[] { "config", "list" })) {
			r = astra.run(args);
			assertThat(r.exitCode()).as(r.toString()).isZero();
			assertThat(r.out() + r.err()).as(String.join(" ", args)).doesNotContain("s3cret");
		}
		assertThat(astra.run("config", "get", "dev", "-k", "ASTRA_LOCAL_ENDPOINT").out().strip())
			.isEqualTo("http://admin:****@127.0.0.1:1");
	}

	@Test
	void aPasswordInTheProxyIsMaskedAndABadProxyIsAConfigurationError() throws Exception {
		int port = freePort();
		AstraRun.Result r = astra.env("HTTPS_PROXY", "http://bob:hunter2@127.0.0.1:" + port)
			.run("org", "--env", "local", "--local-endpoint", "https://" + LoopbackTls.HOST + ":8443", "--token",
					TOKEN, "-v");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		assertThat(r.err()).contains("connection refused by the proxy http://bob:****@127.0.0.1:" + port
				+ " (HTTPS_PROXY)").contains("Check the proxy variables").doesNotContain("sandbox running");
		assertThat(r.out() + r.err()).doesNotContain("hunter2");

		r = new AstraRun(dir).env("https_proxy", "socks5://bob:hunter2@127.0.0.1:1080")
			.run("org", "--env", "local", "--local-endpoint", "https://" + LoopbackTls.HOST + ":8443", "--token", TOKEN);
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
		oneErrorLine(r);
		assertThat(r.err()).contains("The proxy in https_proxy cannot be used").doesNotContain("hunter2");
	}

	// ---- endpoints checked before any request

	@Test
	void endpointsAreCheckedBeforeAnyRequest() throws Exception {
		AstraRun.Result r = astra.run("org", "--env", "local", "--local-endpoint", "http://127.0.0.1:8181/?a=b",
				"--token", TOKEN);
		assertThat(r.exitCode()).isEqualTo(13);
		oneErrorLine(r);
		assertThat(r.err()).contains("it has a query string ('?a=b')");

		r = astra.run("org", "--env", "local", "--local-endpoint", "http://127.0.0.1:99999", "--token", TOKEN);
		assertThat(r.exitCode()).isEqualTo(13);
		oneErrorLine(r);
		assertThat(r.err()).contains("the port 99999 is out of range (1 to 65535)");

		r = astra.run("config", "create", "q", "--token", TOKEN, "--env", "local", "--local-endpoint",
				"http://127.0.0.1:1/x?y", "--no-validate");
		assertThat(r.exitCode()).isEqualTo(13);
		assertThat(astra.configFile()).doesNotExist();
	}

	@Test
	void anUpperCaseSchemeIsAccepted() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(astra.home(), 0)) {
			AstraRun.Result r = astra.run("org", "name", "--env", "local", "--local-endpoint",
					"HTTP://127.0.0.1:" + sandbox.endpoint().getPort() + "/", "--token", sandbox.adminToken());
			assertThat(r.exitCode()).as(r.toString()).isZero();
			assertThat(r.out().strip()).isEqualTo(sandbox.organizationName());
		}
	}

	@Test
	void aRedirectToAnotherOriginIsReported() throws Exception {
		RawServer elsewhere = closing(new RawServer((socket, head) -> socket.getOutputStream()
			.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1))));
		RawServer server = closing(new RawServer((socket, head) -> socket.getOutputStream()
			.write(("HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:" + elsewhere.port()
					+ "/v2/organizations/users\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1))));
		AstraRun.Result r = astra.run("user", "list", "--env", "local", "--local-endpoint", server.url(), "--token",
				TOKEN);
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		oneErrorLine(r);
		assertThat(r.err()).contains("the server redirected (HTTP 301) to http://127.0.0.1:" + elsewhere.port()
				+ "/v2/organizations/users, another origin than " + server.url() + ": not followed");
		assertThat(elsewhere.connections.get()).isZero();
	}

	// ---- plain words

	@Test
	void aBusyPortForSandboxServeIsSaidPlainly() throws Exception {
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			AstraRun.Result r = astra.run("sandbox", "serve", "--port", String.valueOf(busy.getLocalPort()));
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(13);
			oneErrorLine(r);
			assertThat(r.err()).contains("Cannot serve the sandbox: port " + busy.getLocalPort() + " of 127.0.0.1 is "
					+ "already in use").contains("Choose another --port").doesNotContain("Bind");
		}
	}

	@Test
	void aBusyPortForTheEmbeddedSandboxNamesItsSetting() throws Exception {
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			AstraRun.Result r = astra.env("ASTRA_SANDBOX_PORT", String.valueOf(busy.getLocalPort())).run("org", "--env",
					"local");
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
			oneErrorLine(r);
			assertThat(r.err()).contains("port " + busy.getLocalPort() + " of 127.0.0.1 is already in use")
				.contains("astra.sandbox.port");
		}
	}

	@Test
	void anUntrustedCertificateIsSaidPlainlyWithoutTheSandboxHint() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(astra.home(), 0);
				LoopbackTls tls = new LoopbackTls(sandbox.endpoint().getPort())) {
			AstraRun.Result r = astra.run("org", "--env", "local", "--local-endpoint", "https://127.0.0.1:" + tls.port(),
					"--token", sandbox.adminToken());
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
			oneErrorLine(r);
			assertThat(r.err()).contains("the server's certificate is not trusted: no authority this Java trusts "
					+ "vouches for it").contains("javax.net.ssl.trustStore").doesNotContain("sandbox running")
				.doesNotContain("PKIX").doesNotContain("SSLHandshake");
		}
	}

	@Test
	void httpsToAPlainHttpServerIsSaidPlainly() throws Exception {
		ServerSocket plain = closing(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
		Thread server = new Thread(() -> {
			while (!plain.isClosed()) {
				try (Socket s = plain.accept()) {
					s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
						.getBytes(StandardCharsets.ISO_8859_1));
					s.getInputStream().read(new byte[512]);
				}
				catch (IOException e) {
					// next
				}
			}
		});
		server.setDaemon(true);
		server.start();
		AstraRun.Result r = astra.run("org", "--env", "local", "--local-endpoint", "https://127.0.0.1:" + plain.getLocalPort(),
				"--token", TOKEN);
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		oneErrorLine(r);
		assertThat(r.err()).contains("the server does not speak TLS at this address (an http:// URL given as https://?)");
	}

	@Test
	void aRemoteEndpointThatCannotBeReachedGetsNoSandboxHint() throws Exception {
		LoopbackProxy proxy = closing(new LoopbackProxy());
		// the proxy finds nothing listening behind api.astra.test:PORT
		AstraRun.Result r = astra.env("HTTP_PROXY", "127.0.0.1:" + proxy.port())
			.run("org", "--env", "local", "--local-endpoint", "http://" + LoopbackTls.HOST + ":" + freePort(), "--token",
					TOKEN);
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(100);
		oneErrorLine(r);
		assertThat(r.err()).contains("Cannot reach the Astra DevOps API at http://api.astra.test:")
			.contains("Check the URL given with --local-endpoint").doesNotContain("sandbox running");
		assertThat(proxy.forwarded).isNotEmpty();
	}

	// ---- a proxy with credentials in front of an https endpoint, the shell in a JVM of its own

	@Test
	void httpsThroughAnAuthenticatingConnectProxyInAShellOfItsOwn() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(astra.home(), 0);
				LoopbackTls tls = new LoopbackTls(sandbox.endpoint().getPort());
				LoopbackProxy proxy = new LoopbackProxy("alice", "s3cret:pw")) {
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"),
					"-Djavax.net.ssl.trustStore=" + LoopbackTls.trustStore(),
					"-Djavax.net.ssl.trustStorePassword=" + LoopbackTls.PASSWORD, "-Dastra.stdin.tty=false",
					AstraShellApplication.class.getName(), "org", "-o", "json", "-v", "--env", "local",
					"--local-endpoint", "https://" + LoopbackTls.HOST + ":" + tls.port(), "--token", sandbox.adminToken()));
			ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
			Map<String, String> env = pb.environment();
			env.keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
			env.put("HOME", dir.toString());
			env.put("ASTRA_HOME", astra.home().toString());
			env.put("ASTRARC", astra.configFile().toString());
			env.put("HTTPS_PROXY", "http://alice:s3cret%3Apw@127.0.0.1:" + proxy.port());
			Process p = pb.start();
			String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(p.exitValue()).as(output).isZero();
			assertThat(output).contains("\"name\" : \"" + sandbox.organizationName() + "\"")
				.contains("through the proxy http://alice:****@127.0.0.1:" + proxy.port() + " (HTTPS_PROXY)")
				.doesNotContain("s3cret");
			assertThat(proxy.tunnels).containsExactly(LoopbackTls.HOST + ":" + tls.port());
			assertThat(proxy.authorizations).contains("Basic " + Base64.getEncoder()
				.encodeToString("alice:s3cret:pw".getBytes(StandardCharsets.UTF_8)));
		}
	}

}
