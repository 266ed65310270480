package io.astrashell.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that answers each connection with a script of its own (a misbehaving server:
 * one that trickles, never ends, never answers...). It counts connections, keeps the request heads it
 * read, and notes when a client closed its connection.
 */
final class RawServer implements AutoCloseable {

	/** What the server does with one connection, after reading the request head. */
	@FunctionalInterface
	interface Script {

		void run(Socket socket, String requestHead) throws Exception;

	}

	private final ServerSocket server;

	private final Script script;

	final AtomicInteger connections = new AtomicInteger();

	final List<String> heads = new CopyOnWriteArrayList<>();

	/** Counted down when a client closed (or reset) a connection the script was writing to or reading from. */
	final CountDownLatch clientClosed = new CountDownLatch(1);

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	RawServer(Script script) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.script = script;
		Thread acceptor = new Thread(this::accept, "raw-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	String url() {
		return "http://127.0.0.1:" + port();
	}

	boolean awaitClientClosed(long seconds) throws InterruptedException {
		return clientClosed.await(seconds, TimeUnit.SECONDS);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				sockets.add(socket);
				connections.incrementAndGet();
				Thread t = new Thread(() -> handle(socket), "raw-server-connection");
				t.setDaemon(true);
				t.start();
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private void handle(Socket socket) {
		try (socket) {
			String head = readHead(socket.getInputStream());
			if (head == null) {
				clientClosed.countDown();
				return;
			}
			heads.add(head);
			script.run(socket, head);
		}
		catch (IOException e) {
			clientClosed.countDown(); // the client went away while we wrote or read
		}
		catch (Exception e) {
			// the script's own failure: the test sees it in what the client got
		}
	}

	/** The request line and headers (and, when a Content-Length is given, the body skipped), or null at EOF. */
	static String readHead(InputStream in) throws IOException {
		String text = readHeadOnly(in);
		if (text != null) {
			for (String line : text.split("\r\n")) {
				if (line.toLowerCase().startsWith("content-length:")) {
					in.readNBytes(Integer.parseInt(line.substring(15).trim()));
				}
			}
		}
		return text;
	}

	/** The request line and headers, up to the blank line, or null at EOF. */
	static String readHeadOnly(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
					? matched + 1 : 0;
			if (matched == 4) {
				return head.toString(StandardCharsets.ISO_8859_1);
			}
		}
		return null;
	}

	/** Blocks until the client closes the connection (read returns -1 or fails), then notes it. */
	void waitForClientClose(Socket socket) {
		try {
			while (socket.getInputStream().read() >= 0) {
				// a client does not send more after its request
			}
		}
		catch (IOException e) {
			// reset: closed too
		}
		clientClosed.countDown();
	}

	@Override
	public void close() throws IOException {
		server.close();
		for (Socket s : sockets) {
			s.close();
		}
	}

}
