package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS on 127.0.0.1 with a throwaway certificate, made once per test JVM with the JDK's keytool, for
 * the host names {@code api.astra.test} and {@code 127.0.0.1}: a TLS front for a plain server (it
 * decrypts and passes the bytes on), a trust store that trusts it, and a client socket factory that
 * does. Java's default trust store does not trust it.
 */
public final class LoopbackTls implements AutoCloseable {

	public static final String HOST = "api.astra.test";

	public static final String PASSWORD = "changeit";

	private static Path directory;

	private final SSLServerSocket server;

	private final int backendPort;

	private final List<Socket> sockets = new ArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	/** Serves TLS on a free loopback port, passing each connection's bytes to 127.0.0.1:backendPort. */
	public LoopbackTls(int backendPort) throws Exception {
		this.backendPort = backendPort;
		this.server = (SSLServerSocket) serverContext().getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tls-front");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** How many TLS connections clients opened to this front so far. */
	public int connections() {
		return accepted.get();
	}

	public int port() {
		return server.getLocalPort();
	}

	/** The PKCS12 trust store holding the certificate (password {@link #PASSWORD}). */
	public static synchronized Path trustStore() throws Exception {
		return files().resolve("trust.p12");
	}

	/** A client socket factory trusting the certificate (and nothing else). */
	public static SSLSocketFactory trustingClient() throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(trustStore())) {
			trust.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, tmf.getTrustManagers(), null);
		return context.getSocketFactory();
	}

	private static SSLContext serverContext() throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(files().resolve("server.p12"))) {
			keys.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		kmf.init(keys, PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(kmf.getKeyManagers(), null, null);
		return context;
	}

	private static synchronized Path files() throws Exception {
		if (directory == null) {
			Path dir = Files.createTempDirectory("loopback-tls");
			dir.toFile().deleteOnExit();
			keytool("-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=" + HOST, "-ext", "SAN=dns:" + HOST + ",ip:127.0.0.1", "-validity", "3", "-keystore",
					dir.resolve("server.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass",
					PASSWORD);
			keytool("-exportcert", "-alias", "api", "-keystore", dir.resolve("server.p12").toString(), "-storepass",
					PASSWORD, "-file", dir.resolve("api.cer").toString());
			keytool("-importcert", "-noprompt", "-alias", "api", "-file", dir.resolve("api.cer").toString(),
					"-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
			directory = dir;
		}
		return directory;
	}

	private static void keytool(String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes());
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + output);
		}
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				accepted.incrementAndGet();
				Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
				synchronized (sockets) {
					sockets.add(client);
					sockets.add(backend);
				}
				LoopbackProxy.pipe(client, backend);
			}
			catch (IOException e) {
				if (server.isClosed()) {
					return;
				}
			}
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		synchronized (sockets) {
			for (Socket s : sockets) {
				s.close();
			}
		}
	}

}
