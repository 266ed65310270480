package io.astrashell.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One line typed at the prompt, run on a worker thread, which Ctrl-C may abandon. Abandoning it
 * closes its gate: from then on nothing that thread writes through the {@link Console} (or as a
 * {@code -v} debug line) reaches the screen, so an abandoned command cannot print over the prompt
 * when its request fails or answers late; and it tells a running script to start no further line.
 * A thread without a job (a one-shot command, the prompt's own thread) always writes.
 */
public final class Job {

	/** Held while checking a gate and writing, and while closing one: after {@link #cancel()} no write gets through. */
	static final Object OUTPUT_LOCK = new Object();

	private static final ThreadLocal<Job> CURRENT = new ThreadLocal<>();

	private volatile boolean cancelled;

	/** What to say of the line when it is abandoned (a script says where it stopped); null for the generic words. */
	private volatile Supplier<String> stopReport;

	private final List<Runnable> onAbandon = new ArrayList<>();

	/** Runs {@code work} on this thread as this job. */
	<T> T run(Supplier<T> work) {
		CURRENT.set(this);
		try {
			return work.get();
		}
		finally {
			CURRENT.remove();
		}
	}

	/** Abandons the job: its output is dropped from now on, and its script starts no further line. */
	void cancel() {
		synchronized (OUTPUT_LOCK) {
			cancelled = true;
		}
	}

	boolean isCancelled() {
		return cancelled;
	}

	/** The job of this thread, or null. */
	static Job current() {
		return CURRENT.get();
	}

	/**
	 * Whether the work on this thread is to stop: its job was abandoned, or the thread was interrupted.
	 * Checked before each line of a script.
	 */
	public static boolean stopRequested() {
		Job job = CURRENT.get();
		return (job != null && job.cancelled) || Thread.currentThread().isInterrupted();
	}

	/** Whether this thread's output is dropped (its job was abandoned). Call holding {@link #OUTPUT_LOCK}. */
	static boolean muted() {
		Job job = CURRENT.get();
		return job != null && job.cancelled;
	}

	/** Sets what the prompt says when this job is abandoned. */
	void reportOnStop(Supplier<String> report) {
		this.stopReport = report;
	}

	String stopReport() {
		Supplier<String> r = stopReport;
		return r == null ? null : r.get();
	}

	/**
	 * Work the prompt does on its own thread when it abandons the job (a script's session switches
	 * undone), so that the next line typed does not wait for the abandoned thread to end.
	 */
	synchronized void onAbandon(Runnable action) {
		onAbandon.add(action);
	}

	synchronized void removeOnAbandon(Runnable action) {
		onAbandon.remove(action);
	}

	/** Runs the actions of {@link #onAbandon}; called by the prompt after {@link #cancel()}. */
	void abandoned() {
		List<Runnable> actions;
		synchronized (this) {
			actions = new ArrayList<>(onAbandon);
			onAbandon.clear();
		}
		for (Runnable a : actions) {
			a.run();
		}
	}

}
