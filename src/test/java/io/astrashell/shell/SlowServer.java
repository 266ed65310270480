package io.astrashell.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DevOps API on 127.0.0.1 that reads each request and then holds it, answering nothing until
 * {@link #release(String)}: then it sends that body with 200 (or, given null, closes the connection).
 * A raw socket, for the one fault neither the sandbox nor MockWebServer shows plainly: a request in
 * flight when Ctrl-C comes.
 */
final class SlowServer implements AutoCloseable {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0123456789abcdef".repeat(4);

	private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));

	private final List<String> requests = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger answered = new AtomicInteger();

	private volatile String answer;

	SlowServer() throws IOException {
		Thread acceptor = new Thread(this::accept, "slow-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + server.getLocalPort();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket s = server.accept();
				Thread t = new Thread(() -> hold(s), "slow-server-connection");
				t.setDaemon(true);
				t.start();
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private void hold(Socket s) {
		try (s) {
			String requestLine = readRequest(s.getInputStream());
			synchronized (requests) {
				requests.add(requestLine);
				requests.notifyAll();
			}
			release.await();
			String body = answer;
			if (body != null) {
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
						+ bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				s.getOutputStream().write(bytes);
				s.getOutputStream().flush();
			}
		}
		catch (IOException | InterruptedException e) {
			// the client went away first: nothing to answer
		}
		finally {
			answered.incrementAndGet();
		}
	}

	/** The request line; the headers and a body of Content-Length bytes are read and dropped. */
	private static String readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			byte[] h = head.toByteArray();
			int n = h.length;
			if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
				break;
			}
		}
		String text = head.toString(StandardCharsets.US_ASCII);
		for (String line : text.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				in.readNBytes(Integer.parseInt(line.substring(15).trim()));
			}
		}
		return text.split("\r\n", 2)[0];
	}

	/** Waits until a request whose line starts with {@code prefix} (e.g. "GET /v2/organizations/users") came in. */
	void awaitRequest(String prefix) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		synchronized (requests) {
			while (requests.stream().noneMatch(r -> r.startsWith(prefix))) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					throw new AssertionError("no request '" + prefix + "' came; requests: " + requests);
				}
				requests.wait(left);
			}
		}
	}

	int requestCount() {
		synchronized (requests) {
			return requests.size();
		}
	}

	/** Answers every request held, and those to come, with {@code body} (null: closes the connections). */
	void release(String body) {
		this.answer = body;
		release.countDown();
	}

	/** Waits until {@code n} connections have been answered or closed. */
	void awaitAnswered(int n) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (answered.get() < n) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("only " + answered.get() + " of " + n + " connections were answered");
			}
			Thread.sleep(10);
		}
	}

	@Override
	public void close() throws IOException {
		release.countDown();
		server.close();
	}

}
