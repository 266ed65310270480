import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The resident session benchmark's stand-in for api.astra.datastax.com: TLS on a loopback port (the
 * PKCS12 key store of bench/tls.sh's chain) in front of the sandbox's plain HTTP port, counting the
 * TLS connections clients open. Keeps connections alive as the sandbox does.
 *   java TlsFront KEYSTORE PORT BACKEND_PORT COUNT_FILE
 * COUNT_FILE holds the number of connections accepted so far.
 */
public class TlsFront {

	public static void main(String[] args) throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
			keys.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		kmf.init(keys, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(kmf.getKeyManagers(), null, null);
		int backend = Integer.parseInt(args[2]);
		Path count = Path.of(args[3]);
		AtomicInteger accepted = new AtomicInteger();
		try (ServerSocket server = tls.getServerSocketFactory()
			.createServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getLoopbackAddress())) {
			Files.writeString(count, "0\n"); // listening
			while (true) {
				Socket client = server.accept();
				Files.writeString(count, accepted.incrementAndGet() + "\n");
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), backend);
				pipe(client, upstream);
				pipe(upstream, client);
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		Thread t = new Thread(() -> {
			try (from; to) {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				byte[] buffer = new byte[16384];
				int n;
				while ((n = in.read(buffer)) > 0) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (Exception e) {
				// one side closed
			}
		});
		t.setDaemon(true);
		t.start();
	}

}
