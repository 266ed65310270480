package io.astrashell.completion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.astrashell.service.ChangeListener;
import io.astrashell.service.RoleService;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.Connection;
import io.astrashell.session.Session;

/**
 * The values Tab completes from the server (user emails, role names, token client ids), one set per
 * session identity (environment, endpoint, token). A Tab reads memory only: the values are fetched
 * in the background when a session starts or switches, kept for a TTL, served stale while a refresh
 * runs, and kept on disk per profile (no token, no secret) so that a new prompt completes at once.
 * A Tab that finds nothing yet waits for the first fetch a bounded time. The shell's own changes
 * update the values at once. The values are fetched through the services ({@link ValueFetcher}), and
 * kept on disk in the format {@link CompletionStore} owns.
 */
public final class ServerValueCache implements ChangeListener, AutoCloseable {

	/** What is cached. */
	public enum Kind {

		USERS("users"), ROLES("roles"), TOKENS("tokens");

		final String file;

		Kind(String file) {
			this.file = file;
		}

	}

	/**
	 * One value and the description shown beside it, its control and bidirectional characters
	 * replaced and its secrets masked ({@link SafeValues#description}); what may be a value is the
	 * fetcher's and the store's to decide.
	 */
	public record Value(String value, String description) {

		public Value {
			description = SafeValues.description(description);
		}

	}

	/** The values of one identity. */
	static final class Entry {

		final String key;

		final String identityHash;

		volatile Map<Kind, List<Value>> values = Map.of();

		volatile Instant fetchedAt;

		volatile CompletableFuture<Void> inFlight;

		volatile boolean notifyStale;

		volatile boolean loadedFromDisk;

		Entry(String key, String identityHash) {
			this.key = key;
			this.identityHash = identityHash;
		}

		boolean hasData() {
			return !values.isEmpty();
		}

	}

	private final Session session;

	private final Duration ttl;

	private final Duration firstFetchWait;

	private final ValueFetcher fetcher;

	private final CompletionStore store;

	private final Clock clock;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final ExecutorService fetchers = Executors.newFixedThreadPool(2, r -> {
		Thread t = new Thread(r, "astra-completion-fetch");
		t.setDaemon(true);
		return t;
	});

	/**
	 * The services the values are fetched through are looked up at the first fetch: they are built
	 * after the cache, which they tell of their changes. The values are kept on disk in the
	 * {@code completion} folder of {@code home}, the astra home.
	 */
	public ServerValueCache(Session session, Supplier<UserService> users, Supplier<RoleService> roles,
			Supplier<TokenService> tokens, Duration ttl, Duration firstFetchWait, Path home, Clock clock) {
		this.session = session;
		this.fetcher = new ValueFetcher(users, roles, tokens);
		this.ttl = ttl;
		this.firstFetchWait = firstFetchWait;
		this.store = new CompletionStore(home.resolve(CompletionStore.DIRECTORY));
		this.clock = clock;
	}

