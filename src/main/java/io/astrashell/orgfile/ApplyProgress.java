package io.astrashell.orgfile;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.astrashell.cli.FewNames;

/**
 * How far an {@code org apply} got, for the one line Ctrl-C prints: the changes applied (answered),
 * those in flight (sent, not answered: they may or may not apply), and those not sent. Read from
 * the thread that handles Ctrl-C while the apply's own thread sends.
 */
public final class ApplyProgress implements OrgFileService.Progress {

	private enum State {
		NOT_SENT, IN_FLIGHT, APPLIED, FAILED
	}

	private final List<Plan.Change> changes;

	private final OrgFileService.Progress next;

	private final UnaryOperator<Runnable> workers;

	private final Map<Plan.Change, State> states = new IdentityHashMap<>();

	/** Follows the apply of {@code plan}, telling {@code next} of each change applied, in the plan's order. */
	public ApplyProgress(Plan plan, OrgFileService.Progress next) {
		this(plan, next, UnaryOperator.identity());
	}

	/**
	 * As {@link #ApplyProgress(Plan, OrgFileService.Progress)}; the threads that send changes run their
	 * work through {@code workers} (so that they belong to the command's job).
	 */
	public ApplyProgress(Plan plan, OrgFileService.Progress next, UnaryOperator<Runnable> workers) {
		this.changes = plan.changes();
		this.next = next;
		this.workers = workers;
	}

	@Override
	public synchronized void sending(Plan.Change change) {
		states.put(change, State.IN_FLIGHT);
	}

	@Override
	public synchronized void landed(Plan.Change change) {
		states.put(change, State.APPLIED);
	}

	@Override
	public synchronized void unsent(Plan.Change change) {
		states.put(change, State.NOT_SENT);
	}

	@Override
	public synchronized void failed(Plan.Change change) {
		states.put(change, State.FAILED);
	}

	@Override
	public void applied(Plan.Change change) {
		synchronized (this) {
			states.put(change, State.APPLIED);
		}
		next.applied(change);
	}

	@Override
	public Runnable onWorker(Runnable task) {
		return workers.apply(task);
	}

	/**
	 * {@code org apply stopped: 2 of 10 changes applied (...), 1 in flight, sent and not answered:
	 * it may or may not apply (...), 7 not sent (... and 4 more). Run the same apply again to finish.}
	 * Stopped before its first request: {@code ..., 3 not sent (...): nothing was changed.}
	 */
	public synchronized String stopSummary() {
		int total = changes.size();
		List<String> done = lines(State.APPLIED);
		List<String> flying = lines(State.IN_FLIGHT);
		List<String> failed = lines(State.FAILED);
		List<String> notSent = lines(State.NOT_SENT);
		return "org apply stopped: " + done.size() + " of " + total + " change" + (total == 1 ? "" : "s") + " applied"
				+ (done.isEmpty() ? "" : " (" + FewNames.join("; ", done) + ")") + ", "
				+ (flying.isEmpty() ? "none in flight"
						: flying.size() + " in flight, sent and not answered: " + (flying.size() == 1 ? "it" : "they")
								+ " may or may not apply (" + FewNames.join("; ", flying) + ")")
				+ (failed.isEmpty() ? "" : ", " + failed.size() + " failed (" + FewNames.join("; ", failed) + ")")
				+ ", " + notSent.size() + " not sent" + (notSent.isEmpty() ? "" : " (" + FewNames.join("; ", notSent) + ")")
				+ (done.isEmpty() && flying.isEmpty() ? ": nothing was changed." : ". Run the same apply again to finish.");
	}

	private List<String> lines(State state) {
		List<String> out = new ArrayList<>();
		for (Plan.Change c : changes) {
			if (states.getOrDefault(c, State.NOT_SENT) == state) {
				out.add(c.line());
			}
		}
		return out;
	}

}
