package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.sandbox.SandboxFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code org apply --parallel N} end to end: the real command against the sandbox over HTTP, through
 * the recording stand-in (which can answer late and out of order, throttle, fail, or leave a request
 * unanswered).
 */
class OrgApplyParallelTest {

	@TempDir
	Path dir;

	final List<AutoCloseable> open = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable c : open) {
			c.close();
		}
		System.clearProperty("astra.http.read-timeout");
		System.clearProperty("astra.http.deadline");
	}

	/** A sandbox of its own (in {@code name}), behind a recording stand-in, and the shell that calls it. */
	final class Org {

		final LocalSandbox sandbox;

		final RecordingProxy proxy;

		final AstraRun astra;

		Org(String name, SandboxFaults faults) throws Exception {
			sandbox = LocalSandbox.start(dir.resolve(name).resolve("sandbox-home"), 0, faults);
			proxy = new RecordingProxy(sandbox.endpoint());
			open.add(proxy);
			open.add(sandbox);
			astra = new AstraRun(dir.resolve(name));
		}

		Result run(String... args) {
			List<String> all = new ArrayList<>(List.of(args));
			all.addAll(List.of("--env", "local", "--local-endpoint", proxy.endpoint(), "--token", sandbox.adminToken()));
			return astra.run(all.toArray(String[]::new));
		}

		void ok(String... args) {
			Result r = run(args);
			assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
		}

		String roleId(String name) {
			return WireJson.mapper().readTree(run("role", "get", name, "-o", "json").out()).get("data").get("ID").asText();
		}

		String userId(String email) {
			return WireJson.mapper().readTree(run("user", "get", email, "-o", "json").out()).get("data").get("UserID")
				.asText();
		}

	}

	Path file(String name, String yaml) throws Exception {
		return Files.writeString(dir.resolve(name), yaml);
	}

	/** Roles created and changed, users invited, given roles, removed, and a role deleted once its holder left it. */
	static final String MIXED = """
			roles:
			  - name: Auditors
			    actions: [org-read, org-audits-read]
			  - name: Pipeline Reader
			    description: Reads pipeline data
			    actions: [org-read, db-cql, db-table-select]
			users:
			  - email: admin@sandbox.local
			    roles: [Organization Administrator]
			  - email: dana@example.com
			    roles: [auditors]
			  - email: hold@example.com
			    roles: [RO User]
			""" + users("a", 6, "Auditors") + users("b", 6, "RO User") + users("c", 4, "Pipeline Reader");

	static String users(String prefix, int count, String role) {
		StringBuilder b = new StringBuilder();
		for (int i = 1; i <= count; i++) {
			b.append("  - email: ").append(prefix).append(i).append("@example.com\n    roles: [").append(role).append("]\n");
		}
		return b.toString();
	}

	/** The organization {@link #MIXED} changes: a role to change, one to delete held by a user the file keeps. */
	static void seed(Org org) {
		org.ok("role", "create", "Pipeline Reader", "-a", "org-read", "-a", "db-cql", "-d", "Reads pipeline data");
		org.ok("role", "create", "Old Role", "-a", "org-read");
		org.ok("user", "invite", "dana@example.com", "-r", "pipeline reader");
		org.ok("user", "invite", "hold@example.com", "-r", "Old Role");
		org.ok("user", "invite", "taylor@example.com", "-r", "RO User");
		org.proxy.clear();
		org.proxy.events.clear();
	}

	@Test
	void aParallelApplyPrintsWhatAnApplyOneAtATimePrints() throws Exception {
		Org one = new Org("one", SandboxFaults.NONE);
		Org many = new Org("many", SandboxFaults.NONE);
		seed(one);
		seed(many);
		many.proxy.delayWrites(40); // the answers come out of order
		Path f = file("mixed.yaml", MIXED);
		Result sequential = one.run("org", "apply", f.toString(), "--prune", "--yes", "--parallel", "1");
		Result parallel = many.run("org", "apply", f.toString(), "--prune", "--yes");
		assertThat(sequential.exitCode()).as(sequential.toString()).isZero();
		assertThat(parallel.exitCode()).as(parallel.toString()).isZero();
		assertThat(parallel.out()).isEqualTo(sequential.out());
		assertThat(parallel.err()).isEqualTo(sequential.err()).contains("22 changes applied, 0 failed");
		assertThat(one.proxy.mostConcurrentWrites.get()).isEqualTo(1);
		assertThat(many.proxy.mostConcurrentWrites.get()).as("sent at once").isGreaterThan(1);
		assertThat(many.proxy.writes()).hasSameSizeAs(one.proxy.writes());
		assertThat(many.run("org", "diff", f.toString(), "--prune").exitCode()).isZero();
		// -o json: the same document
		Path back = file("back.yaml", "users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ users("a", 6, "RO User"));
		String ids = "\"id\" : \"[^\"]*\"";
		String oneJson = one.run("org", "apply", back.toString(), "--yes", "--parallel", "1", "-o", "json").out()
			.replaceAll(ids, "id");
		String manyJson = many.run("org", "apply", back.toString(), "--yes", "-o", "json").out().replaceAll(ids, "id");
		assertThat(manyJson).isEqualTo(oneJson).contains("\"failed\" : 0");
	}

	@Test
	void rolesAreMadeBeforeTheirUsersAndDeletedAfterTheirHoldersLeftThem() throws Exception {
		Org org = new Org("org", SandboxFaults.NONE);
		seed(org);
		String oldRole = org.roleId("Old Role");
		String holder = org.userId("hold@example.com");
		org.proxy.delayWrites(60);
		Path f = file("mixed.yaml", MIXED);
		Result apply = org.run("org", "apply", f.toString(), "--prune", "--yes", "--parallel", "16");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		List<String> events = org.proxy.events.stream().filter(e -> !e.contains(" GET ")).toList(); // the writes
		String auditors = org.roleId("Auditors");
		int created = indexOf(events, "< POST /v2/organizations/roles ", "Auditors");
		int changed = indexOf(events, "< PUT /v2/organizations/roles/" + org.roleId("Pipeline Reader") + " ", "");
		for (int i = 1; i <= 6; i++) {
			int invited = indexOf(events, "> PUT /v2/organizations/users ", "a" + i + "@example.com");
			assertThat(invited).as("a%d invited after Auditors was created: %s", i, events).isGreaterThan(created);
			assertThat(events.get(invited)).contains(auditors);
		}
		for (int i = 1; i <= 4; i++) {
			assertThat(indexOf(events, "> PUT /v2/organizations/users ", "c" + i + "@example.com"))
				.as("c%d invited after Pipeline Reader changed", i).isGreaterThan(changed);
		}
		int left = indexOf(events, "< PUT /v2/organizations/users/" + holder + "/roles ", "");
		int deleted = indexOf(events, "> DELETE /v2/organizations/roles/" + oldRole + " ", "");
		assertThat(deleted).as("the role deleted once its holder left it: %s", events).isGreaterThan(left);
		// and the users that need no new role did not wait: some were invited before Auditors was created
		assertThat(org.proxy.mostConcurrentWrites.get()).isGreaterThan(1);
		assertThat(org.run("org", "diff", f.toString(), "--prune").exitCode()).isZero();
	}

	private static int indexOf(List<String> events, String prefix, String containing) {
		for (int i = 0; i < events.size(); i++) {
			if (events.get(i).startsWith(prefix) && events.get(i).contains(containing)) {
				return i;
			}
		}
		throw new AssertionError("no event " + prefix + "..." + containing + " in " + events);
	}

	@Test
	void aThrottlingServiceSlowsTheApplyDownAndItConverges() throws Exception {
		// at most 2 requests at once, Retry-After: 0 (the test need not wait): 8 sent at once are mostly refused
		Org org = new Org("org", new SandboxFaults(Duration.ofMillis(20), 2, 0));
		Path f = file("many.yaml", "users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ users("t", 30, "RO User"));
		Result apply = org.run("org", "apply", f.toString(), "--yes");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		assertThat(org.proxy.throttled.get()).as("the sandbox throttled").isPositive();
		List<String> ok = apply.out().lines().filter(l -> l.startsWith("[OK]")).toList();
		List<String> wanted = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			wanted.add("[OK]    + user t" + i + "@example.com [RO User]");
		}
		assertThat(ok).containsExactlyElementsOf(wanted); // the plan's order, each once
		assertThat(apply.err()).contains("30 changes applied, 0 failed");
		assertThat(org.run("org", "diff", f.toString()).exitCode()).isZero();
	}

	@Test
	void a503WithRetryAfterIsSentAgainAndOneWithoutIsRetriedAsEver() throws Exception {
		Org org = new Org("org", SandboxFaults.NONE);
		Path f = file("few.yaml", "roles:\n  - name: Ops\n    actions: [org-read]\nusers:\n  - email: admin@sandbox.local\n"
				+ "    roles: [Organization Administrator]\n" + users("s", 3, "Ops"));
		org.proxy.unavailable(1, "0"); // the role's creation: a POST, which the client itself never sends again
		Result apply = org.run("org", "apply", f.toString(), "--yes");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		assertThat(org.proxy.writes()).startsWith("POST /v2/organizations/roles -> 503", "POST /v2/organizations/roles")
			.hasSize(5);
		assertThat(org.run("org", "diff", f.toString()).exitCode()).isZero();

		org.proxy.clear();
		org.proxy.unavailable(1, null); // no Retry-After: the client's own retries of a PUT, as for any command
		Path more = file("more.yaml", Files.readString(f) + "  - email: s9@example.com\n    roles: [RO User]\n");
		Result again = org.run("org", "apply", more.toString(), "--yes");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(org.proxy.writes()).containsExactly("PUT /v2/organizations/users -> 503", "PUT /v2/organizations/users");
	}

	@Test
	void aChangeThrottledAtEveryTryFailsAfterItsLastTryAndNothingLands() throws Exception {
		Org org = new Org("org", SandboxFaults.NONE);
		Path f = file("one.yaml", "users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ users("t", 1, "RO User"));
		org.proxy.alwaysUnavailable("0");
		Result apply = org.run("org", "apply", f.toString(), "--yes");
		assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(100);
		assertThat(apply.err()).contains("asked to slow down").contains("HTTP 503").doesNotContain("Exception");
		assertThat(org.proxy.writes()).hasSize(8).allMatch(w -> w.equals("PUT /v2/organizations/users -> 503"));
		org.proxy.clear();
		assertThat(org.run("org", "diff", f.toString()).exitCode()).as("nothing landed").isEqualTo(2);
	}

	@Test
	void aRetryAfterGivenAsAnHttpDateIsHonoured() throws Exception {
		Org org = new Org("org", SandboxFaults.NONE);
		Path f = file("one.yaml", "users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ users("d", 1, "RO User"));
		// a date already past: send again at once
		String past = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
			.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(5));
		org.proxy.unavailable(1, past);
		Result apply = org.run("org", "apply", f.toString(), "--yes");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		assertThat(org.proxy.writes()).containsExactly("PUT /v2/organizations/users -> 503", "PUT /v2/organizations/users");
		assertThat(org.run("org", "diff", f.toString()).exitCode()).isZero();
	}

	@Test
	void aChangeSentWithoutAnAnswerIsReadBackNotSentAgain() throws Exception {
		System.setProperty("astra.http.read-timeout", "1s");
		System.setProperty("astra.http.deadline", "2s");
		Org org = new Org("org", SandboxFaults.NONE);
		Path f = file("few.yaml", "roles:\n  - name: Ops\n    actions: [org-read]\nusers:\n  - email: admin@sandbox.local\n"
				+ "    roles: [Organization Administrator]\n  - email: u1@example.com\n    roles: [Ops]\n");
		org.proxy.hangAfterForwarding(1); // the role is created, its answer never comes
		Result apply = org.run("org", "apply", f.toString(), "--yes");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		assertThat(apply.out()).contains("[OK]    + role \"Ops\" (org-read)\n[OK]    + user u1@example.com [Ops]\n");
		assertThat(org.proxy.writes()).containsExactly("POST /v2/organizations/roles",
				"POST /v2/organizations/roles (forwarded, not answered)", "PUT /v2/organizations/users");
		assertThat(org.proxy.requests).contains("GET /v2/organizations/roles"); // read back
		assertThat(org.run("org", "diff", f.toString()).exitCode()).isZero();
		assertThat(org.run("role", "list", "-o", "csv").out().lines().filter(l -> l.contains("Ops"))).hasSize(1);
	}

	@Test
	void everyKindOfChangeSentWithoutAnAnswerIsReadBackNotSentAgain() throws Exception {
		System.setProperty("astra.http.read-timeout", "1s");
		System.setProperty("astra.http.deadline", "2s");
		// a role changed, a user's roles set, a user removed, a role deleted: the nth write lands unanswered
		// (one at a time, so that the nth is each kind in turn; the read-back is the same at any parallelism)
		Path f = file("kinds.yaml", "roles:\n  - name: Ops\n    actions: [org-read, db-cql]\nusers:\n"
				+ "  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ "  - email: u1@example.com\n    roles: [RO User]\n");
		for (int n = 1; n <= 4; n++) {
			Org org = new Org("org" + n, SandboxFaults.NONE);
			org.ok("role", "create", "Ops", "-a", "org-read");
			org.ok("role", "create", "Old", "-a", "org-read");
			org.ok("user", "invite", "u1@example.com", "-r", "Ops");
			org.ok("user", "invite", "gone@example.com", "-r", "RO User");
			org.proxy.clear();
			org.proxy.hangAfterForwarding(n);
			Result apply = org.run("org", "apply", f.toString(), "--prune", "--yes", "--parallel", "1");
			assertThat(apply.exitCode()).as("write " + n + " unanswered\n" + apply).isZero();
			assertThat(apply.err()).contains("4 changes applied, 0 failed");
			List<String> writes = org.proxy.writes();
			assertThat(writes).as("write " + n).hasSize(5).filteredOn(w -> w.endsWith("(forwarded, not answered)")).hasSize(1);
			assertThat(writes.stream().filter(w -> !w.endsWith("(forwarded, not answered)")).distinct()).as("write " + n
					+ ": none sent twice").hasSize(4);
			org.proxy.clear();
			assertThat(org.run("org", "diff", f.toString(), "--prune").exitCode()).as("write " + n).isZero();
		}
	}

	@Test
	void aChangeThatNeverArrivedIsReadBackThenSentAgain() throws Exception {
		System.setProperty("astra.http.read-timeout", "1s");
		System.setProperty("astra.http.deadline", "2s");
		Org org = new Org("org", SandboxFaults.NONE);
		Path f = file("one.yaml", "users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ "  - email: lost@example.com\n    roles: [RO User]\n");
		org.proxy.holdWrite(1); // not forwarded, not answered
		Result apply = org.run("org", "apply", f.toString(), "--yes");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		assertThat(org.proxy.writes()).containsExactly("PUT /v2/organizations/users (held)", "PUT /v2/organizations/users");
		assertThat(org.proxy.requests.indexOf("PUT /v2/organizations/users"))
			.isGreaterThan(org.proxy.requests.lastIndexOf("GET /v2/organizations/users")); // read back first
		assertThat(org.run("org", "diff", f.toString()).exitCode()).isZero();
	}

	@Test
	void aBadParallelValueIsRefusedBeforeAnyRequest() throws Exception {
		Org org = new Org("org", SandboxFaults.NONE);
		Path f = file("one.yaml", "users:\n  - email: x@example.com\n    roles: [RO User]\n");
		for (String bad : new String[] { "0", "65", "-1", "eight", "1.5" }) {
			Result r = org.run("org", "apply", f.toString(), "--yes", "--parallel", bad);
			assertThat(r.exitCode()).as(bad + "\n" + r).isEqualTo(13);
			assertThat(r.err()).as(bad).contains("for --parallel: give a number from 1 to 64");
			assertThat(r.err().lines().filter(l -> l.startsWith("[ERROR]"))).hasSize(1);
		}
		assertThat(org.proxy.requests).isEmpty();
		Result dry = org.run("script", file("s.astra", "org apply " + f + " --parallel 0 --yes\n").toString(), "--dry-run");
		assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(13);
		assertThat(org.proxy.requests).isEmpty();
		assertThat(org.run("org", "apply", f.toString(), "--yes", "--parallel", "64").exitCode()).isZero();
	}

	@Test
	void aFailureStopsTheSendingAndSaysWhatLandedFailedAndWasNotSent() throws Exception {
		Org org = new Org("org", SandboxFaults.NONE);
		Path f = file("many.yaml", "users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n"
				+ users("f", 40, "RO User"));
		org.proxy.failWrite(3);
		Result failed = org.run("org", "apply", f.toString(), "--yes", "--parallel", "4");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(100);
		int writes = org.proxy.writes().size();
		assertThat(writes).as("sending stopped at the failure").isLessThan(40);
		String error = failed.err().lines().filter(l -> l.startsWith("[ERROR]")).findFirst().orElseThrow();
		int landed = writes - 1;
		assertThat(error).contains("injected failure").contains(landed + " changes applied, 1 failed; " + (40 - landed)
				+ " not applied: ");
		assertThat(failed.out().lines().filter(l -> l.startsWith("[OK]"))).hasSize(landed);
		org.proxy.failWrite(0);
		assertThat(org.run("org", "apply", f.toString(), "--yes").exitCode()).isZero();
		assertThat(org.run("org", "diff", f.toString()).exitCode()).isZero();
	}

}
