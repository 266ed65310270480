package io.astrashell.completion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.astrashell.api.Trace;
import io.astrashell.cli.ValueKind;
import io.astrashell.service.ChangeListener;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;

/**
 * The values Tab completes from the server, one set per session identity (environment, endpoint,
 * token), of each {@link ServerKind} the nouns register. A Tab reads memory only: the values are
 * fetched in the background when a session starts or switches, kept for a TTL, served stale while a
 * refresh runs, and kept on disk per profile (no token, no secret: {@link CompletionStore}) so that a
 * new prompt completes at once. A Tab that finds nothing yet of its kind waits for that kind's first
 * fetch a bounded time. Each kind is fetched and kept on its own: one failing (logged under
 * {@code -v}, tried again at the next chance) leaves the others working. The shell's own changes
 * update the values at once.
 */
public final class ServerValueCache implements ChangeListener, AutoCloseable {

	/** The values of one kind for one identity. */
	static final class KindValues {

		volatile List<Candidate> values;

		volatile Instant fetchedAt;

		volatile CompletableFuture<Void> inFlight;

	}

	/** The values of one identity. */
	static final class Entry {

		final String key;

		final String identityHash;

		final Map<ValueKind, KindValues> kinds = new ConcurrentHashMap<>();

		volatile boolean notifyStale;

		volatile boolean loadedFromDisk;

		Entry(String key, String identityHash) {
			this.key = key;
			this.identityHash = identityHash;
		}

		KindValues of(ValueKind kind) {
			return kinds.computeIfAbsent(kind, k -> new KindValues());
		}

		List<Candidate> values(ValueKind kind) {
			KindValues v = kinds.get(kind);
			List<Candidate> values = v == null ? null : v.values;
			return values == null ? List.of() : values;
		}

	}

	private final Session session;

	private final Supplier<List<ServerKind<?>>> registered;

	private volatile List<ServerKind<?>> kinds;

	private final Duration ttl;

	private final Duration firstFetchWait;

	private final CompletionStore store;

	private final Clock clock;

	private final Trace trace;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final ExecutorService fetchers = Executors.newFixedThreadPool(2, r -> {
		Thread t = new Thread(r, "astra-completion-fetch");
		t.setDaemon(true);
		return t;
	});

	/**
	 * {@code kinds}: the registered server kinds, looked up at their first use (the command classes
	 * that register them take the services, which take this cache as their listener). The values are
	 * kept on disk in the {@code completion} folder of {@code home}, the astra home.
	 */
	public ServerValueCache(Session session, Supplier<List<ServerKind<?>>> kinds, Duration ttl,
			Duration firstFetchWait, Path home, Clock clock, Trace trace) {
		this.session = session;
		this.registered = kinds;
		this.ttl = ttl;
		this.firstFetchWait = firstFetchWait;
		this.store = new CompletionStore(home.resolve(CompletionStore.DIRECTORY));
		this.clock = clock;
		this.trace = trace;
	}

	/** The registered server kinds, by name; two registrations of one name stop the shell. */
	public List<ServerKind<?>> kinds() {
		List<ServerKind<?>> k = kinds;
		if (k == null) {
			Map<String, ServerKind<?>> byName = new LinkedHashMap<>();
			for (ServerKind<?> kind : registered.get()) {
				if (byName.put(kind.kind().name(), kind) != null) {
					throw new IllegalStateException("Server value kind " + kind.kind() + " is registered twice.");
				}
			}
			k = byName.values().stream().sorted(Comparator.comparing(s -> s.kind().name())).toList();
			kinds = k;
		}
		return k;
	}

