package io.astrashell.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local, faithful fake of the organization endpoints of the Astra DevOps API, served over HTTP on
 * 127.0.0.1 with its state in {@code <astraHome>/sandbox}. Several sandboxes (in this JVM or in other
 * processes) may serve the same home at once: they share the state on disk and lose no change.
 * <p>
 * The accessors read the state as it is on disk now (cheaply: the parsed state is cached), so they follow
 * a {@link #reset(Path) reset} done meanwhile by another process.
 */
public final class LocalSandbox implements AutoCloseable {

	static final String DIRECTORY = "sandbox";

	private static final int THREADS = 4;

	/** Threads of a sandbox that plays faults: more than the most an apply sends at once. */
	private static final int FAULT_THREADS = 96;

	private static final byte[] LOOPBACK = { 127, 0, 0, 1 };

	/**
	 * The JDK server flushes the response headers before the body; without TCP_NODELAY, Nagle's algorithm
	 * and the client's delayed acknowledgement hold the body back some 40 ms on every request.
	 */
	private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private final SandboxStore store;

	private final HttpServer server;

	private final ExecutorService executor;

	private final URI endpoint;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final SandboxHandler handler;

	private LocalSandbox(SandboxStore store, HttpServer server, ExecutorService executor, SandboxHandler handler) {
		this.handler = handler;
		this.store = store;
		this.server = server;
		this.executor = executor;
		this.endpoint = URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:"
				+ server.getAddress().getPort());
	}

	/**
	 * As {@link #start(Path, int, SandboxResources)} with the resources found on the class path
	 * ({@link SandboxResources#scan}): for tests and tools. The shell passes the resources of its beans.
	 */
	public static LocalSandbox start(Path astraHome, int port) throws IOException {
		return start(astraHome, port, null, SandboxResources.scan());
	}

	/**
	 * Opens the sandbox state under astraHome/sandbox (seeding it on first use, topping up the slices
	 * of resources it has none of) and serves these resources on 127.0.0.1:port (0 = a free port).
	 * @throws PortUnavailable when the port is taken, or needs privileges
	 */
	public static LocalSandbox start(Path astraHome, int port, SandboxResources resources) throws IOException {
		return start(astraHome, port, null, resources);
	}

	/**
	 * As {@link #start(Path, int, SandboxResources)}, served over HTTPS with {@code tls} (its key and
	 * certificate chain) when it is not null: the launcher's training run reaches the sandbox as users
	 * reach Astra.
	 */
	public static LocalSandbox start(Path astraHome, int port, SSLContext tls, SandboxResources resources)
			throws IOException {
		return start(astraHome, port, tls, resources, SandboxFaults.NONE);
	}

	/** As {@link #start(Path, int, SandboxResources)}, playing {@code faults} (latency, throttling). */
	public static LocalSandbox start(Path astraHome, int port, SandboxResources resources, SandboxFaults faults)
			throws IOException {
		return start(astraHome, port, null, resources, faults);
	}

	/** As {@link #start(Path, int, SandboxFaults)} with the resources found on the class path: for tests and tools. */
	public static LocalSandbox start(Path astraHome, int port, SandboxFaults faults) throws IOException {
		return start(astraHome, port, null, SandboxResources.scan(), faults);
	}

	private static LocalSandbox start(Path astraHome, int port, SSLContext tls, SandboxResources resources,
			SandboxFaults faults) throws IOException {
		Objects.requireNonNull(astraHome, "astraHome");
		Objects.requireNonNull(faults, "faults");
		Objects.requireNonNull(resources, "resources");
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port out of range: " + port);
		}
		SandboxStore store = SandboxStore.open(astraHome.resolve(DIRECTORY), resources);
		store.transact(state -> null); // seeds (or tops up) the state
		if (System.getProperty(NO_DELAY_PROPERTY) == null) {
			// read once, when the JVM creates its first HttpServer; an explicit setting is left alone
			System.setProperty(NO_DELAY_PROPERTY, "true");
		}
		HttpServer server;
		try {
			InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port);
			if (tls == null) {
				server = HttpServer.create(address, 0);
			}
			else {
				HttpsServer https = HttpsServer.create(address, 0);
				https.setHttpsConfigurator(new HttpsConfigurator(tls));
				server = https;
			}
		}
		catch (BindException ex) {
			throw new PortUnavailable(port, ex);
		}
		SandboxHandler handler = new SandboxHandler(store, resources, faults);
		server.createContext("/", handler);
		// with a latency, requests wait on their threads: enough of them that the clients' concurrency shows
		ExecutorService executor = Executors.newFixedThreadPool(faults.any() ? FAULT_THREADS : THREADS,
				daemonThreads("astra-sandbox-"));
		server.setExecutor(executor);
		try {
			startAsDaemon(server);
		}
		catch (RuntimeException | Error ex) {
			server.stop(0);
			executor.shutdownNow();
			throw ex;
		}
		return new LocalSandbox(store, server, executor, handler);
	}

	/** The port cannot be served: another program listens there, or it needs privileges. */
	public static final class PortUnavailable extends BindException {

		private final int port;

		PortUnavailable(int port, BindException cause) {
			super(describe(port, cause.getMessage()));
			this.port = port;
			initCause(cause);
		}

		public int port() {
			return this.port;
		}

		private static String describe(int port, String reason) {
			String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
			if (why.contains("in use")) {
				return "port " + port + " of 127.0.0.1 is already in use (another program, or another sandbox, "
						+ "listens there)";
			}
			if (why.contains("permission") || why.contains("access")) {
				return "port " + port + " of 127.0.0.1 may not be used by this user (ports below 1024 need privileges)";
			}
			return "port " + port + " of 127.0.0.1 cannot be served" + (reason == null ? "" : ": " + why);
		}

	}

	/**
	 * Adds {@code users} users, {@code roles} custom roles and {@code tokens} tokens to the sandbox
	 * state under astraHome (seeding it first if need be), in one write: for benchmarks and tests at
	 * scale (the resources found on the class path).
	 */
	public static void populate(Path astraHome, int users, int roles, int tokens) throws IOException {
		SandboxStore.open(astraHome.resolve(DIRECTORY), SandboxResources.scan()).transact(state -> {
			SandboxPopulation.populate(state, users, roles, tokens);
			return null;
		});
	}

	/** How many requests this server has answered (benchmarks count what completion costs). */
	public long requestCount() {
		return this.handler.requests();
	}

	/** e.g. {@code http://127.0.0.1:43123} (clients append {@code /v2/...}). */
	public URI endpoint() {
		return this.endpoint;
	}

	/** The seeded Organization Administrator token ({@code AstraCS:...}). */
	public String adminToken() {
		return read(s -> s.slice(TokenSlice.class).adminToken());
	}

	public String organizationId() {
		return read(s -> s.slice(OrgSlice.class).id());
	}

	public String organizationName() {
		return read(s -> s.slice(OrgSlice.class).name());
	}

	/** Stops the server (the state stays on disk). */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

	/** Deletes the sandbox state under astraHome/sandbox; the next start seeds afresh. Safe when absent. */
	public static void reset(Path astraHome) throws IOException {
		Objects.requireNonNull(astraHome, "astraHome");
		SandboxStore.reset(astraHome.resolve(DIRECTORY));
	}

	/**
	 * Reads the admin token of the sandbox state at astraHome without starting a server (null if no state
	 * yet, or no tokens in it). Used when the shell talks to a separately served sandbox: it reads the
	 * tokens' slice alone.
	 */
	public static String adminTokenOf(Path astraHome) throws IOException {
		Objects.requireNonNull(astraHome, "astraHome");
		SandboxState state = SandboxStore.peek(astraHome.resolve(DIRECTORY), SandboxResources.only(new TokensResource()));
		TokenSlice tokens = state == null ? null : state.sliceOrNull(TokenSlice.class);
		return tokens == null ? null : tokens.adminToken();
	}

	@Override
	public String toString() {
		return "LocalSandbox[" + this.endpoint + "]";
	}

	/** The store behind this sandbox (for tests in this package). */
	SandboxStore store() {
		return this.store;
	}

	private <T> T read(Function<SandboxState, T> getter) {
		try {
			return this.store.transact(getter);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the server from a daemon thread: the server's dispatcher thread inherits the daemon status of
	 * the thread that starts it, and must not keep the JVM alive.
	 */
	private static void startAsDaemon(HttpServer server) {
		RuntimeException[] failure = new RuntimeException[1];
		Thread starter = new Thread(() -> {
			try {
				server.start();
			}
			catch (RuntimeException ex) {
				failure[0] = ex;
			}
		}, "astra-sandbox-start");
		starter.setDaemon(true);
		starter.start();
		boolean interrupted = false;
		while (true) {
			try {
				starter.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (failure[0] != null) {
			throw failure[0];
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
