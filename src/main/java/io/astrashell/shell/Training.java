package io.astrashell.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.astrashell.cli.Globals;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.sandbox.SandboxResources;
import io.astrashell.session.Session;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The workload the launcher runs once per mode to build the JVM's class archive of that mode (AppCDS
 * on JDK 17, the AOT cache on JDK 25): the commands people run most, in every format, against the
 * embedded sandbox in a throw-away astra home, and for the prompt's archive a short prompt session
 * after them. Its output is thrown away.
 */
final class Training {

	static final List<List<String>> COMMANDS = List.of(List.of("org", "--env", "local"),
			List.of("org", "--env", "local", "-o", "json"), List.of("org", "--env", "local", "-o", "csv"),
			List.of("org", "id", "--env", "local"), List.of("org", "name", "--env", "local", "--no-color"),
			List.of("user", "list", "--env", "local"), List.of("user", "list", "--env", "local", "-o", "json"),
			List.of("role", "list", "--env", "local"), List.of("token", "list", "--env", "local", "-o", "csv"),
			List.of("help"), List.of("help", "org"), List.of("org", "--help"), List.of("version"),
			List.of("org", "--token", "AstraCS:bad"), List.of("orgg"), List.of("org", "-o", "xml"),
			List.of("org", "--env", "local", "-v"));

	private Training() {
	}

	/**
	 * Runs {@link #OVER_TLS} against the sandbox served over HTTPS, so that the archive holds what a
	 * command against Astra itself needs (a TLS handshake, the default trust store read, a certificate
	 * chain checked): without it, every user's command loads and links that cold, some 300 classes and
	 * about 90 ms. The sandbox presents the training's chain (RSA 2048, a root, an issuing CA, a leaf for
	 * 127.0.0.1, as public CAs issue them); this JVM trusts what Java trusts plus that root, from a copy
	 * of the default trust store, read as every JVM reads its own.
	 */
	static void overTls(Dispatcher dispatcher, Path home, SandboxResources resources) {
		try (InputStream in = Training.class.getResourceAsStream(TLS_KEYS)) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(in, TLS_PASSWORD);
			KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(keys, TLS_PASSWORD);
			SSLContext serverSide = SSLContext.getInstance("TLS");
			serverSide.init(kmf.getKeyManagers(), null, null);
			Certificate[] chain = keys.getCertificateChain(keys.aliases().nextElement());
			trustAlso(chain[chain.length - 1], home.resolve("training-truststore"));
			try (LocalSandbox sandbox = LocalSandbox.start(home, 0, serverSide, resources)) {
				for (List<String> words : OVER_TLS) {
					List<String> line = new ArrayList<>(words);
					line.addAll(List.of("--env", "local", "--local-endpoint", sandbox.endpoint().toString(), "--token",
							sandbox.adminToken()));
					dispatcher.execute(line);
				}
			}
		}
		catch (IOException | GeneralSecurityException | RuntimeException e) {
			// the archive is then made without TLS: slower to start over HTTPS, no less right
		}
	}

	/** Points this JVM's default trust store at a copy of the JDK's own with {@code root} added. */
	private static void trustAlso(Certificate root, Path copy) throws IOException, GeneralSecurityException {
		Path jdk = Path.of(System.getProperty("java.home"), "lib", "security");
		Path cacerts = Files.exists(jdk.resolve("jssecacerts")) ? jdk.resolve("jssecacerts") : jdk.resolve("cacerts");
		char[] password = "changeit".toCharArray();
		KeyStore trusted = KeyStore.getInstance(cacerts.toFile(), password);
		trusted.setCertificateEntry("astra-shell-training-root", root);
		try (OutputStream out = Files.newOutputStream(copy)) {
			trusted.store(out, password);
		}
		System.setProperty("javax.net.ssl.trustStore", copy.toString());
		System.setProperty("javax.net.ssl.trustStoreType", trusted.getType());
		System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
	}

	/** What runs again over HTTPS: the commands people run most, as they reach Astra. */
	static final List<List<String>> OVER_TLS = List.of(List.of("org", "-o", "json"), List.of("org"),
			List.of("user", "list"), List.of("role", "list", "-o", "csv"), List.of("token", "list", "-o", "json"));

	/** The training's own certificate chain, and its password: a throwaway, trusted by the training JVM alone. */
	private static final String TLS_KEYS = "training-tls.p12";

	private static final char[] TLS_PASSWORD = "training".toCharArray();

	/** Runs the commands, then a prompt session unless {@code prompt} is null (the prompt's archive). */
	static int run(Dispatcher dispatcher, Session session, Prompt prompt) throws IOException {
		for (List<String> words : COMMANDS) {
			dispatcher.execute(words);
		}
		overTls(dispatcher, session.home().ensure(), session.sandboxResources());
		if (prompt == null) {
			return 0;
		}
		session.useDefaults(Globals.NONE.withEnv("local"));
		byte[] keys = "org\norg id -o json\nor\t\nquit\n".getBytes(StandardCharsets.UTF_8);
		try (Terminal terminal = TerminalBuilder.builder()
			.system(false)
			.streams(new ByteArrayInputStream(keys), new ByteArrayOutputStream())
			.type("xterm-256color")
			.size(new Size(120, 40))
			.build()) {
			prompt.run(terminal);
		}
		return 0;
	}

}
