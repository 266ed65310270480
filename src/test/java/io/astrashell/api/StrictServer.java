package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 server on 127.0.0.1 as many are written: it keeps connections alive and frames requests
 * by their {@code Content-Length} alone (no chunked bodies). Whatever a client sends that is not a
 * request (the bytes of a body it did not announce) is read as the next request; the server then
 * answers with a line that is not HTTP, as such a server does, and closes the connection. It keeps
 * each request as received, and on which connection.
 */
public final class StrictServer implements AutoCloseable {

	/** A request as received: its connection (from 1), its head, and its body (by Content-Length). */
	public record Request(int connection, String head, String body) {

		public String line() {
			return head.substring(0, head.indexOf("\r\n"));
		}

		/** The value of a header (any case), or null. */
		public String header(String name) {
			for (String l : head.split("\r\n")) {
				if (l.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
					return l.substring(name.length() + 1).trim();
				}
			}
			return null;
		}

	}

	/** An answer: status, body (JSON when not empty). */
	public record Answer(int status, String body) {
	}

	private static final Pattern REQUEST_LINE = Pattern.compile("^[A-Z]+ /\\S* HTTP/1\\.1$");

	private final ServerSocket server;

	private final Function<Request, Answer> answers;

	public final AtomicInteger connections = new AtomicInteger();

	/** Every request received, in order. */
	public final List<Request> requests = new CopyOnWriteArrayList<>();

	/** What was received where a request line was due and none was there. */
	public final List<String> garbage = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	public StrictServer(Function<Request, Answer> answers) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.answers = answers;
		Thread acceptor = new Thread(this::accept, "strict-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public String url() {
		return "http://127.0.0.1:" + server.getLocalPort();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				sockets.add(socket);
				int n = connections.incrementAndGet();
				Thread t = new Thread(() -> serve(socket, n), "strict-server-connection");
				t.setDaemon(true);
				t.start();
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private void serve(Socket socket, int connection) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			while (true) {
				String head = RawServer.readHeadOnly(in);
				if (head == null) {
					return;
				}
				String line = head.substring(0, head.indexOf("\r\n"));
				if (!REQUEST_LINE.matcher(line).matches()) {
					garbage.add(head);
					out.write(("400 " + line + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					return;
				}
				Request request = new Request(connection, head, "");
				String length = request.header("Content-Length");
				byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
				request = new Request(connection, head, new String(body, StandardCharsets.UTF_8));
				requests.add(request);
				Answer answer = answers.apply(request);
				byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
				out.write(("HTTP/1.1 " + answer.status() + " " + (answer.status() < 300 ? "OK" : "Error") + "\r\n"
						+ (bytes.length > 0 ? "Content-Type: application/json\r\n" : "") + "Content-Length: "
						+ bytes.length + "\r\nKeep-Alive: timeout=30\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.write(bytes);
				out.flush();
			}
		}
		catch (IOException | RuntimeException e) {
			// the client went away
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		for (Socket s : sockets) {
			s.close();
		}
	}

}
