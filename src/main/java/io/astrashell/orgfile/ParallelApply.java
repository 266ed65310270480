package io.astrashell.orgfile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.astrashell.api.ApiException;
import io.astrashell.api.CallInterrupted;
import io.astrashell.error.AstraError;

/**
 * Sends the changes of a plan, up to {@code parallel} at once, each as soon as the earlier changes it
 * depends on ({@link ApplyOrder}) have landed; tells the progress of each landing in the plan's order
 * (an answer that comes early waits for those before it). With {@code parallel} 1 it sends them one
 * at a time in the plan's order.
 *
 * <p>Throttling: an answer 429 (or 503 with a {@code Retry-After}) means the change did not happen;
 * the number of changes allowed in flight is halved (at least 1, once per burst of such answers), no
 * change is sent until the wait the answer named has passed (at most {@link #MAX_WAIT}; doubling from
 * {@link #FIRST_BACKOFF} when it named none), and the change goes again, {@link #MAX_TRIES} tries in
 * all. Every {@link #GROW_EVERY} changes landed let one more in flight, up to {@code parallel}; to
 * reach the number that was throttled last takes eight times as many.
 *
 * <p>A change whose request may have reached the server without its answer coming back (no answer
 * within the timeouts, a connection cut) is read back before it is sent again: if it landed, it is
 * done. The first failure in the plan's order stops the sending; the changes in flight then are
 * answered first. An interrupt (Ctrl-C) stops the sending at once and cancels those in flight (their
 * connections closed).
 */
final class ParallelApply {

	/** Tries of one change, throttled or unanswered, before it fails as its last answer did. */
	static final int MAX_TRIES = 8;

	/** The longest wait a {@code Retry-After} is honoured for. */
	static final Duration MAX_WAIT = Duration.ofSeconds(60);

	/** The first wait when a throttled answer names none, doubling with each try. */
	static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	/** Changes landed for each one more allowed in flight, after a throttled answer. */
	static final int GROW_EVERY = 8;

	/** How long an interrupted apply waits for its cancelled requests to let go. */
	private static final long CANCEL_WAIT_MILLIS = 200;

	/** The requests of one change. */
	interface Work {

		/** Sends the change (its requests); a failure is an {@link AstraError}. */
		void send(int index);

		/** Whether the change has landed, read from the API, for one sent without an answer. */
		boolean landed(int index);

	}

	private enum State {
		WAITING, RUNNING, LANDED, FAILED
	}

	private enum Kind {
		LANDED, THROTTLED, UNCERTAIN, FAILED, FATAL
	}

	private record Result(int index, Kind kind, RuntimeException error, Duration retryAfter, long generation) {
	}

	private final List<Plan.Change> changes;

	private final int[][] deps;

	private final int parallel;

	private final OrgFileService.Progress progress;

	private final Work work;

	/** Changes sent without an answer: read back before they go again. Written by the workers. */
	private final AtomicIntegerArray uncertain;

	ParallelApply(List<Plan.Change> changes, int parallel, OrgFileService.Progress progress, Work work) {
		this.changes = changes;
		this.deps = ApplyOrder.dependencies(changes);
		this.parallel = parallel;
		this.progress = progress;
		this.work = work;
		this.uncertain = new AtomicIntegerArray(changes.size());
	}