	/** The registration of a kind, or null when no noun registers it. */
	public ServerKind<?> kind(ValueKind kind) {
		for (ServerKind<?> k : kinds()) {
			if (k.kind().equals(kind)) {
				return k;
			}
		}
		return null;
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
	 * The cached values of a kind, memory only. With nothing of that kind cached yet, starts its fetch
	 * and waits for it at most the first-fetch wait; with values past their TTL, serves them and
	 * refreshes in the background.
	 */
	public List<Candidate> values(Identity identity, ValueKind kind) {
		ServerKind<?> registration = kind(kind);
		if (registration == null) {
			return List.of();
		}
		Entry entry = entry(identity);
		KindValues k = entry.of(kind);
		if (k.values == null) {
			try {
				refreshAsync(identity, entry, registration).get(firstFetchWait.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException e) {
				// the Tab goes on with what there is; the fetch finishes in the background
			}
			catch (Exception e) {
				// a failed fetch leaves what there was
			}
		}
		else if (isExpired(k)) {
			refreshAsync(identity, entry, registration);
		}
		return entry.values(kind);
	}

	/** A one-time, quiet note that some values may be stale (a kind's last fetch failed), or null. */
	public String takeStaleNotice(Identity identity) {
		Entry entry = entries.get(cacheKey(identity));
		if (entry != null && entry.notifyStale) {
			entry.notifyStale = false;
			return "Completion values may be stale: the last fetch from the API failed. 'refresh' tries again.";
		}
		return null;
	}

	// ---- fetching

	/** Makes sure every kind's values of a connection are fresh or on their way (after each command). */
	public void warm(Identity identity) {
		Entry entry = entry(identity);
		for (ServerKind<?> kind : kinds()) {
			KindValues k = entry.of(kind.kind());
			if (k.values == null || isExpired(k)) {
				refreshAsync(identity, entry, kind);
			}
		}
	}

	/** What {@code refresh} found: how many values of each kind, and the kinds whose fetch failed. */
	public record Refreshed(Map<ValueKind, Integer> counts, Map<ValueKind, Throwable> failures) {
	}

	/** Fetches every kind now and waits for them ({@code refresh}). */
	public Refreshed refresh(Identity identity) throws InterruptedException {
		Entry entry = entry(identity);
		Map<ServerKind<?>, CompletableFuture<Void>> fetches = new LinkedHashMap<>();
		for (ServerKind<?> kind : kinds()) {
			fetches.put(kind, refreshAsync(identity, entry, kind));
		}
		long waitSeconds = Math.max(30, session.settings().http().readTimeout().toSeconds() * 2);
		Map<ValueKind, Integer> counts = new LinkedHashMap<>();
		Map<ValueKind, Throwable> failures = new LinkedHashMap<>();
		for (Map.Entry<ServerKind<?>, CompletableFuture<Void>> f : fetches.entrySet()) {
			ValueKind kind = f.getKey().kind();
			try {
				f.getValue().get(waitSeconds, TimeUnit.SECONDS);
				counts.put(kind, entry.values(kind).size());
			}
			catch (ExecutionException e) {
				failures.put(kind, e.getCause());
			}
			catch (TimeoutException e) {
				failures.put(kind, e);
			}
		}
		return new Refreshed(counts, failures);
	}

	private boolean isExpired(KindValues k) {
		Instant at = k.fetchedAt;
		return at == null || Duration.between(at, clock.instant()).compareTo(ttl) > 0;
	}

	private CompletableFuture<Void> refreshAsync(Identity identity, Entry entry, ServerKind<?> kind) {
		KindValues k = entry.of(kind.kind());
		synchronized (k) {
			CompletableFuture<Void> running = k.inFlight;
			if (running != null && !running.isDone()) {
				return running;
			}
			CompletableFuture<Void> fetch = CompletableFuture.runAsync(() -> fetch(identity, entry, kind), fetchers);
			k.inFlight = fetch;
			return fetch;
		}
	}

	private void fetch(Identity identity, Entry entry, ServerKind<?> kind) {
		KindValues k = entry.of(kind.kind());
		List<Candidate> next;
		try {
			next = ValueFetcher.fetch(kind, identity);
		}
		catch (RuntimeException e) {
			entry.notifyStale = true;
			trace.log(() -> "fetching the " + kind.kind().describes() + " to complete failed (tried again later): " + e);
			throw e;
		}
		// a listing the token may not read: none, or what was there before
		k.values = next != null ? next : k.values == null ? List.of() : k.values;
		k.fetchedAt = clock.instant();
		save(entry, kind);
	}

	// ---- the shell's own changes

	@Override
	public void added(Identity identity, Object record) {
		change(identity, record, true);
	}

	@Override
	public void removed(Identity identity, Object record) {
		change(identity, record, false);
	}

	/**
	 * A record added or removed: each kind following its type drops the record's value (in any case),
	 * and, for an addition, offers it first. A kind not fetched yet is left to its first fetch.
	 */
	private void change(Identity identity, Object record, boolean added) {
		Entry entry = entry(identity);
		for (ServerKind<?> kind : kinds()) {
			Candidate c = kind.offerIfMine(record);
			KindValues k = entry.kinds.get(kind.kind());
			if (c == null || k == null || k.values == null) {
				continue;
			}
			synchronized (k) {
				List<Candidate> next = new ArrayList<>(k.values);
				next.removeIf(v -> v.value().equalsIgnoreCase(c.value()));
				if (added) {
					next.add(0, c);
				}
				k.values = List.copyOf(next);
			}
			save(entry, kind);
		}
	}

	// ---- identity and disk

	private Entry entry(Identity identity) {
		String key = cacheKey(identity);
		return entries.computeIfAbsent(key, k -> {
			Entry e = new Entry(k, identityHash(identity));
			load(e);
			return e;
		});
	}

	/** The directory name of a connection's values: its profile, or a hash of the token's identity. */
	String cacheKey(Identity identity) {
		String profile = identity.profile();
		String env = identity.environment().name().toLowerCase();
		if (profile != null) {
			return CompletionStore.profileFolder(profile, env);
		}
		return CompletionStore.tokenFolder(identityHash(identity));
	}

	/** A hash of environment, endpoint and token: never the token itself. */
	String identityHash(Identity identity) {
		String where = identity.environment() == AstraEnvironment.LOCAL && session.isEmbedded(identity)
				? "embedded:" + session.home().path() : identity.baseUrl().toString();
		return sha256(identity.environment() + "|" + where + "|" + identity.token());
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
		Map<ValueKind, List<Candidate>> loaded = store.load(entry.key, entry.identityHash, kinds());
		if (loaded != null) {
			// values from disk complete at once, and are refreshed at the first chance
			loaded.forEach((kind, values) -> entry.of(kind).values = values);
			entry.loadedFromDisk = !loaded.isEmpty();
		}
	}

	private void save(Entry entry, ServerKind<?> kind) {
		store.save(entry.key, entry.identityHash, kind, entry.values(kind.kind()));
	}

	/** Whether the values of a connection came from disk and were not fetched yet (tests). */
	boolean isFromDiskOnly(Identity identity) {
		Entry e = entries.get(cacheKey(identity));
		return e != null && e.loadedFromDisk && e.kinds.values().stream().allMatch(k -> k.fetchedAt == null);
	}

}
