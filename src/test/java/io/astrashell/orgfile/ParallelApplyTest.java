package io.astrashell.orgfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.astrashell.api.model.Policy;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order {@link ParallelApply} keeps, against a stand-in for the API that checks each change as it
 * is sent: what it waits for has landed, and nothing else of the same user or role is in flight.
 */
class ParallelApplyTest {

	static final Policy POLICY = new Policy("", List.of("org-read"), List.of("drn:astra:org:o"), null);

	static Role role(String id, String name) {
		return new Role(id, name, POLICY);
	}

	static User user(String id, String email, Role... roles) {
		return new User(id, email, "active", List.of(roles));
	}

	@Test
	void dependenciesPointToTheChangesOfTheSameUserOrRoleAndOfTheRolesAUserNamesOrHolds() {
		Role old = role("r-old", "Old");
		Role team = role("r-team", "Team");
		List<Plan.Change> plan = List.of(
				new Plan.AddRole("New", POLICY), // 0
				new Plan.ChangeRole(team, "Team 2", POLICY, List.of("renamed")), // 1
				new Plan.AddUser("a@x.co", List.of("New")), // 2
				new Plan.AddUser("b@x.co", List.of("RO User")), // 3
				new Plan.SetUserRoles(user("u-h", "h@x.co", old), List.of("Old"), List.of("Team 2")), // 4
				new Plan.RemoveUser(user("u-k", "k@x.co", old)), // 5
				new Plan.RemoveUser(user("u-z", "z@x.co")), // 6
				new Plan.RemoveRole(old), // 7
				new Plan.RemoveRole(team)); // 8: the role of 1, by its id
		int[][] deps = ApplyOrder.dependencies(plan);
		assertThat(deps[0]).isEmpty();
		assertThat(deps[1]).isEmpty();
		assertThat(deps[2]).containsExactly(0);
		assertThat(deps[3]).isEmpty();
		assertThat(deps[4]).containsExactly(1);
		assertThat(deps[5]).isEmpty();
		assertThat(deps[6]).isEmpty();
		assertThat(deps[7]).containsExactly(4, 5);
		assertThat(deps[8]).containsExactly(1);
	}

	/** A stand-in that sleeps in each change so that changes overlap, and records what it saw wrong. */
	static final class CheckingWork implements ParallelApply.Work {

		final List<Plan.Change> plan;

		final int[][] deps;

		final Set<Integer> landed = ConcurrentHashMap.newKeySet();

		final Map<String, Integer> busy = new ConcurrentHashMap<>();

		final List<String> wrong = Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger most = new AtomicInteger();

		final List<Integer> sent = Collections.synchronizedList(new ArrayList<>());

		CheckingWork(List<Plan.Change> plan) {
			this.plan = plan;
			this.deps = ApplyOrder.dependencies(plan);
		}

		@Override
		public void send(int index) {
			sent.add(index);
			most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			for (int d : deps[index]) {
				if (!landed.contains(d)) {
					wrong.add(index + " sent before " + d + " landed");
				}
			}
			List<String> keys = new ArrayList<>(ApplyOrder.roleKeys(plan.get(index)));
			String user = ApplyOrder.userKey(plan.get(index));
			if (user != null) {
				keys.add(user);
			}
			for (String k : keys) {
				Integer other = busy.putIfAbsent(k, index);
				if (other != null) {
					wrong.add(index + " and " + other + " write " + k + " at once");
				}
			}
			try {
				Thread.sleep(5 + (index * 7) % 11);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			keys.forEach(k -> busy.remove(k, index));
			landed.add(index);
			inFlight.decrementAndGet();
		}

		@Override
		public boolean landed(int index) {
			return landed.contains(index);
		}

	}

	static List<Plan.Change> bigPlan() {
		List<Plan.Change> plan = new ArrayList<>();
		List<Role> roles = new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			plan.add(new Plan.AddRole("New " + r, POLICY));
			Role existing = role("r" + r, "Old " + r);
			roles.add(existing);
			plan.add(new Plan.ChangeRole(existing, "Old " + r, POLICY, List.of("actions")));
		}
		for (int u = 0; u < 60; u++) {
			plan.add(new Plan.AddUser("n" + u + "@x.co", List.of("New " + (u % 5), "Old " + (u % 3))));
		}
		for (int u = 0; u < 20; u++) {
			plan.add(new Plan.SetUserRoles(user("h" + u, "h" + u + "@x.co", roles.get(u % 5)), List.of("Old " + (u % 5)),
					List.of("New " + (u % 5))));
		}
		for (int r = 0; r < 5; r++) {
			plan.add(new Plan.RemoveRole(roles.get(r)));
		}
		return plan;
	}

	@Test
	void changesGoAtOnceYetEachAfterWhatItWaitsForAndNeverTwoOfOneUserOrRole() {
		List<Plan.Change> plan = bigPlan();
		CheckingWork work = new CheckingWork(plan);
		List<Plan.Change> told = Collections.synchronizedList(new ArrayList<>());
		int landed = new ParallelApply(plan, 16, told::add, work).run();
		assertThat(work.wrong).isEmpty();
		assertThat(landed).isEqualTo(plan.size());
		assertThat(told).containsExactlyElementsOf(plan); // told in the plan's order
		assertThat(work.most.get()).as("several at once").isGreaterThan(1);
	}

	@Test
	void oneAtATimeSendsInThePlansOrder() {
		List<Plan.Change> plan = bigPlan();
		CheckingWork work = new CheckingWork(plan);
		new ParallelApply(plan, 1, c -> {
		}, work).run();
		assertThat(work.most.get()).isEqualTo(1);
		List<Integer> inOrder = new ArrayList<>();
		for (int i = 0; i < plan.size(); i++) {
			inOrder.add(i);
		}
		assertThat(work.sent).containsExactlyElementsOf(inOrder);
	}

}
