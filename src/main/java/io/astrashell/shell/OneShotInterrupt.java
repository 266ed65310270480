package io.astrashell.shell;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.astrashell.error.ExitCode;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) on a one-shot run ({@code astra script FILE}, {@code astra org apply FILE}), which
 * would otherwise end the JVM at once, silently. The run's {@link Job} is stopped as the prompt stops
 * a line: its output is cut off and its thread interrupted, so the request in flight has its
 * connection closed, a script starts no further line and an apply sends nothing more; then the
 * prompt's own line ({@link Job#stopReport()}) says where it stopped, and the process exits 130.
 *
 * <p>A command that has not ended {@link #GRACE_MILLIS} after the interrupt (one waiting on standard
 * input, which an interrupt does not wake) is not waited for: the line is printed from the signal's
 * thread and the process exits 130, its shutdown hooks run (a terminal's echo is restored). A second
 * Ctrl-C ends the process at once.
 */
final class OneShotInterrupt {

	/** How long the stopped command may take to come back before the process exits without it. */
	static final long GRACE_MILLIS = 500;

	private final Job job;

	private final Thread worker;

	private final Consumer<String> print;

	private final ProcessIo.Interrupts interrupts;

	private final CountDownLatch ended = new CountDownLatch(1);

	private final AtomicBoolean reported = new AtomicBoolean();

	private final AtomicInteger signals = new AtomicInteger();

	private OneShotInterrupt(Job job, Thread worker, Consumer<String> print, ProcessIo.Interrupts interrupts) {
		this.job = job;
		this.worker = worker;
		this.print = print;
		this.interrupts = interrupts;
	}

	/**
	 * Makes Ctrl-C (as {@code interrupts} delivers it) stop {@code job}, which runs on this thread, and
	 * {@code print} its report. Null when Ctrl-C is not the run's to handle (the JVM keeps SIGINT to
	 * itself: started with {@code -Xrs}, or with the signal ignored, as a background job of a
	 * non-interactive shell is; a test's in-process run): then Ctrl-C does what it did before.
	 */
	static OneShotInterrupt install(Job job, Consumer<String> print, ProcessIo.Interrupts interrupts) {
		OneShotInterrupt interrupt = new OneShotInterrupt(job, Thread.currentThread(), print, interrupts);
		return interrupts.listen(interrupt::signalled) ? interrupt : null;
	}

	/** On the JVM's signal thread (or the thread that heard a served call's cancel). */
	private void signalled() {
		if (signals.incrementAndGet() > 1) {
			interrupts.halt(ExitCode.INTERRUPTED.code());
			return;
		}
		job.cancel();
		worker.interrupt();
		try {
			if (ended.await(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
				return; // the run's thread reports and exits
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		report();
		interrupts.endNow(ExitCode.INTERRUPTED.code());
	}

	/**
	 * The run came back with {@code code}: if Ctrl-C stopped it, its line is printed (once) and the
	 * exit code is 130. Call on the run's thread, outside the job.
	 */
	int ended(int code) {
		ended.countDown();
		if (!job.isCancelled()) {
			return code;
		}
		Thread.interrupted(); // the flag has done its work; clear it for the shutdown that follows
		report();
		return ExitCode.INTERRUPTED.code();
	}

	private void report() {
		if (reported.compareAndSet(false, true)) {
			job.abandoned();
			print.accept(job.stopReport());
		}
	}

}
