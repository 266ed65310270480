package io.astrashell.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A wire-level stand-in in front of the sandbox on loopback: it forwards every request, records its
 * method and path, and can answer 500 to the Nth write (a request that is not a GET) instead of
 * forwarding it, a fault the sandbox cannot produce, or hold the Nth write unanswered (a request in
 * flight, for Ctrl-C) until it is closed.
 */
public final class RecordingProxy implements AutoCloseable {

	private final URI target;

	private final HttpServer server;

	final List<String> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger writes = new AtomicInteger();

	private volatile int failWrite;

	private volatile int holdWrite;

	private final CountDownLatch held = new CountDownLatch(1);

	/** {@code > PUT /path body} as a request comes in, {@code < PUT /path status body} once the sandbox answered it. */
	final List<String> events = new CopyOnWriteArrayList<>();

	private volatile int holdFrom;

	private final AtomicInteger heldCount = new AtomicInteger();

	private volatile int hangAfterForward;

	private volatile int unavailableWrite;

	private volatile boolean alwaysUnavailable;

	private volatile String unavailableRetryAfter;

	private volatile int maxDelayMillis;

	private final AtomicInteger concurrent = new AtomicInteger();

	/** How many answers of the sandbox were 429. */
	final AtomicInteger throttled = new AtomicInteger();

	/** The most writes that were in the proxy at once. */
	final AtomicInteger mostConcurrentWrites = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	public RecordingProxy(URI target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::forward);
		server.setExecutor(Executors.newFixedThreadPool(48, r -> {
			Thread t = new Thread(r, "recording-proxy");
			t.setDaemon(true);
			return t;
		}));
		server.start();
	}

	public String endpoint() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Answer 500 to the {@code n}th write from now on (1 = the next); 0 forwards every write. */
	void failWrite(int n) {
		writes.set(0);
		failWrite = n;
	}

	/** Hold the {@code n}th write from now on (1 = the next) unanswered and not forwarded, until {@link #close()}. */
	public void holdWrite(int n) {
		writes.set(0);
		holdWrite = n;
	}

	/** Hold every write from the {@code n}th from now on (1 = the next) unanswered and not forwarded, until {@link #close()}. */
	public void holdWritesFrom(int n) {
		writes.set(0);
		holdFrom = n;
	}

	/** Waits until {@code count} writes are held ({@link #holdWritesFrom}). */
	public void awaitHeld(int count) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (heldCount.get() < count) {
			if (System.nanoTime() > end) {
				throw new AssertionError(heldCount.get() + " writes held, not " + count + "; requests: " + requests);
			}
			Thread.sleep(10);
		}
	}

	/** Forward the {@code n}th write from now on (it lands), then give no answer until {@link #close()}. */
	void hangAfterForwarding(int n) {
		writes.set(0);
		hangAfterForward = n;
	}

	/** Answer the {@code n}th write from now on 503 with this {@code Retry-After} (null: none), not forwarding it. */
	void unavailable(int n, String retryAfter) {
		writes.set(0);
		unavailableRetryAfter = retryAfter;
		unavailableWrite = n;
	}

	/** Answer every write from now on 503 with this {@code Retry-After}, not forwarding any. */
	void alwaysUnavailable(String retryAfter) {
		unavailableRetryAfter = retryAfter;
		alwaysUnavailable = true;
	}

	/** Hold each write between 0 and {@code millis} (at random) before forwarding it: answers come out of order. */
	void delayWrites(int millis) {
		maxDelayMillis = millis;
	}

	/** Waits until the write of {@link #holdWrite} came in. */
	public void awaitHeld() throws InterruptedException {
		if (!held.await(60, TimeUnit.SECONDS)) {
			throw new AssertionError("the write to hold never came; requests: " + requests);
		}
	}

	public List<String> writes() {
		return requests.stream().filter(r -> !r.startsWith("GET ")).toList();
	}

	void clear() {
		requests.clear();
	}

	private void forward(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getRawPath();
		byte[] body = exchange.getRequestBody().readAllBytes();
		int write = method.equals("GET") ? 0 : writes.incrementAndGet();
		if (write > 0) {
			int now = concurrent.incrementAndGet();
			mostConcurrentWrites.accumulateAndGet(now, Math::max);
		}
		try {
			forward(exchange, method, path, body, write);
		}
		finally {
			if (write > 0) {
				concurrent.decrementAndGet();
			}
		}
	}

	/** Holds a request unanswered until {@link #close()} (or the release), then drops its connection. */
	private void closeWhenReleased(HttpExchange exchange) {
		try {
			release.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		exchange.close();
	}

	private void forward(HttpExchange exchange, String method, String path, byte[] body, int write) throws IOException {
		events.add("> " + method + " " + path + " " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
		if (write > 0 && holdFrom > 0 && write >= holdFrom) {
			requests.add(method + " " + path + " (held)");
			heldCount.incrementAndGet();
			closeWhenReleased(exchange);
			return;
		}
		if (write > 0 && (write == unavailableWrite || alwaysUnavailable)) {
			requests.add(method + " " + path + " -> 503");
			events.add("< " + method + " " + path + " 503");
			if (unavailableRetryAfter != null) {
				exchange.getResponseHeaders().add("Retry-After", unavailableRetryAfter);
			}
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
			return;
		}
		if (write > 0 && maxDelayMillis > 0) {
			try {
				Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(maxDelayMillis + 1));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		if (write > 0 && write == holdWrite) {
			requests.add(method + " " + path + " (held)");
			held.countDown();
			closeWhenReleased(exchange);
			return;
		}
		if (write > 0 && write == failWrite) {
			requests.add(method + " " + path + " -> 500");
			byte[] error = "{\"errors\":[{\"ID\":500,\"message\":\"injected failure\"}]}".getBytes();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(500, error.length);
			exchange.getResponseBody().write(error);
			exchange.close();
			return;
		}
		requests.add(method + " " + path);
		HttpURLConnection c = (HttpURLConnection) target.resolve(exchange.getRequestURI().toString()).toURL().openConnection();
		c.setRequestMethod(method);
		exchange.getRequestHeaders().forEach((k, values) -> {
			if (k != null && !k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Content-Length")) {
				values.forEach(v -> c.addRequestProperty(k, v));
			}
		});
		if (body.length > 0) {
			c.setDoOutput(true);
			try (OutputStream out = c.getOutputStream()) {
				out.write(body);
			}
		}
		int status = c.getResponseCode();
		InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
		byte[] answer = in == null ? new byte[0] : in.readAllBytes();
		if (status == 429) {
			throttled.incrementAndGet();
		}
		events.add("< " + method + " " + path + " " + status + " " + new String(answer, java.nio.charset.StandardCharsets.UTF_8));
		if (write > 0 && write == hangAfterForward) {
			requests.add(method + " " + path + " (forwarded, not answered)");
			closeWhenReleased(exchange);
			return;
		}
		String retryAfter = c.getHeaderField("Retry-After");
		if (retryAfter != null) {
			exchange.getResponseHeaders().add("Retry-After", retryAfter);
		}
		String type = c.getContentType();
		if (type != null) {
			exchange.getResponseHeaders().add("Content-Type", type);
		}
		exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
		if (answer.length > 0) {
			exchange.getResponseBody().write(answer);
		}
		exchange.close();
	}

	@Override
	public void close() {
		release.countDown();
		server.stop(0);
	}

}