	/** Sends them all; returns how many landed, or throws {@link OrgFileService.Failed} or {@link CallInterrupted}. */
	int run() {
		int n = changes.size();
		if (n == 0) {
			return 0;
		}
		State[] state = new State[n];
		Arrays.fill(state, State.WAITING);
		int[] tries = new int[n];
		long[] notBefore = new long[n];
		RuntimeException[] errors = new RuntimeException[n];
		BlockingQueue<Result> answers = new LinkedBlockingQueue<>();
		AtomicInteger threads = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, n)), r -> {
			Thread t = new Thread(progress.onWorker(r), "astra-apply-" + threads.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		int limit = parallel;
		int running = 0;
		int landed = 0;
		int sinceGrow = 0;
		int throttledAt = Integer.MAX_VALUE;
		long generation = 0;
		long pausedUntil = System.nanoTime();
		int printed = 0;
		int firstWaiting = 0;
		int failed = 0;
		RuntimeException fatal = null;
		boolean stopped = false;
		try {
			while (true) {
				if (Thread.currentThread().isInterrupted()) {
					throw new InterruptedException();
				}
				long now = System.nanoTime();
				long wake = Long.MAX_VALUE;
				if (failed == 0 && fatal == null) {
					while (firstWaiting < n && state[firstWaiting] != State.WAITING) {
						firstWaiting++;
					}
					if (pausedUntil - now > 0) {
						wake = pausedUntil;
					}
					else {
						for (int i = firstWaiting; i < n && running < limit; i++) {
							if (state[i] != State.WAITING || !ready(i, state)) {
								continue;
							}
							if (notBefore[i] - now > 0) {
								wake = Math.min(wake, notBefore[i]);
								continue;
							}
							state[i] = State.RUNNING;
							running++;
							Plan.Change change = changes.get(i);
							progress.sending(change);
							int index = i;
							long sentIn = generation;
							pool.execute(() -> answers.add(attempt(index, sentIn)));
						}
					}
				}
				if (running == 0) {
					if (failed > 0 || fatal != null || firstWaiting >= n) {
						break;
					}
					if (wake == Long.MAX_VALUE) {
						throw new IllegalStateException("no change of the plan can be sent"); // dependencies point back
					}
				}
				Result r = wake == Long.MAX_VALUE ? answers.take()
						: answers.poll(Math.max(1, wake - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (r == null) {
					continue;
				}
				running--;
				int i = r.index();
				Plan.Change change = changes.get(i);
				switch (r.kind()) {
					case LANDED -> {
						state[i] = State.LANDED;
						landed++;
						progress.landed(change);
						// back to just below where the service throttled quickly, past it slowly
						if (limit < parallel && ++sinceGrow >= (limit + 1 >= throttledAt ? GROW_EVERY * 8 : GROW_EVERY)) {
							limit++;
							sinceGrow = 0;
						}
					}
					case THROTTLED, UNCERTAIN -> {
						tries[i]++;
						if (tries[i] >= MAX_TRIES) {
							state[i] = State.FAILED;
							errors[i] = r.error();
							failed++;
							progress.failed(change);
							break;
						}
						state[i] = State.WAITING;
						firstWaiting = Math.min(firstWaiting, i);
						Duration wait = backoff(tries[i]);
						if (r.kind() == Kind.THROTTLED) {
							progress.unsent(change); // a throttled request did not happen
							if (r.generation() == generation) { // once per burst of throttled answers
								throttledAt = limit;
								limit = Math.max(1, limit / 2);
								generation++;
								sinceGrow = 0;
							}
							if (r.retryAfter() != null) {
								wait = r.retryAfter().compareTo(MAX_WAIT) > 0 ? MAX_WAIT : r.retryAfter();
							}
							long until = System.nanoTime() + wait.toNanos();
							if (until - pausedUntil > 0) {
								pausedUntil = until;
							}
						}
						else {
							notBefore[i] = System.nanoTime() + wait.toNanos(); // still in flight: it may have landed
						}
					}
					case FAILED -> {
						state[i] = State.FAILED;
						errors[i] = r.error();
						failed++;
						progress.failed(change);
					}
					case FATAL -> {
						state[i] = State.FAILED;
						fatal = fatal == null ? r.error() : fatal;
					}
				}
				while (printed < n && state[printed] == State.LANDED) {
					progress.applied(changes.get(printed++));
				}
			}
		}
		catch (InterruptedException e) {
			stopped = true;
		}
		finally {
			pool.shutdownNow(); // an interrupt closes the connection of each request in flight
		}
		if (stopped || Thread.currentThread().isInterrupted()) {
			try {
				pool.awaitTermination(CANCEL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				// stopping already
			}
			for (Result r; (r = answers.poll()) != null;) {
				if (r.kind() == Kind.LANDED) {
					progress.landed(changes.get(r.index())); // answered as it stopped: it counts as applied
					state[r.index()] = State.LANDED;
				}
			}
			Thread.currentThread().interrupt();
			int at = 0;
			while (at < n - 1 && state[at] == State.LANDED) {
				at++;
			}
			throw new CallInterrupted("apply", changes.get(at).line());
		}
		if (fatal != null) {
			throw fatal;
		}
		// the changes that landed after the first failure are told too, still in the plan's order
		for (int i = printed; i < n; i++) {
			if (state[i] == State.LANDED) {
				progress.applied(changes.get(i));
			}
		}
		if (failed > 0) {
			int first = 0;
			while (state[first] != State.FAILED) {
				first++;
			}
			List<Plan.Change> notApplied = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				if (state[i] != State.LANDED) {
					notApplied.add(changes.get(i));
				}
			}
			throw new OrgFileService.Failed(landed, failed, changes.get(first), errors[first], notApplied);
		}
		return landed;
	}

	private boolean ready(int i, State[] state) {
		for (int d : deps[i]) {
			if (state[d] != State.LANDED) {
				return false;
			}
		}
		return true;
	}

	/** 500 ms, 1 s, 2 s... at most {@link #MAX_WAIT}. */
	static Duration backoff(int tries) {
		long ms = FIRST_BACKOFF.toMillis() << Math.min(Math.max(tries - 1, 0), 10);
		return ms > MAX_WAIT.toMillis() ? MAX_WAIT : Duration.ofMillis(ms);
	}

	/** On a worker: one try of change {@code i}, read back first if an earlier try went unanswered. */
	private Result attempt(int i, long generation) {
		try {
			if (uncertain.get(i) == 1) {
				if (work.landed(i)) {
					return new Result(i, Kind.LANDED, null, null, generation);
				}
				uncertain.set(i, 0);
			}
			work.send(i);
			return new Result(i, Kind.LANDED, null, null, generation);
		}
		catch (AstraError e) {
			Throwable cause = e.getCause();
			if (cause instanceof ApiException.Throttled t) {
				return new Result(i, Kind.THROTTLED, e, t.retryAfter(), generation);
			}
			if (mayHaveLanded(cause)) {
				uncertain.set(i, 1);
				return new Result(i, Kind.UNCERTAIN, e, null, generation);
			}
			return new Result(i, Kind.FAILED, e, null, generation);
		}
		catch (RuntimeException e) {
			return new Result(i, Kind.FATAL, e, null, generation);
		}
		catch (Error e) {
			return new Result(i, Kind.FATAL, new IllegalStateException(e), null, generation);
		}
	}

	/**
	 * Whether a request that failed so may have reached the server: no answer within the timeouts, or a
	 * connection cut before the answer's end. Refused connections, unknown hosts, TLS and proxy failures
	 * sent nothing.
	 */
	static boolean mayHaveLanded(Throwable cause) {
		if (cause instanceof ApiException.Incomplete) {
			return true;
		}
		return cause instanceof ApiException.Unreachable u && (u.kind() == ApiException.Unreachable.Kind.TIMEOUT
				|| u.kind() == ApiException.Unreachable.Kind.OTHER);
	}

}
