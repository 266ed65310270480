package io.astrashell.daemon;

import java.io.File;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.astrashell.client.Frames;
import io.astrashell.client.BuildStamp;
import io.astrashell.client.Rendezvous;
import jdk.net.ExtendedSocketOptions;

/**
 * What {@code astra daemon start|status|stop} ask of the user's resident session: its status over
 * the socket, a new session started in the background (returning once it accepts calls), a stop.
 * Always run by a cold start (the launcher never sends {@code daemon} commands to a session).
 */
public final class DaemonControl {

	/** The system property that makes the shell's main serve as a resident session, its idle limit the value. */
	public static final String SERVE_PROPERTY = "astra.daemon.serve";

	/** How long a start waits for the new session to accept calls. */
	static final Duration START_WAIT = Duration.ofSeconds(60);

	private final Map<String, String> env;

	private final Path folder;

	/** @param env the run's environment: where the session's folder is, what a started one inherits */
	public DaemonControl(Map<String, String> env) {
		this.env = env;
		this.folder = Rendezvous.folder(env);
	}

	/** What a session says of itself, and why this client would not use it (null: it would). */
	public record Status(long pid, Instant started, long served, int running, Duration idle, Path socket,
			String whyNotUsed) {
	}

	/** The socket this user's session listens on (whether or not one does). */
	public Path socket() {
		return folder == null ? null : folder.resolve(Rendezvous.SOCKET);
	}

	/** The session that answers on the socket, if one does. */
	public Optional<Status> status() {
		return ask(Frames.STATUS);
	}

	/**
	 * Stops the session that answers, if one does, and waits (10 s at most) until its process has
	 * ended; returns what it said of itself.
	 */
	public Optional<Status> stop() {
		Optional<Status> s = ask(Frames.STOP);
		s.flatMap(st -> ProcessHandle.of(st.pid())).ifPresent(p -> {
			try {
				p.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (Exception e) {
				// still finishing a call: it exits after it
			}
		});
		return s;
	}

	/** The outcome of a start: the session, and whether it was running already. */
	public record Started(Status status, boolean already) {
	}

	/**
	 * Starts a session in the background with this idle limit (zero: none) and waits until it accepts
	 * calls. One that runs already and would serve this client is kept; one that would not (stale) is
	 * stopped first.
	 */
	public Started start(Duration idle) throws IOException {
		if (folder == null) {
			throw new IOException("neither HOME nor XDG_RUNTIME_DIR is an absolute path: there is no folder for the socket");
		}
		Optional<Status> now = status();
		if (now.isPresent() && now.get().whyNotUsed() == null) {
			return new Started(now.get(), true);
		}
		if (now.isPresent()) {
			stop();
		}
		Path log = log();
		long logStart = Files.size(log);
		Process process = spawn(idle, log);
		long deadline = System.nanoTime() + START_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<Status> s = status();
			if (s.isPresent() && s.get().whyNotUsed() == null) {
				return new Started(s.get(), false);
			}
			if (!process.isAlive() && s.isEmpty()) {
				throw new IOException("the resident session did not start (exit " + process.exitValue() + ")"
						+ logTail(log, logStart));
			}
			sleep(20);
		}
		process.destroy();
		throw new IOException("the resident session did not accept calls within " + START_WAIT.toSeconds() + " s"
				+ logTail(log, logStart));
	}

	/**
	 * Starts a session in the background when none answers, without waiting for it: the setting
	 * {@code astra.daemon.start-on-first-use}, after a cold one-shot command. Two at once are safe:
	 * the second finds the first's socket, or fails to bind it, and exits.
	 */
	public void startInBackground(Duration idle) throws IOException {
		if (folder != null && status().isEmpty()) {
			spawn(idle, log());
		}
	}

