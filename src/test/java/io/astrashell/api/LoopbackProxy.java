package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1, as a corporate network has: {@code CONNECT host:port} opens a tunnel
 * (for https), and a request with an absolute URI ({@code GET http://host:port/path}) is forwarded
 * (for plain http). Whatever host is asked for, it connects to 127.0.0.1 on the port asked: the
 * tests name made-up hosts ({@code api.astra.test}) that only this proxy "resolves", so nothing leaves
 * the machine. Optionally it asks for Basic credentials (407 until given). It counts what it did.
 */
public final class LoopbackProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String credentials;

	/** Connections accepted. */
	public final AtomicInteger connections = new AtomicInteger();

	/** {@code CONNECT host:port} targets tunnelled, in order. */
	public final List<String> tunnels = new CopyOnWriteArrayList<>();

	/** Absolute URIs forwarded, in order. */
	public final List<String> forwarded = new CopyOnWriteArrayList<>();

	/** Requests refused with 407 (no or wrong credentials). */
	public final AtomicInteger refused = new AtomicInteger();

	/** The Proxy-Authorization headers received, in order. */
	public final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/** A proxy asking for no credentials. */
	public LoopbackProxy() throws IOException {
		this(null, null);
	}

	/** A proxy asking for these Basic credentials (none when user is null). */
	public LoopbackProxy(String user, String password) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.credentials = user == null ? null
				: "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		Thread acceptor = new Thread(this::accept, "loopback-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return server.getLocalPort();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				sockets.add(client);
				connections.incrementAndGet();
				Thread t = new Thread(() -> handle(client), "loopback-proxy-connection");
				t.setDaemon(true);
				t.start();
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private void handle(Socket client) {
		try {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			String head = RawServer.readHeadOnly(in);
			if (head == null) {
				client.close();
				return;
			}
			String[] lines = head.split("\r\n");
			String[] request = lines[0].split(" ");
			String auth = header(lines, "Proxy-Authorization");
			if (auth != null) {
				authorizations.add(auth);
			}
			if (credentials != null && !credentials.equals(auth)) {
				refused.incrementAndGet();
				out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
						+ "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				client.close();
				return;
			}
			if (request[0].equals("CONNECT")) {
				String target = request[1];
				int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
				Socket backend = new Socket(InetAddress.getLoopbackAddress(), port);
				sockets.add(backend);
				tunnels.add(target);
				out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				pipe(client, backend);
				return;
			}
			// GET http://host:port/path HTTP/1.1: forward to 127.0.0.1:port, in origin form, one request
			URI uri = URI.create(request[1]);
			forwarded.add(request[1]);
			Socket backend = new Socket(InetAddress.getLoopbackAddress(), uri.getPort() < 0 ? 80 : uri.getPort());
			sockets.add(backend);
			StringBuilder forward = new StringBuilder(request[0] + " " + uri.getRawPath()
					+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " " + request[2] + "\r\n");
			for (int i = 1; i < lines.length; i++) {
				String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).toLowerCase();
				if (!name.startsWith("proxy-") && !name.equals("connection")) {
					forward.append(lines[i]).append("\r\n");
				}
			}
			forward.append("Connection: close\r\n\r\n");
			backend.getOutputStream().write(forward.toString().getBytes(StandardCharsets.ISO_8859_1));
			backend.getOutputStream().flush();
			pipe(client, backend);
		}
		catch (IOException | RuntimeException e) {
			try {
				client.close();
			}
			catch (IOException ignored) {
				// closed
			}
		}
	}

	private static String header(String[] lines, String name) {
		for (String line : lines) {
			if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
				return line.substring(name.length() + 1).trim();
			}
		}
		return null;
	}

	/** Copies bytes both ways until either side closes, then closes both. */
	static void pipe(Socket a, Socket b) {
		Thread one = new Thread(() -> copy(a, b), "pipe");
		Thread two = new Thread(() -> copy(b, a), "pipe");
		one.setDaemon(true);
		two.setDaemon(true);
		one.start();
		two.start();
	}

	private static void copy(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException e) {
			// one side went away
		}
		finally {
			try {
				from.close();
				to.close();
			}
			catch (IOException ignored) {
				// closed
			}
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
