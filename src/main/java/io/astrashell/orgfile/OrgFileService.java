package io.astrashell.orgfile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.astrashell.api.CallInterrupted;
import io.astrashell.api.RolesApi;
import io.astrashell.api.TokensApi;
import io.astrashell.api.UsersApi;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.TokenList;
import io.astrashell.error.AstraError;
import io.astrashell.service.ApiCalls;
import io.astrashell.service.ChangeListener;
import io.astrashell.service.RoleService;
import io.astrashell.service.UserService;
import io.astrashell.session.Identity;
import io.astrashell.session.TokenFormat;
import org.springframework.stereotype.Service;

/**
 * The organization as a file, against the API: export it, plan the changes that make it match a
 * file (one users listing and one roles listing, however large the organization), and apply them
 * (one request per change, several at once in the order their dependencies allow).
 */
@Service
public final class OrgFileService {

	private final ApiCalls api;

	private final ChangeListener changes;

	public OrgFileService(ApiCalls api, ChangeListener changes) {
		this.api = api;
		this.changes = changes;
	}

	/** What the organization holds now: its users listing and its roles listing. */
	public record State(OrganizationUsers users, List<Role> roles) {
	}

	/** The two listings; a body of null is an empty listing, and a null role is left out. */
	public State state(Identity identity) {
		OrganizationUsers users = api.call(identity, "list the users", UsersApi::list);
		List<Role> roles = api.call(identity, "list the roles", RolesApi::list);
		return new State(users == null ? new OrganizationUsers(null, null, null) : users,
				roles == null ? List.of() : roles.stream().filter(r -> r != null).toList());
	}

	private List<TokenInfo> tokens(Identity identity) {
		TokenList listed = api.call(identity, "list the tokens", TokensApi::list);
		return listed == null ? List.of() : listed.clients();
	}

	/**
	 * The organization as YAML text, the same document as data, and what the file could not carry
	 * (an entry the reader would refuse: left out, one sentence each).
	 */
	public record Export(String yaml, Map<String, Object> document, String orgName, List<String> leftOut) {
	}

	public Export export(Identity identity, boolean withTokens) {
		State state = state(identity);
		List<TokenInfo> tokens = withTokens ? tokens(identity) : null;
		Instant now = Instant.now();
		OrgFileWriter.Carried carried = OrgFileWriter.carry(state.users(), state.roles(), tokens);
		return new Export(OrgFileWriter.yaml(carried, now), OrgFileWriter.document(carried, now), state.users().orgName(),
				carried.leftOut());
	}

	/** A plan and the state it was made from (apply needs the role ids and the organization's id). */
	public record Planned(State state, Plan plan) {
	}

	/**
	 * The plan for {@code file}. When it deletes roles, the tokens are listed too (one more request),
	 * to refuse deleting a role the session's own token holds.
	 */
	public Planned plan(Identity identity, OrgFile file, boolean prune) {
		State state = state(identity);
		Plan plan = Planner.plan(file, state.users(), state.roles(), prune);
		List<Plan.RemoveRole> deletions = plan.changes().stream()
			.filter(Plan.RemoveRole.class::isInstance)
			.map(Plan.RemoveRole.class::cast)
			.toList();
		if (!deletions.isEmpty()) {
			String own = TokenFormat.clientId(identity.token());
			List<TokenInfo> tokens = tokens(identity);
			Set<String> ownRoles = tokens.stream()
				.filter(t -> own != null && own.equals(t.clientId()))
				.findFirst()
				.map(t -> Set.copyOf(t.roles()))
				.orElse(Set.of());
			for (Plan.RemoveRole d : deletions) {
				if (d.current().id() != null && ownRoles.contains(d.current().id())) {
					String why = "it would delete role " + Plan.quote(d.current().name())
							+ ", which the token of this session holds: the token would lose what it may do";
					plan = new Plan(plan.orgId(), plan.orgName(), plan.changes(), plan.notes(),
							plan.guard() == null ? why : plan.guard() + "; and " + why);
				}
			}
		}
		return new Planned(state, plan);
	}

	/** Told of each change as its request is sent, as it lands, and (in the plan's order) as it is applied. */
	@FunctionalInterface
	public interface Progress {

		/** The change's request is about to be sent: from now until it is answered, it is in flight. */
		default void sending(Plan.Change change) {
		}

		/** The change landed (in the order the answers come: with several in flight, not the plan's). */
		default void landed(Plan.Change change) {
		}

		/** The change was throttled (it did not happen) and waits to be sent again. */
		default void unsent(Plan.Change change) {
		}

		/** The change failed: it was not applied. */
		default void failed(Plan.Change change) {
		}

