package io.astrashell.launcher;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One-shot commands over HTTPS, as users reach Astra, through {@code ./astra}: against a loopback TLS
 * server (openssl s_server) whose certificate the JVM is given to trust. The handshake offers x25519
 * alone (on a JDK that can choose the groups of a connection), a server without x25519 still answers
 * (the client offers the JDK's default groups again), and the one-shot class archive holds the TLS
 * classes, because its training run made a handshake.
 */
class HttpsIT {

	private static final String TOKEN = "AstraCS:abcdefghijklmnopqrstuvwx:" + "0".repeat(64);

	@TempDir
	Path dir;

	private final List<Process> servers = new ArrayList<>();

	private String trustOptions;

	record Run(int exit, String out, String err) {

		@Override
		public String toString() {
			return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}

	}

	@BeforeEach
	void certificateAndTrustStore() throws Exception {
		assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "openssl"))),
				"openssl is not installed (.ci/run installs it)");
		run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", "key.pem",
				"-out", "cert.pem", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"));
		Path keytool = Path.of(launcherJava()).getParent().resolve("keytool");
		run(List.of(keytool.toString(), "-importcert", "-noprompt", "-keystore", "trust.p12", "-storetype", "PKCS12",
				"-storepass", "changeit", "-alias", "test", "-file", "cert.pem"));
		trustOptions = "-Djavax.net.ssl.trustStore=" + dir.resolve("trust.p12")
				+ " -Djavax.net.ssl.trustStorePassword=changeit";
		Path listing = Files.createDirectories(dir.resolve("www/v2/organizations")).resolve("users");
		Files.writeString(listing, "{\"OrgID\":\"o-1\",\"OrgName\":\"TLS Org\",\"Users\":[]}");
	}

	@AfterEach
	void stopServers() {
		servers.forEach(Process::destroy);
	}

	@Test
	void aServerWithoutX25519IsAskedAgainWithTheDefaultGroups() throws Exception {
		int port = serve("-groups", "P-256");
		Run r = astra("org", "name", "-v", "--env", "local", "--local-endpoint", "https://127.0.0.1:" + port, "--token",
				TOKEN);
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo("TLS Org\n");
		if (javaFeature() >= 20) {
			assertThat(r.err()).contains("the server does not offer x25519: again with the JDK's default key exchange groups");
		}
	}

	@Test
	void theHandshakeOffersX25519Alone() throws Exception {
		assumeTrue(javaFeature() >= 20, "JDK 17 to 19 cannot choose the groups of one connection: the defaults stay");
		Path trace = dir.resolve("trace.txt");
		int port = serveTracing(trace);
		Run r = astra("org", "-o", "json", "--env", "local", "--local-endpoint", "https://127.0.0.1:" + port, "--token",
				TOKEN);
		assertThat(r.exit()).as(r.toString()).isZero();
		assertThat(r.out()).contains("\"name\" : \"TLS Org\"");
		String hello = Files.readString(trace);
		int groups = hello.indexOf("extension_type=supported_groups");
		assertThat(groups).as(hello).isPositive();
		String offered = hello.substring(groups, hello.indexOf("extension_type=", groups + 10));
		assertThat(offered).contains("ecdh_x25519").doesNotContain("secp256r1").doesNotContain("ffdhe");
	}

	@Test
	void theOneShotArchiveHoldsTheTlsClasses() throws Exception {
		int port = serve();
		Path log = dir.resolve("classes.txt");
		Run r = astra(List.of("-Xlog:class+load:file=" + log), "org", "id", "--env", "local", "--local-endpoint",
				"https://127.0.0.1:" + port, "--token", TOKEN);
		assertThat(r.exit()).as(r.toString()).isZero();
		List<String> tls = Files.readAllLines(log).stream().filter(l -> l.contains(" sun.security.ssl.SSLSocketImpl ")).toList();
		assertThat(tls).as("SSLSocketImpl loaded").hasSize(1);
		assertThat(tls.get(0)).as("from the archive").contains("shared objects file");
	}

	private Run astra(String... args) throws IOException, InterruptedException {
		return astra(List.of(), args);
	}

	private Run astra(List<String> javaOptions, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of("astra").toAbsolutePath().toString());
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().put("HOME", dir.toString());
		pb.environment().put("ASTRA_HOME", dir.resolve("astra-home").toString());
		pb.environment().put("ASTRARC", dir.resolve("astrarc").toString());
		pb.environment().put("ASTRA_JAVA_OPTS", trustOptions + " " + String.join(" ", javaOptions));
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
		Process p = pb.start();
		assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	/** openssl s_server on a free loopback port, serving the files of www/; returns the port. */
	private int serve(String... options) throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-quiet", "-accept", "127.0.0.1:" + port,
				"-cert", "../cert.pem", "-key", "../key.pem", "-WWW"));
		command.addAll(List.of(options));
		start(command, dir.resolve("s_server.txt"));
		return awaitListening(port);
	}

	/** As {@link #serve}, printing every handshake message it receives into {@code trace}. */
	private int serveTracing(Path trace) throws Exception {
		int port = freePort();
		start(List.of("openssl", "s_server", "-trace", "-accept", "127.0.0.1:" + port, "-cert", "../cert.pem", "-key",
				"../key.pem", "-WWW"), trace);
		return awaitListening(port);
	}

	private void start(List<String> command, Path output) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(command).directory(dir.resolve("www").toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(new File("/dev/null"));
		servers.add(pb.start());
	}

	private static int awaitListening(int port) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			try (Socket s = new Socket("127.0.0.1", port)) {
				return port;
			}
			catch (IOException e) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("openssl s_server did not start on port " + port);
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private void run(List<String> command) throws Exception {
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
			.redirectOutput(dir.resolve("setup.txt").toFile()).start();
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(Files.readString(dir.resolve("setup.txt"))).isZero();
	}

	/** The java binary the launcher picks. */
	private static String launcherJava() throws Exception {
		ProcessBuilder pb = new ProcessBuilder(Path.of("astra").toAbsolutePath().toString());
		pb.environment().put("ASTRA_PRINT_JAVA", "1");
		Process p = pb.start();
		String java = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		p.waitFor(30, TimeUnit.SECONDS);
		return java;
	}

	/** The feature version (17, 25...) of the JDK the launcher picks. */
	private static int javaFeature() throws Exception {
		Process p = new ProcessBuilder(launcherJava(), "-version").redirectErrorStream(true).start();
		String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor(30, TimeUnit.SECONDS);
		Matcher m = Pattern.compile("version \"(\\d+)").matcher(version);
		return m.find() ? Integer.parseInt(m.group(1)) : 0;
	}

}
