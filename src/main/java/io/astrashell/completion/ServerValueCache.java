package io.astrashell.completion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.function.UnaryOperator;

import io.astrashell.api.ApiException;
import io.astrashell.api.DevOpsClient;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.User;
import io.astrashell.files.AtomicFile;
import io.astrashell.service.ChangeListener;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.AstraHome;
import io.astrashell.session.Connection;
import io.astrashell.session.Session;

/**
 * The values Tab completes from the server (user emails, role names, token client ids), one set per
 * session identity (environment, endpoint, token). A Tab reads memory only: the values are fetched
 * in the background when a session starts or switches, kept for a TTL, served stale while a refresh
 * runs, and kept on disk per profile (no token, no secret) so that a new prompt completes at once.
 * A Tab that finds nothing yet waits for the first fetch a bounded time. The shell's own changes
 * update the values at once.
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

	/** One value and the description shown beside it. */
	public record Value(String value, String description) {
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

	private final Path directory;

	private final Clock clock;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final ExecutorService fetchers = Executors.newFixedThreadPool(2, r -> {
		Thread t = new Thread(r, "astra-completion-fetch");
		t.setDaemon(true);
		return t;
	});

	public ServerValueCache(Session session, Duration ttl, Duration firstFetchWait, Path directory, Clock clock) {
		this.session = session;
		this.ttl = ttl;
		this.firstFetchWait = firstFetchWait;
		this.directory = directory;
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
		DevOpsClient client = session.client(connection);
		Map<Kind, List<Value>> next = new java.util.EnumMap<>(Kind.class);
		try {
			List<Role> roles = optional(client::roles);
			next.put(Kind.ROLES, roles == null ? entry.values.getOrDefault(Kind.ROLES, List.of()) : roleValues(roles));
			List<User> users = optional(() -> client.users().users());
			next.put(Kind.USERS, users == null ? List.of() : userValues(users));
			List<TokenInfo> tokens = optional(() -> client.tokens().clients());
			next.put(Kind.TOKENS, tokens == null ? List.of() : tokenValues(tokens, roles == null ? List.of() : roles));
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

	/** A listing the token may not be allowed to read (403) is simply empty. */
	private static <T> T optional(java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ApiException.Forbidden e) {
			return null;
		}
	}

	static List<Value> userValues(List<User> users) {
		List<Value> out = new ArrayList<>(users.size());
		for (User u : users) {
			if (u.email() != null) {
				String roles = String.join(", ", u.roles().stream().map(Role::name).filter(n -> n != null).toList());
				out.add(new Value(u.email(), u.status() + (roles.isEmpty() ? "" : " · " + roles)));
			}
		}
		return out;
	}

	static List<Value> roleValues(List<Role> roles) {
		List<Value> out = new ArrayList<>(roles.size());
		for (Role r : roles) {
			if (r.name() != null) {
				out.add(new Value(r.name(), r.id()));
			}
		}
		return out;
	}

	static List<Value> tokenValues(List<TokenInfo> tokens, List<Role> roles) {
		List<Value> out = new ArrayList<>(tokens.size());
		for (TokenInfo t : tokens) {
			List<String> names = new ArrayList<>();
			for (String id : t.roles()) {
				names.add(roles.stream().filter(r -> id.equals(r.id())).map(Role::name).findFirst().orElse(id));
			}
			String created = t.generatedOn() == null ? "" : t.generatedOn().substring(0, Math.min(10, t.generatedOn().length()));
			String description = t.description() == null || t.description().isBlank() ? "(no description)" : t.description();
			out.add(new Value(t.clientId(), description + " · " + String.join(", ", names) + " · " + created));
		}
		return out;
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
			list.add(new Value(email, "invited"));
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
			list.removeIf(v -> v.description().equals(id));
			list.add(new Value(name, id));
			return list;
		});
	}

	@Override
	public void roleRemoved(Connection connection, String id, String name) {
		change(connection, Kind.ROLES, list -> {
			list.removeIf(v -> v.description().equals(id));
			return list;
		});
	}

	@Override
	public void tokenAdded(Connection connection, String clientId, String description) {
		change(connection, Kind.TOKENS, list -> {
			list.add(0, new Value(clientId, (description == null || description.isBlank() ? "(no description)"
					: description) + " · " + clock.instant().toString().substring(0, 10)));
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
			return "profile-" + profile.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + env;
		}
		return "token-" + identityHash(connection).substring(0, 16);
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
		Path dir = directory.resolve(entry.key);
		try {
			if (!Files.isRegularFile(dir.resolve("identity"))
					|| !Files.readString(dir.resolve("identity")).trim().equals(entry.identityHash)) {
				return;
			}
			Map<Kind, List<Value>> loaded = new java.util.EnumMap<>(Kind.class);
			for (Kind k : Kind.values()) {
				Path file = dir.resolve(k.file + ".tsv");
				if (Files.isRegularFile(file)) {
					List<Value> values = new ArrayList<>();
					for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
						int tab = line.indexOf('\t');
						if (tab > 0) {
							values.add(new Value(line.substring(0, tab), line.substring(tab + 1)));
						}
					}
					loaded.put(k, List.copyOf(values));
				}
			}
			entry.values = Map.copyOf(loaded);
			entry.loadedFromDisk = true;
			// values from disk complete at once, and are refreshed at the first chance
		}
		catch (IOException | RuntimeException e) {
			// no disk cache: the first fetch fills it
		}
	}

	private void save(Entry entry) {
		Path dir = directory.resolve(entry.key);
		try {
			Files.createDirectories(dir);
			AstraHome.ownerOnly(directory);
			AstraHome.ownerOnly(dir);
			writeAtomically(dir.resolve("identity"), entry.identityHash + "\n");
			Map<Kind, List<Value>> values = entry.values;
			for (Kind k : Kind.values()) {
				StringBuilder b = new StringBuilder();
				for (Value v : values.getOrDefault(k, List.of())) {
					b.append(clean(v.value())).append('\t').append(clean(v.description())).append('\n');
				}
				writeAtomically(dir.resolve(k.file + ".tsv"), b.toString());
			}
		}
		catch (IOException | RuntimeException e) {
			// the memory cache still works
		}
	}

	private static String clean(String s) {
		return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
	}

	private static void writeAtomically(Path file, String text) throws IOException {
		AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Whether the values of a connection came from disk and were not fetched yet (tests). */
	boolean isFromDiskOnly(Connection connection) {
		Entry e = entries.get(cacheKey(connection));
		return e != null && e.loadedFromDisk && e.fetchedAt == null;
	}

}