	/**
	 * Stops the background fetches when the shell ends (Spring closes the bean with the context): one
	 * in flight is interrupted, which aborts its request, and is given a moment to finish, so that no
	 * fetch writes the cache on disk after the shell has returned.
	 */
	@Override
	public void close() {
		fetchers.shutdownNow();
		try {
			fetchers.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	// ---- reading (Tab)

	/**
	 * The cached values of a kind, memory only. With nothing cached yet, starts the fetch and waits
	 * for it at most the first-fetch wait; with values past their TTL, serves them and refreshes in
	 * the background.
	 */
	public List<Value> values(Connection connection, Kind kind) {
		Entry entry = entry(connection);
		if (!entry.hasData()) {
			CompletableFuture<Void> fetch = refreshAsync(connection, entry);
			try {
				fetch.get(firstFetchWait.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException e) {
				// the Tab goes on with what there is; the fetch finishes in the background
			}
			catch (Exception e) {
				// a failed fetch leaves what there was
			}
		}
		else if (isExpired(entry)) {
			refreshAsync(connection, entry);
		}
		return entry.values.getOrDefault(kind, List.of());
	}

	/** A one-time, quiet note that the values may be stale (the last fetch failed), or null. */
	public String takeStaleNotice(Connection connection) {
		Entry entry = entries.get(cacheKey(connection));
		if (entry != null && entry.notifyStale) {
			entry.notifyStale = false;
			return "Completion values may be stale: the last fetch from the API failed. 'refresh' tries again.";
		}
		return null;
	}

	// ---- fetching

	/** Makes sure the values of a connection are fresh or on their way (the prompt calls it after each command). */
	public void warm(Connection connection) {
		Entry entry = entry(connection);
		if (!entry.hasData() || isExpired(entry)) {
			refreshAsync(connection, entry);
		}
	}

	/** Fetches now and waits for it ({@code refresh}); returns how many values of each kind there are. */
	public Map<Kind, Integer> refresh(Connection connection) throws Exception {
		Entry entry = entry(connection);
		CompletableFuture<Void> fetch = refreshAsync(connection, entry);
		fetch.get(Math.max(30, session.settings().http().readTimeout().toSeconds() * 2), TimeUnit.SECONDS);
		Map<Kind, Integer> counts = new java.util.EnumMap<>(Kind.class);
		for (Kind k : Kind.values()) {
			counts.put(k, entry.values.getOrDefault(k, List.of()).size());
		}
		return counts;
	}

	private boolean isExpired(Entry entry) {
		Instant at = entry.fetchedAt;
		return at == null || Duration.between(at, clock.instant()).compareTo(ttl) > 0;
	}

	private synchronized CompletableFuture<Void> refreshAsync(Connection connection, Entry entry) {
		CompletableFuture<Void> running = entry.inFlight;
		if (running != null && !running.isDone()) {
			return running;
		}
		CompletableFuture<Void> fetch = CompletableFuture.runAsync(() -> fetch(connection, entry), fetchers);
		entry.inFlight = fetch;
		return fetch;
	}

	private void fetch(Connection connection, Entry entry) {
		Map<Kind, List<Value>> next;
		try {
			next = fetcher.fetch(connection, entry.values);
		}
		catch (RuntimeException e) {
			entry.notifyStale = true;
			throw e;
		}
		entry.values = Map.copyOf(next);
		entry.fetchedAt = clock.instant();
		entry.notifyStale = false;
		save(entry);
	}

	// ---- the shell's own changes

	private void change(Connection connection, Kind kind, UnaryOperator<List<Value>> edit) {
		Entry entry = entry(connection);
		if (!entry.hasData()) {
			return;
		}
		synchronized (entry) {
			Map<Kind, List<Value>> next = new java.util.EnumMap<>(Kind.class);
			next.putAll(entry.values);
			next.put(kind, List.copyOf(edit.apply(new ArrayList<>(entry.values.getOrDefault(kind, List.of())))));
			entry.values = Map.copyOf(next);
		}
		save(entry);
	}

	@Override
	public void userAdded(Connection connection, String email) {
		change(connection, Kind.USERS, list -> {
			list.removeIf(v -> v.value().equalsIgnoreCase(email));
			Value added = ValueFetcher.user(email, null, "invited");
			if (added != null) {
				list.add(added);
			}
			return list;
		});
	}

	@Override
	public void userRemoved(Connection connection, String email) {
		change(connection, Kind.USERS, list -> {
			list.removeIf(v -> v.value().equalsIgnoreCase(email));
			return list;
		});
	}

	@Override
	public void roleAdded(Connection connection, String id, String name) {
		change(connection, Kind.ROLES, list -> {
			list.removeIf(v -> isRole(v, id));
			Value added = ValueFetcher.role(id, name);
			if (added != null) {
				list.add(added);
			}
			return list;
		});
	}

	@Override
	public void roleRemoved(Connection connection, String id, String name) {
		change(connection, Kind.ROLES, list -> {
			list.removeIf(v -> isRole(v, id));
			return list;
		});
	}

	/** Whether a cached role value is role {@code id}'s: its name described by the id, or the id itself. */
	private static boolean isRole(Value v, String id) {
		return v.description().equals(id) || v.value().equals(id);
	}

	@Override
	public void tokenAdded(Connection connection, String clientId, String description) {
		change(connection, Kind.TOKENS, list -> {
			String created = clock.instant().toString().substring(0, 10);
			Value added = ValueFetcher.token(clientId, description, created);
			if (added != null) {
				list.add(0, added);
			}
			return list;
		});
	}

	@Override
	public void tokenRemoved(Connection connection, String clientId) {
		change(connection, Kind.TOKENS, list -> {
			list.removeIf(v -> v.value().equals(clientId));
			return list;
		});
	}

	// ---- identity and disk

	private Entry entry(Connection connection) {
		String key = cacheKey(connection);
		return entries.computeIfAbsent(key, k -> {
			Entry e = new Entry(k, identityHash(connection));
			load(e);
			return e;
		});
	}

	/** The directory name of a connection's values: its profile, or a hash of the token's identity. */
	String cacheKey(Connection connection) {
		String profile = connection.profile();
		String env = connection.environment().name().toLowerCase();
		if (profile != null) {
			return CompletionStore.profileFolder(profile, env);
		}
		return CompletionStore.tokenFolder(identityHash(connection));
	}

	/** A hash of environment, endpoint and token: never the token itself. */
	String identityHash(Connection connection) {
		String where = connection.environment() == AstraEnvironment.LOCAL && session.isEmbedded(connection)
				? "embedded:" + session.home().path() : connection.baseUrl().toString();
		return sha256(connection.environment() + "|" + where + "|" + connection.token());
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private void load(Entry entry) {
		Map<Kind, List<Value>> loaded = store.load(entry.key, entry.identityHash);
		if (loaded != null) {
			entry.values = loaded;
			entry.loadedFromDisk = true;
			// values from disk complete at once, and are refreshed at the first chance
		}
	}

	private void save(Entry entry) {
		store.save(entry.key, entry.identityHash, entry.values);
	}

	/** Whether the values of a connection came from disk and were not fetched yet (tests). */
	boolean isFromDiskOnly(Connection connection) {
		Entry e = entries.get(cacheKey(connection));
		return e != null && e.loadedFromDisk && e.fetchedAt == null;
	}

}
