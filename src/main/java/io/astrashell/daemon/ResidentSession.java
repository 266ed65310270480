package io.astrashell.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

import io.astrashell.client.Frames;
import io.astrashell.client.BuildStamp;
import io.astrashell.client.Rendezvous;
import io.astrashell.shell.ProcessIo;
import jdk.net.ExtendedSocketOptions;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The resident session ({@code astra daemon start}): a JVM of the shell that serves the one-shot
 * commands of its user over a Unix domain socket in an owner-only folder ({@link Rendezvous}), each
 * call in a Spring context of its own ({@link ServedCall}), so that nothing of one call is seen by the
 * next. It serves only its own user (the peer's uid, SO_PEERCRED; anyone else's connection is closed
 * without a byte), only clients of its own {@link Identity} (a client of another build, launcher,
 * Java or JVM options is told so, runs cold, and this session exits), and ends after its idle limit
 * without a call, on {@code astra daemon stop}, or on SIGTERM.
 */
public final class ResidentSession {

	private final Path folder;

	private final Path socket;

	private final BuildStamp identity;

	private final Duration idle;

	private final ToIntFunction<ProcessIo> runner;

	private final Instant started = Instant.now();

	private final AtomicLong served = new AtomicLong();

	private final AtomicInteger running = new AtomicInteger();

	private volatile long lastActivity = System.nanoTime();

	private volatile boolean stopping;

	private volatile String stopReason;

	private ServerSocketChannel server;

	private UserPrincipal owner;

	private Object socketKey;

	/**
	 * @param env the session's environment (where its folder is; its JVM options)
	 * @param idle how long it waits for a call before it exits; zero: for ever
	 * @param runner runs one call ({@code AstraShellApplication::run})
	 */
	public ResidentSession(Map<String, String> env, Duration idle, ToIntFunction<ProcessIo> runner) {
		this.folder = Objects.requireNonNull(Rendezvous.folder(env), "no HOME nor XDG_RUNTIME_DIR");
		this.socket = folder.resolve(Rendezvous.SOCKET);
		this.identity = BuildStamp.of(env);
		this.idle = idle;
		this.runner = runner;
	}

