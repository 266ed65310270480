package io.astrashell.orgfile;

import java.util.List;

import io.astrashell.cli.FewNames;

/**
 * How far an {@code org apply} got, for the one line Ctrl-C prints: the changes applied (answered),
 * the one in flight (sent, not answered: it may or may not apply), and those not sent. Read from
 * the thread that handles Ctrl-C while the apply's own thread sends.
 */
public final class ApplyProgress implements OrgFileService.Progress {

	private final List<Plan.Change> changes;

	private final OrgFileService.Progress next;

	private int applied;

	private Plan.Change inFlight;

	/** Follows the apply of {@code plan}, telling {@code next} of each change that lands. */
	public ApplyProgress(Plan plan, OrgFileService.Progress next) {
		this.changes = plan.changes();
		this.next = next;
	}

	@Override
	public synchronized void sending(Plan.Change change) {
		inFlight = change;
	}

	@Override
	public void applied(Plan.Change change) {
		synchronized (this) {
			applied++;
			inFlight = null;
		}
		next.applied(change);
	}

	/**
	 * {@code org apply stopped: 2 of 10 changes applied (...), 1 in flight, sent and not answered:
	 * it may or may not apply (...), 7 not sent (... and 4 more). Run the same apply again to finish.}
	 * Stopped before its first request: {@code ..., 3 not sent (...): nothing was changed.}
	 */
	public synchronized String stopSummary() {
		int total = changes.size();
		int flying = inFlight == null ? 0 : 1;
		List<String> done = lines(0, applied);
		List<String> notSent = lines(applied + flying, total);
		return "org apply stopped: " + applied + " of " + total + " change" + (total == 1 ? "" : "s") + " applied"
				+ (done.isEmpty() ? "" : " (" + FewNames.join("; ", done) + ")") + ", "
				+ (inFlight == null ? "none in flight"
						: "1 in flight, sent and not answered: it may or may not apply ("
								+ FewNames.cut(inFlight.line()) + ")")
				+ ", " + notSent.size() + " not sent" + (notSent.isEmpty() ? "" : " (" + FewNames.join("; ", notSent) + ")")
				+ (applied == 0 && flying == 0 ? ": nothing was changed." : ". Run the same apply again to finish.");
	}

	private List<String> lines(int from, int to) {
		return changes.subList(Math.min(from, to), to).stream().map(Plan.Change::line).toList();
	}

}