	private Path log() throws IOException {
		ResidentSession.prepareFolder(folder);
		Path log = folder.resolve("daemon.log");
		if (!Files.exists(log)) {
			Files.createFile(log, PosixFilePermissions
				.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		return log;
	}

	private Process spawn(Duration idle, Path log) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(command(idle)).directory(new File("/"))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectErrorStream(true);
		pb.environment().clear();
		pb.environment().putAll(env);
		return pb.start();
	}

	/** The new session's command line: this JVM's Java and class path, the user's JVM options, no archive. */
	private List<String> command(Duration idle) {
		List<String> c = new ArrayList<>();
		for (String setsid : new String[] { "/usr/bin/setsid", "/bin/setsid" }) {
			if (Files.isExecutable(Path.of(setsid))) {
				c.add(setsid); // a session of its own: the terminal's hang-up and Ctrl-C are not for it
				break;
			}
		}
		c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		c.add("-XX:+UseSerialGC");
		c.add("-XX:TieredStopAtLevel=1");
		c.add("-XX:MaxRAM=1g");
		c.add("-Xlog:disable");
		c.add("-Xlog:all=warning:stderr");
		c.add("--enable-native-access=ALL-UNNAMED");
		for (String property : new String[] { "spring.aot.enabled", "astra.config", "astra.build", "astra.launcher",
				"java.locale.providers" }) {
			String value = System.getProperty(property);
			if (value != null && !(property.equals("java.locale.providers") && value.equals("SPI"))) {
				c.add("-D" + property + "=" + value);
			}
		}
		// the launcher splits ASTRA_JAVA_OPTS at blanks, never expanding a word: the same here
		String options = env.get("ASTRA_JAVA_OPTS");
		if (options != null) {
			for (String word : options.split("[ \t\n]+")) {
				if (!word.isEmpty()) {
					c.add(word);
				}
			}
		}
		c.add("-D" + SERVE_PROPERTY + "=" + idle);
		c.add("-cp");
		c.add(classPath());
		c.add("io.astrashell.AstraShellApplication");
		return c;
	}

	/**
	 * This JVM's class path, its {@code /dev/fd/9/...} entries (an install's, named through the
	 * launcher's descriptor, which a new process does not inherit) made real.
	 */
	private static String classPath() {
		String cp = System.getProperty("java.class.path");
		if (!cp.contains("/dev/fd/9/")) {
			return cp;
		}
		try {
			String real = Path.of("/dev/fd/9").toRealPath().toString();
			return cp.replace("/dev/fd/9/", real + "/");
		}
		catch (IOException e) {
			return cp;
		}
	}

	private static String logTail(Path log, long from) {
		try {
			byte[] all = Files.readAllBytes(log);
			String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
					StandardCharsets.UTF_8).strip();
			if (text.isEmpty()) {
				return "";
			}
			String[] lines = text.split("\n");
			return ": " + lines[lines.length - 1] + " (all of it in " + log + ")";
		}
		catch (IOException e) {
			return "";
		}
	}

	/** Asks the session that answers: its status (after a stop request, its last). */
	private Optional<Status> ask(byte request) {
		if (folder == null) {
			return Optional.empty();
		}
		UserPrincipal owner = Rendezvous.ownerIfPrivate(folder);
		if (owner == null) {
			return Optional.empty();
		}
		try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
			if (!owner.equals(channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user())) {
				return Optional.empty();
			}
			Frames frames = new Frames(channel);
			frames.send(request);
			Frames.Frame answer = frames.read();
			if (answer == null || answer.type() != request) {
				return Optional.empty();
			}
			return Optional.of(parse(new String(answer.payload(), StandardCharsets.UTF_8)));
		}
		catch (IOException | RuntimeException e) {
			return Optional.empty();
		}
	}

	private Status parse(String text) {
		Map<String, String> s = new HashMap<>();
		for (String line : text.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				s.put(line.substring(0, eq), line.substring(eq + 1).replace("\\n", "\n"));
			}
		}
		BuildStamp session = new BuildStamp(s.getOrDefault("build", ""), s.getOrDefault("launcher", ""),
				s.getOrDefault("javaHome", ""), s.getOrDefault("jvmOptions", ""));
		return new Status(Long.parseLong(s.get("pid")), Instant.parse(s.get("started")), Long.parseLong(s.get("served")),
				Integer.parseInt(s.get("running")), Duration.parse(s.get("idle")), Path.of(s.get("socket")),
				session.whyNotFor(BuildStamp.of(env)));
	}

	/** {@code 15m}, {@code 1h30m}, {@code 45s}, {@code 0}. */
	public static String durationText(Duration d) {
		if (d.isZero()) {
			return "0";
		}
		StringBuilder b = new StringBuilder();
		long h = d.toHours();
		int m = d.toMinutesPart();
		int s = d.toSecondsPart();
		if (h > 0) {
			b.append(h).append('h');
		}
		if (m > 0) {
			b.append(m).append('m');
		}
		if (s > 0 || b.length() == 0) {
			b.append(s > 0 ? s : d.toMillis()).append(s > 0 ? "s" : "ms");
		}
		return b.toString();
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