		/**
		 * The change landed, told in the plan's order: once every change before it is told, or (after a
		 * failure) once the apply is over.
		 */
		void applied(Plan.Change change);

		/** What a thread sending changes runs: {@code task} within whatever the caller's thread runs in. */
		default Runnable onWorker(Runnable task) {
			return task;
		}

	}

	/**
	 * A change failed: the first in the plan's order that did. Those before it landed; of those after,
	 * some may have landed too when several were in flight ({@link #notApplied()} names those that did not).
	 */
	public static final class Failed extends RuntimeException {

		private final int applied;

		private final int failed;

		private final Plan.Change change;

		private final RuntimeException cause;

		private final List<Plan.Change> notApplied;

		Failed(int applied, int failed, Plan.Change change, RuntimeException cause, List<Plan.Change> notApplied) {
			super(cause.getMessage(), cause);
			this.applied = applied;
			this.failed = failed;
			this.change = change;
			this.cause = cause;
			this.notApplied = List.copyOf(notApplied);
		}

		/** How many changes landed. */
		public int applied() {
			return applied;
		}

		/** How many changes failed (1 when they are sent one at a time). */
		public int failed() {
			return failed;
		}

		public Plan.Change change() {
			return change;
		}

		/** The changes that did not land, in the plan's order: those that failed, and those not sent. */
		public List<Plan.Change> notApplied() {
			return notApplied;
		}

		/**
		 * Why the change failed: a {@link AstraError}, or a {@code AstraError} of the session
		 * (the connection's own failure).
		 */
		public RuntimeException reason() {
			return cause;
		}

	}

	/** The changes an apply sends at once unless told otherwise ({@code --parallel}). */
	public static final int DEFAULT_PARALLEL = 8;

	/** The most changes an apply may send at once. */
	public static final int MAX_PARALLEL = 64;

	/** As {@link #apply(Identity, Planned, int, Progress)}, one change at a time. */
	public int apply(Identity identity, Planned planned, Progress progress) {
		return apply(identity, planned, 1, progress);
	}

	/**
	 * Applies the plan's changes, one request each (a role change reads the role first), up to
	 * {@code parallel} at once in the order their dependencies allow ({@link ParallelApply},
	 * {@link ApplyOrder}): with 1, one at a time in the plan's order. Stops sending at the first that
	 * fails. A change the listings do not allow to send (a user or role listed without its id, a default
	 * resource without the organization's id) fails the apply before anything is sent.
	 * @return how many changes were applied
	 */
	public int apply(Identity identity, Planned planned, int parallel, Progress progress) {
		if (parallel < 1 || parallel > MAX_PARALLEL) {
			throw new IllegalArgumentException("parallel out of range: " + parallel);
		}
		List<Plan.Change> list = planned.plan().changes();
		for (Plan.Change change : list) {
			sendable(change, planned.plan().orgId());
		}
		// role ids by name: written by the creation of a role, read by the user changes that wait for it
		Map<String, String> ids = new ConcurrentHashMap<>();
		for (Role r : planned.state().roles()) {
			if (r.name() != null && r.id() != null) {
				ids.put(Planner.key(r.name()), r.id());
			}
		}
		String orgId = planned.plan().orgId();
		if (Thread.currentThread().isInterrupted() && !list.isEmpty()) { // Ctrl-C: send nothing
			throw new CallInterrupted("apply", list.get(0).line());
		}
		ChangeRequests requests = new ChangeRequests(api, changes, identity, ids, orgId);
		return new ParallelApply(list, parallel, progress, new ParallelApply.Work() {

			@Override
			public void send(int index) {
				requests.send(list.get(index));
			}

			@Override
			public boolean landed(int index) {
				return requests.landed(list.get(index));
			}

		}).run();
	}

	/** Throws unless the request of {@code change} can be made from what the API listed. */
	private static void sendable(Plan.Change change, String orgId) {
		if (change instanceof Plan.ChangeRole r) {
			RoleService.idOf(r.current(), "updated");
		}
		else if (change instanceof Plan.RemoveRole r) {
			RoleService.idOf(r.current(), "deleted");
		}
		else if (change instanceof Plan.SetUserRoles u) {
			UserService.idOf(u.current());
		}
		else if (change instanceof Plan.RemoveUser u) {
			UserService.idOf(u.current());
		}
		Policy policy = change instanceof Plan.AddRole a ? a.policy() : change instanceof Plan.ChangeRole r ? r.policy()
				: null;
		if (policy != null && policy.resources().isEmpty()) {
			throw AstraError.failed("The API did not send the organization's id, which the default resource of "
					+ "role " + Plan.quote(change instanceof Plan.AddRole a ? a.name() : ((Plan.ChangeRole) change).name())
					+ " needs: give its resources in the file. Nothing was applied.");
		}
	}

}
