package io.astrashell.session;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.astrashell.AstraSettings;
import io.astrashell.api.DevOpsClient;
import io.astrashell.api.Proxies;
import io.astrashell.api.Trace;
import io.astrashell.cli.Globals;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.sandbox.SandboxResources;

/**
 * The shell's session, as the rest of the shell sees it: the options it was started with, the
 * connection they resolve to (kept in memory for the prompt, resolved once), one API client per
 * connection, and the embedded sandbox when {@code --env local} is used without an endpoint. A
 * command's own {@code --token}, {@code -conf} or {@code --env} apply to that command alone.
 *
 * <p>It puts together three parts: {@link SessionState} (defaults, current connection, clients),
 * {@link ConnectionResolver} (options, environment and profiles file to a connection, and where the
 * token comes from), and {@link EmbeddedSandbox} (the in-process sandbox, started on first use).
 */
public final class Session implements AutoCloseable {

	public static final String TOKEN_VARIABLE = ConnectionResolver.TOKEN_VARIABLE;

	public static final String ENDPOINT_VARIABLE = ConnectionResolver.ENDPOINT_VARIABLE;

	private final AstraSettings settings;

	private final AstraHome home;

	private final Map<String, String> environment;

	private final EmbeddedSandbox sandbox;

	private final Supplier<SandboxResources> sandboxResources;

	private final ConnectionResolver resolver;

	private final SessionState state;

	private final ChangeLocks locks;

	private final UnaryOperator<Path> files;

	/** A session whose embedded sandbox serves the resources found on the class path (for tests). */
	public Session(AstraSettings settings, Map<String, String> environment) {
		this(settings, environment, Trace.NONE, SandboxResources::scan, UnaryOperator.identity());
	}

	/**
	 * @param environment the run's environment variables
	 * @param sandboxResources what the embedded sandbox and {@code sandbox serve} serve, asked for only
	 * when a sandbox starts (the shell's beans)
	 * @param files takes a path the user gave from the run's working folder (see {@link #file})
	 */
	public Session(AstraSettings settings, Map<String, String> environment, Trace trace,
			Supplier<SandboxResources> sandboxResources, UnaryOperator<Path> files) {
		this.settings = settings;
		this.sandboxResources = sandboxResources;
		this.home = new AstraHome(settings.home());
		this.environment = environment;
		this.files = files;
		this.sandbox = new EmbeddedSandbox(home, settings.sandbox().port(), trace, sandboxResources);
		this.resolver = new ConnectionResolver(settings, home, environment, trace, sandbox::get, files);
		this.state = new SessionState(resolver, settings.http(), trace, environment);
		// a change holding the lock makes at most a few requests, each bounded by the deadline
		long deadline = Math.min(settings.http().deadline().toMillis(), 150_000L);
		this.locks = new ChangeLocks(home, Duration.ofMillis(Math.max(60_000L, 4 * deadline)), trace);
	}

	/**
	 * Runs a read-modify-write change of {@code kind} ({@code roles}, {@code users}) of the connection's
	 * endpoint taking turns with the other shells of this machine that share the astra home
	 * ({@link ChangeLocks}).
	 */
	public <T> T exclusive(Identity identity, String kind, Supplier<T> change) {
		return locks.exclusive(identity, isEmbedded(identity), kind, change);
	}

	/**
	 * A path the user gave (an argument, an option), to be opened: taken from the run's working folder.
	 * Messages name the path as the user gave it.
	 */
	public Path file(Path given) {
		return files.apply(given);
	}

	/** An environment variable of the process (scripts substitute {@code ${NAME}}). */
	public String variable(String name) {
		return environment.get(name);
	}

	public AstraSettings settings() {
		return settings;
	}

	public AstraHome home() {
		return home;
	}

	/** The options the shell was started with; at the prompt they apply to every command. */
	public Globals defaults() {
		return state.defaults();
	}

	/** Makes these the session's options; its connection is resolved again on next use. */
	public void useDefaults(Globals globals) {
		state.useDefaults(globals);
	}

	/** The session's own connection, resolved on first use and then kept. */
	public Identity current() {
		return state.current();
	}

	/**
	 * Makes the session use a profile of the configuration file from now on ({@code config use},
	 * {@code setup} at the prompt). The profile is resolved first: if it is not usable, the session
	 * stays as it was.
	 */
	public Identity switchTo(String profile) {
		return state.switchTo(profile);
	}

	/** The session as it is now, to put back with {@link #restore(Snapshot)} (a script's own switches end with it). */
	public record Snapshot(Globals defaults, Identity current) {
	}

	public Snapshot snapshot() {
		return state.snapshot();
	}

	public void restore(Snapshot snapshot) {
		state.restore(snapshot);
	}

	/**
	 * The profile (section) a command with these options would read its token from, or null when the
	 * token comes from elsewhere. Unlike {@link #connectionFor}, it starts nothing and sends nothing.
	 */
	public String profileFor(Globals line) {
		return state.profileFor(line);
	}

	/** The profiles file of these options, as a store that reads and writes it safely. */
	public Profiles profiles(Globals globals) {
		return new Profiles(configFile(globals));
	}

	/** The session's connection if it was resolved already, else null (never resolves). */
	public Identity known() {
		return state.known();
	}

	/**
	 * The connection of one command: the session's, unless the command chooses its own. A command's
	 * {@code -cf} or {@code -conf} replace the session's connection as a whole; its {@code --token},
	 * {@code --env} or {@code --local-endpoint} replace just that part of it.
	 */
	public Identity identityFor(Globals line) {
		return state.identityFor(line);
	}

	/**
	 * The API client of a connection (one per connection, reused). Its requests go through the proxy of
	 * the environment ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}); a proxy variable
	 * that cannot be used is a configuration error (exit 9).
	 */
	public DevOpsClient client(Identity identity) {
		return state.client(identity);
	}

	/** The proxy variables of the environment the shell was given, read once. */
	public Proxies proxies() {
		return state.proxies();
	}

	/** The profiles file of these options: their {@code -cf}, else the session's, else the default one. */
	public Path configFile(Globals globals) {
		return resolver.configFile(state.withDefaultFile(globals));
	}

	/**
	 * Turns options into a connection: token, environment and endpoint, checked but not yet used (the
	 * session's {@code -cf} applies when they give none).
	 */
	public Identity resolve(Globals globals) {
		return state.resolve(globals);
	}

	/** What to do when there is no token at all. */
	public static String noTokenHint(Path file) {
		return ConnectionResolver.noTokenHint(file);
	}

	/** Whether a connection goes to the sandbox served inside this process. */
	public boolean isEmbedded(Identity identity) {
		return sandbox.serves(identity.baseUrl());
	}

	/** The resources a sandbox started by this shell serves ({@code sandbox serve}, the training run). */
	public SandboxResources sandboxResources() {
		return sandboxResources.get();
	}

	/** The sandbox served inside this process, started on first use. */
	public LocalSandbox embeddedSandbox() {
		return sandbox.get();
	}

	/** {@link #endpointUri(String, String)} of an endpoint given with {@code --local-endpoint}. */
	public static URI endpointUri(String endpoint) {
		return ConnectionResolver.endpointUri(endpoint);
	}

	/** See {@link ConnectionResolver#endpointUri(String, String)}. */
	public static URI endpointUri(String endpoint, String source) {
		return ConnectionResolver.endpointUri(endpoint, source);
	}

	/** Stops the embedded sandbox if it runs (its state stays on disk). */
	@Override
	public void close() {
		sandbox.close();
	}

}
