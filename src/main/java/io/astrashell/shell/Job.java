package io.astrashell.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One command line run (a line typed at the prompt, on a worker thread; a one-shot command, on the
 * main thread), which Ctrl-C may abandon. Abandoning it closes its gate: from then on nothing that
 * thread writes through the {@link Console} (or as a {@code -v} debug line) reaches the screen, so an
 * abandoned command cannot print over the prompt when its request fails or answers late; and it
 * tells a running script to start no further line. Whoever abandoned it then prints its
 * {@link #stopReport()}: where a script stopped, and what the command running then had done
 * ({@link #reportWhileRunning}). A thread without a job (the prompt's own thread) always writes.
 */
public final class Job {

	/** Held while checking a gate and writing, and while closing one: after {@link #cancel()} no write gets through. */
	static final Object OUTPUT_LOCK = new Object();

	private static final ThreadLocal<Job> CURRENT = new ThreadLocal<>();

	private volatile boolean cancelled;

	/** What to say of the line when it is abandoned (a script says where it stopped); null for the generic words. */
	private volatile Supplier<String> stopReport;

	/** What the command running now says of its progress when stopped ({@code org apply}: what it sent), or null. */
	private volatile Supplier<String> commandReport;

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

	/**
	 * What to say when the job is abandoned: where its script stopped, then what the command running
	 * had done; the generic words when neither says anything.
	 */
	String stopReport() {
		Supplier<String> r = stopReport;
		Supplier<String> c = commandReport;
		String script = r == null ? null : r.get();
		String command = c == null ? null : c.get();
		if (script == null && command == null) {
			return "Interrupted: the command was abandoned (a change it already sent may still apply).";
		}
		return script == null ? "Interrupted: " + command : command == null ? script : script + " " + command;
	}

	/** A report of {@link #reportWhileRunning}, until it is closed. */
	public interface Report extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * While the returned report is open, Ctrl-C stopping this thread's job says {@code progress} of
	 * the command (e.g. "org apply stopped: 3 of 10 changes applied, ..."), after where a script
	 * stopped. Once the job is stopped the report stays, closed or not: the command unwinds (its
	 * request interrupted) while the line is being printed. Without a job nothing is reported.
	 */
	public static Report reportWhileRunning(Supplier<String> progress) {
		Job job = CURRENT.get();
		if (job == null) {
			return () -> {
			};
		}
		Supplier<String> before = job.commandReport;
		job.commandReport = progress;
		return () -> {
			if (!job.cancelled) {
				job.commandReport = before;
			}
		};
	}

	/**
	 * {@code task}, to run on another thread as part of this thread's job (the threads of an
	 * {@code org apply} that send its changes): once the job is abandoned, what it writes through the
	 * {@link Console} (a {@code -v} line) is dropped too. Without a job, {@code task} itself.
	 */
	public static Runnable carry(Runnable task) {
		Job job = CURRENT.get();
		if (job == null) {
			return task;
		}
		return () -> job.run(() -> {
			task.run();
			return null;
		});
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