	/**
	 * Serves until stopped; returns the process's exit code: 0 after a stop or the idle limit, 9 when
	 * the folder is not this user's alone, 7 when another session already listens there.
	 */
	public int serve() throws IOException {
		try {
			owner = prepareFolder(folder);
		}
		catch (IOException e) {
			log("cannot use " + folder + ": " + e.getMessage());
			return 9;
		}
		if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
			if (answers(socket)) {
				log("another resident session listens on " + socket);
				return 7;
			}
			Files.deleteIfExists(socket); // left by a session that was killed
		}
		// The JDK reads the schemes a CONNECT tunnel may not authenticate with once, at its first request;
		// a cold start whose proxy variable holds credentials clears them (api.Proxies). Cleared here before
		// any call, so that a call with credentials is served as a cold start is, whatever came before it
		// (a call without credentials sends none either way: no authenticator is set for it).
		if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
			System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
		}
		server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(socket));
		Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
		socketKey = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
		Runtime.getRuntime().addShutdownHook(new Thread(this::removeSocket, "astra-daemon-exit"));
		ignoreTerminalSignals();
		startIdleWatch();
		log("serving on " + socket + " (pid " + ProcessHandle.current().pid() + ", idle limit " + idleText() + ")");
		while (!stopping) {
			SocketChannel client;
			try {
				client = server.accept();
			}
			catch (ClosedChannelException e) {
				break;
			}
			Thread t = new Thread(() -> handle(client), "astra-call");
			t.start();
		}
		removeSocket();
		// the calls being served finish (their clients wait for them); a new one cannot come
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (running.get() > 0 && System.nanoTime() < deadline) {
			sleep(20);
		}
		log("stopped: " + stopReason);
		return 0;
	}

	/**
	 * The folder, made owner-only if missing; refused when it is not this user's alone. Returns its
	 * owner: this user.
	 */
	static UserPrincipal prepareFolder(Path folder) throws IOException {
		if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectories(folder.getParent());
			try {
				Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			catch (FileAlreadyExistsException e) {
				// made meanwhile by another start: checked below
			}
		}
		UserPrincipal owner = Rendezvous.ownerIfPrivate(folder);
		if (owner == null) {
			throw new IOException("it is not a folder of its owner's alone (rwx------)");
		}
		// a file made in it is this user's: the folder must be too
		Path probe = Files.createTempFile(folder, "probe", null);
		try {
			UserPrincipal me = Files.getOwner(probe);
			if (!me.equals(owner)) {
				throw new IOException("it belongs to " + owner.getName() + ", not to this user (" + me.getName() + ")");
			}
		}
		finally {
			Files.deleteIfExists(probe);
		}
		return owner;
	}

	private static boolean answers(Path socket) {
		try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	/** A Ctrl-C or hang-up of the terminal it was started from is not for it. */
	private static void ignoreTerminalSignals() {
		for (String name : new String[] { "INT", "HUP" }) {
			try {
				Signal.handle(new Signal(name), SignalHandler.SIG_IGN);
			}
			catch (IllegalArgumentException | UnsupportedOperationException e) {
				// the JVM keeps it
			}
		}
	}

	private void startIdleWatch() {
		if (idle.isZero()) {
			return;
		}
		Thread watch = new Thread(() -> {
			while (!stopping) {
				sleep(Math.max(10, Math.min(1000, idle.toMillis() / 4)));
				if (running.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) {
					stop("no call for " + idleText());
				}
			}
		}, "astra-daemon-idle");
		watch.setDaemon(true);
		watch.start();
	}

	private String idleText() {
		return idle.isZero() ? "none" : DaemonControl.durationText(idle);
	}

	/** Stops accepting calls; the ones being served finish. */
	void stop(String why) {
		synchronized (this) {
			if (stopping) {
				return;
			}
			stopping = true;
			stopReason = why;
		}
		removeSocket();
		try {
			server.close();
		}
		catch (IOException e) {
			// closed already
		}
	}

	/** Removes the socket file if it is still this session's (not a later session's, bound since). */
	private void removeSocket() {
		try {
			BasicFileAttributes now = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			if (Objects.equals(now.fileKey(), socketKey)) {
				Files.deleteIfExists(socket);
			}
		}
		catch (IOException e) {
			// gone already
		}
	}

	/** One connection: its peer checked, then a call, a status request or a stop. */
	private void handle(SocketChannel channel) {
		Frames frames = new Frames(channel);
		try {
			UserPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
			if (!peer.equals(owner)) {
				frames.close(); // another user: not a word
				return;
			}
			Frames.Frame first = frames.read();
			if (first == null) {
				frames.close();
				return;
			}
			switch (first.type()) {
				case Frames.CALL -> call(frames, first.fields());
				case Frames.STATUS -> {
					frames.send(Frames.STATUS, status().getBytes(StandardCharsets.UTF_8));
					frames.close();
				}
				case Frames.STOP -> {
					frames.send(Frames.STOP, status().getBytes(StandardCharsets.UTF_8));
					frames.close();
					stop("astra daemon stop");
				}
				default -> frames.close();
			}
		}
		catch (IOException | RuntimeException e) {
			log("a connection failed: " + e);
			try {
				frames.close();
			}
			catch (IOException ignored) {
				// closed already
			}
		}
	}

	private void call(Frames frames, Frames.Fields fields) throws IOException {
		int version = fields.number();
		BuildStamp client = version == Frames.VERSION ? BuildStamp.read(fields) : null;
		String why = client == null ? "it speaks another version of the protocol" : identity.whyNotFor(client);
		if (why != null || stopping) {
			frames.send(Frames.STALE, (why == null ? "it is stopping" : why).getBytes(StandardCharsets.UTF_8));
			frames.close();
			if (why != null) {
				stop("a client of another identity came: " + why);
			}
			return;
		}
		running.incrementAndGet(); // a call, not a status request, keeps the session from its idle limit
		lastActivity = System.nanoTime();
		try {
			frames.send(Frames.ACCEPTED);
			served.incrementAndGet();
			new ServedCall(frames, runner).run(fields);
		}
		finally {
			lastActivity = System.nanoTime();
			running.decrementAndGet();
		}
	}

	/** The status a client asks for: key=value lines. */
	private String status() {
		Map<String, String> s = new LinkedHashMap<>();
		s.put("pid", Long.toString(ProcessHandle.current().pid()));
		s.put("started", started.toString());
		s.put("served", Long.toString(served.get()));
		s.put("running", Integer.toString(running.get()));
		s.put("idle", idle.toString());
		s.put("socket", socket.toString());
		s.put("build", identity.build());
		s.put("launcher", identity.launcher());
		s.put("javaHome", identity.javaHome());
		s.put("jvmOptions", identity.jvmOptions());
		StringBuilder b = new StringBuilder();
		s.forEach((k, v) -> b.append(k).append('=').append(v.replace("\n", "\\n")).append('\n'));
		return b.toString();
	}

	private static void log(String line) {
		System.err.println(Instant.now() + " astra daemon: " + line);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
