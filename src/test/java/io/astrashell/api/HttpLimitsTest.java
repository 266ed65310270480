package io.astrashell.api;

import java.io.EOFException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import io.astrashell.api.model.OrganizationUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limits of one request, against servers on 127.0.0.1 that misbehave: one that trickles its answer
 * a byte at a time (never tripping the read timeout), an endless chunked body, an answer larger than
 * the size limit (announced or not); and the interrupt of the calling thread (Ctrl-C at the prompt),
 * which ends the call at once and closes the connection.
 */
class HttpLimitsTest {

	static final String TOKEN = DevOpsClientTest.TOKEN;

	static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";

	static DevOpsClient client(RawServer server, HttpSettings settings) {
		return new DevOpsClient(URI.create(server.url()), TOKEN, settings);
	}

	static HttpSettings settings(Duration read, Duration deadline, long maxSize) {
		return new HttpSettings(Duration.ofSeconds(2), read, 0, Duration.ofSeconds(1), deadline, maxSize);
	}

	static void write(OutputStream out, String text) throws Exception {
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	@Test
	void aServerThatTricklesItsAnswerIsCutAtTheDeadline() throws Exception {
		// a byte every 400 ms never trips a 1 s read timeout: before the deadline, this waited for the whole
		// answer however long it took (a 40-byte answer, 16 s; the live case was 15 minutes)
		String answer = HEAD + "Content-Length: 16\r\n\r\n{\"id\":\"org-1\"} ";
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			for (byte b : answer.getBytes(StandardCharsets.ISO_8859_1)) {
				out.write(b);
				out.flush();
				Thread.sleep(400);
			}
		})) {
			DevOpsClient client = client(server, settings(Duration.ofSeconds(1), Duration.ofSeconds(3),
					HttpSettings.DEFAULT_MAX_RESPONSE_SIZE));
			long start = System.nanoTime();
			assertThatThrownBy(() -> OrganizationApi.current(client)).isInstanceOf(ApiException.Incomplete.class)
				.hasMessage("GET /v2/currentOrg: no complete answer within 3 s (astra.http.deadline)");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
			assertThat(server.awaitClientClosed(5)).as("the client closed the connection").isTrue();
		}
	}

	@Test
	void anEndlessChunkedAnswerStopsAtTheSizeLimit() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			write(out, HEAD + "Transfer-Encoding: chunked\r\n\r\n");
			String chunk = Integer.toHexString(8192) + "\r\n" + " ".repeat(8192) + "\r\n";
			while (true) {
				write(out, chunk);
			}
		})) {
			DevOpsClient client = client(server, settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1024 * 1024));
			long start = System.nanoTime();
			assertThatThrownBy(() -> UsersApi.list(client)).isInstanceOf(ApiException.TooLarge.class)
				.hasMessage("GET /v2/organizations/users: the answer is larger than 1 MiB (astra.http.max-response-size)");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(server.awaitClientClosed(5)).as("the client closed the connection").isTrue();
		}
	}

	@Test
	void anEndlessSlowChunkedAnswerStopsAtTheDeadline() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			write(out, HEAD + "Transfer-Encoding: chunked\r\n\r\n");
			while (true) {
				write(out, "1\r\n \r\n");
				Thread.sleep(200);
			}
		})) {
			DevOpsClient client = client(server, settings(Duration.ofSeconds(1), Duration.ofSeconds(2),
					HttpSettings.DEFAULT_MAX_RESPONSE_SIZE));
			assertThatThrownBy(() -> UsersApi.list(client)).isInstanceOf(ApiException.Incomplete.class)
				.hasMessageContaining("within 2 s");
			assertThat(server.awaitClientClosed(5)).isTrue();
		}
	}

	@Test
	void anAnswerAnnouncedLargerThanTheLimitIsRefusedUnread() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			write(socket.getOutputStream(), HEAD + "Content-Length: 419430400\r\n\r\n[");
			server(socket);
		})) {
			DevOpsClient client = client(server, settings(Duration.ofSeconds(30), Duration.ofSeconds(60), 4096));
			long start = System.nanoTime();
			assertThatThrownBy(() -> RolesApi.list(client)).isInstanceOf(ApiException.TooLarge.class)
				.hasMessageContaining("larger than 4 KiB");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(server.awaitClientClosed(5)).isTrue();
		}
	}

	/** Holds the connection open, sending nothing more, until the client closes it. */
	private static void server(Socket socket) throws Exception {
		while (socket.getInputStream().read() >= 0) {
			// nothing
		}
		throw new EOFException();
	}

	@Test
	void anUnannouncedAnswerLargerThanTheLimitIsCutThere() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			write(out, HEAD + "Connection: close\r\n\r\n[");
			for (int i = 0; i < 10_000; i++) {
				write(out, "\"" + "x".repeat(1000) + "\",");
			}
		})) {
			DevOpsClient client = client(server, settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 64 * 1024));
			assertThatThrownBy(() -> RolesApi.list(client)).isInstanceOf(ApiException.TooLarge.class)
				.hasMessageContaining("larger than 64 KiB");
		}
	}

	@Test
	void aLargeErrorBodyIsReadForItsMessageOnly() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			write(out, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nno such user ");
			for (int i = 0; i < 5_000; i++) {
				write(out, "x".repeat(1000));
			}
		})) {
			DevOpsClient client = client(server, settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1024 * 1024));
			assertThatThrownBy(() -> UsersApi.get(client, "u1")).isInstanceOf(ApiException.NotFound.class)
				.satisfies(e -> assertThat(((ApiException) e).serverMessage()).startsWith("no such user"));
		}
	}

	@Test
	void aListingOf100000UsersFitsTheDefaultLimit() throws Exception {
		// the sandbox's form of the listing (one role a user): about 19 MB
		StringBuilder json = new StringBuilder("{\"OrgID\":\"o1\",\"OrgName\":\"Big Org\",\"Users\":[");
		for (int i = 0; i < 100_000; i++) {
			json.append(i == 0 ? "" : ",").append("{\"UserID\":\"").append(String.format("%08d", i))
				.append("-cc73-45e8-a617-5d0f7dc1409a\",\"Email\":\"user").append(String.format("%06d", i))
				.append("@example.com\",\"Status\":\"active\",\"Roles\":[{\"ID\":\"885d7244-361f-403a-aa7b-275628910351\","
						+ "\"Name\":\"Database Administrator\"}]}");
		}
		byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
		assertThat(body.length).isBetween(15_000_000, 20_000_000);
		try (RawServer server = new RawServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			write(out, HEAD + "Transfer-Encoding: chunked\r\n\r\n");
			for (int at = 0; at < body.length; at += 65536) {
				int n = Math.min(65536, body.length - at);
				write(out, Integer.toHexString(n) + "\r\n");
				out.write(body, at, n);
				write(out, "\r\n");
			}
			write(out, "0\r\n\r\n");
		})) {
			OrganizationUsers users = UsersApi.list(client(server, HttpSettings.DEFAULTS));
			assertThat(users.users()).hasSize(100_000);
			assertThat(users.users().get(99_999).email()).isEqualTo("user099999@example.com");
		}
	}

	// ---- the calling thread interrupted (Ctrl-C at the prompt cancels the command's thread)

	@Test
	void anInterruptEndsACallInFlightAtOnceAndClosesTheConnection() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> server(socket))) { // never answers
			DevOpsClient client = client(server, HttpSettings.DEFAULTS);
			AtomicReference<Throwable> thrown = new AtomicReference<>();
			AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
			Thread caller = new Thread(() -> {
				try {
					UsersApi.list(client);
				}
				catch (Throwable t) {
					thrown.set(t);
					stillInterrupted.set(Thread.currentThread().isInterrupted());
				}
			});
			caller.start();
			Thread.sleep(300);
			long start = System.nanoTime();
			caller.interrupt();
			caller.join(5000);
			assertThat(caller.isAlive()).as("the call ended").isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(thrown.get()).isInstanceOf(CallInterrupted.class)
				.isInstanceOf(CancellationException.class)
				.hasMessage("GET /v2/organizations/users: interrupted");
			assertThat(stillInterrupted.get()).as("the interrupt flag is kept").isTrue();
			assertThat(server.awaitClientClosed(5)).as("the server saw the connection closed").isTrue();
			assertThat(server.connections.get()).isEqualTo(1);
		}
	}

	@Test
	void anInterruptWhileConnectingClosesTheTlsSocketAtOnce() throws Exception {
		// a server whose backlog is full: a further connection waits until the connect timeout (20 s here)
		try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> filling = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				Socket s = new Socket();
				s.connect(full.getLocalSocketAddress(), 2000);
				filling.add(s);
			}
			DevOpsClient client = new DevOpsClient(URI.create("https://127.0.0.1:" + full.getLocalPort()), TOKEN,
					new HttpSettings(Duration.ofSeconds(20), Duration.ofSeconds(20), 0, Duration.ofSeconds(1)));
			AtomicReference<Throwable> thrown = new AtomicReference<>();
			Thread caller = new Thread(() -> {
				try {
					OrganizationApi.current(client);
				}
				catch (Throwable t) {
					thrown.set(t);
				}
			});
			caller.start();
			Thread.sleep(300);
			assertThat(connecting()).as("the request is connecting").isTrue();
			caller.interrupt();
			caller.join(5000);
			assertThat(thrown.get()).isInstanceOf(CallInterrupted.class);
			long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (connecting() && System.nanoTime() < until) {
				Thread.sleep(50);
			}
			assertThat(connecting()).as("the connecting socket was closed, not left to the 20 s timeout").isFalse();
			for (Socket s : filling) {
				s.close();
			}
		}
	}

	/** Whether a request thread is waiting for its TCP connection. */
	private static boolean connecting() {
		return Thread.getAllStackTraces().entrySet().stream()
			.filter(e -> e.getKey().getName().equals("astra-http") && e.getKey().isAlive())
			.anyMatch(e -> Arrays.stream(e.getValue())
				.anyMatch(f -> f.getClassName().equals("java.net.Socket") && f.getMethodName().equals("connect")));
	}

	@Test
	void anInterruptWhileWaitingToRetryEndsTheCallWithoutRetrying() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> write(socket.getOutputStream(),
				"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n"))) {
			DevOpsClient client = client(server, new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2,
					Duration.ofSeconds(30)));
			AtomicReference<Throwable> thrown = new AtomicReference<>();
			Thread caller = new Thread(() -> {
				try {
					UsersApi.delete(client, "u1");
				}
				catch (Throwable t) {
					thrown.set(t);
				}
			});
			caller.start();
			Thread.sleep(500);
			caller.interrupt();
			caller.join(5000);
			assertThat(caller.isAlive()).isFalse();
			assertThat(thrown.get()).isInstanceOf(CallInterrupted.class).hasMessageNotContaining("IllegalState");
			Thread.sleep(300);
			assertThat(server.connections.get()).as("no retry after the interrupt").isEqualTo(1);
		}
	}

	@Test
	void aThreadInterruptedBeforeTheCallSendsNothing() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> write(socket.getOutputStream(),
				HEAD + "Content-Length: 2\r\n\r\n{}"))) {
			DevOpsClient client = client(server, HttpSettings.DEFAULTS);
			Thread.currentThread().interrupt();
			try {
				assertThatThrownBy(() -> UsersApi.delete(client, "u1")).isInstanceOf(CallInterrupted.class);
				assertThat(Thread.currentThread().isInterrupted()).isTrue();
			}
			finally {
				Thread.interrupted();
			}
			Thread.sleep(200);
			assertThat(server.connections.get()).isZero();
		}
	}

	// ---- redirects

	@Test
	void aRedirectToAnotherOriginIsReportedNotFollowed() throws Exception {
		try (RawServer elsewhere = new RawServer((socket, head) -> write(socket.getOutputStream(),
				HEAD + "Content-Length: 14\r\n\r\n{\"id\":\"evil\"}\n"));
				RawServer server = new RawServer((socket, head) -> write(socket.getOutputStream(),
						"HTTP/1.1 302 Found\r\nLocation: http://u:hunter2@127.0.0.1:" + elsewhere.port()
								+ "/v2/currentOrg\r\nContent-Length: 0\r\n\r\n"))) {
			DevOpsClient client = client(server, HttpSettings.DEFAULTS);
			assertThatThrownBy(() -> OrganizationApi.current(client)).isInstanceOf(ApiException.Redirected.class)
				.hasMessageContaining("redirected (HTTP 302) to http://u:****@127.0.0.1:" + elsewhere.port())
				.hasMessageContaining("another origin")
				.hasMessageNotContaining("hunter2");
			Thread.sleep(200);
			assertThat(elsewhere.connections.get()).as("the token was not sent elsewhere").isZero();
		}
	}

	@Test
	void aRedirectWithinTheSameOriginIsFollowedForGetOnly() throws Exception {
		try (RawServer server = new RawServer((socket, head) -> {
			if (head.startsWith("GET /v2/currentOrg ")) {
				write(socket.getOutputStream(),
						"HTTP/1.1 301 Moved\r\nLocation: /v2/currentOrg/\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
			}
			else if (head.startsWith("GET /v2/currentOrg/ ")) {
				write(socket.getOutputStream(), HEAD + "Connection: close\r\nContent-Length: 13\r\n\r\n{\"id\":\"o-1\"}\n");
			}
			else {
				write(socket.getOutputStream(),
						"HTTP/1.1 307 Temporary\r\nLocation: /v2/other\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
			}
		})) {
			DevOpsClient client = client(server, HttpSettings.DEFAULTS);
			assertThat(OrganizationApi.current(client).id()).isEqualTo("o-1");
			assertThatThrownBy(() -> UsersApi.delete(client, "u1")).isInstanceOf(ApiException.Redirected.class)
				.hasMessageContaining("for a DELETE request");
		}
	}

}
