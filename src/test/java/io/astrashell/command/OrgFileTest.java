package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code org export}, {@code org diff}, {@code org apply} end to end: the real commands against the
 * sandbox over HTTP, through a recording stand-in that counts what is sent (and fails a write on
 * demand).
 */
class OrgFileTest {

	@TempDir
	Path dir;

	LocalSandbox sandbox;

	RecordingProxy proxy;

	AstraRun astra;

	@BeforeEach
	void start() throws Exception {
		sandbox = LocalSandbox.start(dir.resolve("sandbox-home"), 0);
		proxy = new RecordingProxy(sandbox.endpoint());
		astra = new AstraRun(dir);
	}

	@AfterEach
	void stop() {
		proxy.close();
		sandbox.close();
	}

	Result run(String... args) {
		return runAs(sandbox.adminToken(), args);
	}

	Result runAs(String token, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", proxy.endpoint(), "--token", token));
		return astra.run(all.toArray(String[]::new));
	}

	Path file(String name, String yaml) throws Exception {
		Path f = dir.resolve(name);
		Files.writeString(f, yaml);
		return f;
	}

	/** A custom role, a user holding it, another user and a role nobody will declare. */
	void seed() {
		assertThat(run("role", "create", "Pipeline Reader", "-a", "org-read", "-a", "db-cql", "-d", "Reads pipeline data")
			.exitCode()).isZero();
		assertThat(run("role", "create", "Old Role", "-a", "org-read").exitCode()).isZero();
		assertThat(run("user", "invite", "dana@example.com", "-r", "pipeline reader").exitCode()).isZero();
		assertThat(run("user", "invite", "taylor@example.com", "-r", "RO User").exitCode()).isZero();
		proxy.clear();
	}

	static final String WANTED = """
			# what the organization should be
			roles:
			  - name: Auditors
			    actions: [org-read, org-audits-read]
			  - name: Pipeline Reader
			    description: Reads pipeline data
			    actions: [org-read, db-cql, db-table-select]
			users:
			  - email: admin@sandbox.local
			    roles: [Organization Administrator]
			  - email: new@example.com
			    roles: [RO User]
			  - email: dana@example.com
			    roles: [auditors]
			""";

	@Test
	void anExportAppliedBackIsANoOp() throws Exception {
		seed();
		Result export = run("org", "export", "--include-tokens");
		assertThat(export.exitCode()).as(export.toString()).isZero();
		assertThat(export.out()).startsWith("# Organization \"Sandbox Org\" (" + sandbox.organizationId() + "), exported ")
			.contains("  - name: \"Pipeline Reader\"\n    description: \"Reads pipeline data\"\n")
			.contains("  - email: \"dana@example.com\"\n    roles: [\"Pipeline Reader\"]   # invited\n")
			.contains("tokens:\n  - clientId: ")
			.doesNotContain("AstraCS:").doesNotContain("secret:");
		Path f = file("org.yaml", export.out());
		// as CSV, the users one row each
		assertThat(run("org", "export", "-o", "csv").out()).startsWith("User Email,Roles,Status\r\n")
			.contains("dana@example.com,Pipeline Reader,invited\r\n");
		proxy.clear();

		Result diff = run("org", "diff", f.toString(), "--prune");
		assertThat(diff.exitCode()).as(diff.toString()).isZero();
		assertThat(diff.out()).isEmpty();
		assertThat(diff.err()).contains("matches").contains("The tokens in " + f + " are for the record");
		assertThat(proxy.requests).containsExactly("GET /v2/organizations/users", "GET /v2/organizations/roles");

		proxy.clear();
		Result apply = run("org", "apply", f.toString(), "--prune", "--yes");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		assertThat(proxy.writes()).isEmpty();
	}

	@Test
	void aFileWithChangesGivesTheExactPlanAndApplyConverges() throws Exception {
		seed();
		Path f = file("wanted.yaml", WANTED);

		Result diff = run("org", "diff", f.toString());
		assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(2);
		assertThat(diff.out()).isEqualTo("""
				+ role "Auditors" (org-read, org-audits-read)
				~ role "Pipeline Reader": actions + db-table-select
				+ user new@example.com [RO User]
				~ user dana@example.com: roles [Pipeline Reader] -> [Auditors]
				""");
		Result pruned = run("org", "diff", f.toString(), "--prune");
		assertThat(pruned.exitCode()).isEqualTo(2);
		assertThat(pruned.out()).endsWith("""
				~ user dana@example.com: roles [Pipeline Reader] -> [Auditors]
				- user taylor@example.com
				- role "Old Role"
				""");
		JsonNode plan = WireJson.mapper().readTree(run("org", "diff", f.toString(), "--prune", "-o", "json").out()).get("data");
		assertThat(plan.get("inSync").asBoolean()).isFalse();
		assertThat(plan.get("changes")).hasSize(6);
		assertThat(plan.get("changes").get(0).get("change").asText()).isEqualTo("add");

		proxy.clear();
		Result dry = run("org", "apply", f.toString(), "--prune", "--dry-run");
		assertThat(dry.exitCode()).as(dry.toString()).isZero();
		assertThat(dry.out()).contains("- role \"Old Role\"");
		assertThat(proxy.writes()).isEmpty();

		// not at a terminal: --yes is needed, and nothing is sent
		Result unattended = run("org", "apply", f.toString(), "--prune");
		assertThat(unattended.exitCode()).isEqualTo(11);
		assertThat(unattended.err()).contains("need --yes");
		assertThat(proxy.writes()).isEmpty();

		// one at a time: the writes in the plan's order
		Result apply = run("org", "apply", f.toString(), "--prune", "--yes", "--parallel", "1");
		assertThat(apply.exitCode()).as(apply.toString()).isZero();
		assertThat(apply.out()).contains("[OK]    + role \"Auditors\" (org-read, org-audits-read)\n")
			.contains("[OK]    - role \"Old Role\"\n");
		assertThat(apply.err()).contains("6 changes applied, 0 failed");
		assertThat(proxy.writes()).containsExactly("POST /v2/organizations/roles",
				"PUT /v2/organizations/roles/" + roleId("Pipeline Reader"), "PUT /v2/organizations/users",
				"PUT /v2/organizations/users/" + userId("dana@example.com") + "/roles",
				proxy.writes().get(4), proxy.writes().get(5));
		assertThat(proxy.writes().get(4)).startsWith("DELETE /v2/organizations/users/");
		assertThat(proxy.writes().get(5)).startsWith("DELETE /v2/organizations/roles/");

		proxy.clear();
		Result again = run("org", "apply", f.toString(), "--prune", "--yes");
		assertThat(again.exitCode()).isZero();
		assertThat(proxy.writes()).isEmpty();
		assertThat(run("org", "diff", f.toString(), "--prune").exitCode()).isZero();
		assertThat(run("user", "get", "dana@example.com", "-o", "csv").out()).contains(",Auditors");
	}

	@Test
	void withoutPruneNothingIsRemoved() throws Exception {
		seed();
		Path f = file("wanted.yaml", WANTED);
		assertThat(run("org", "apply", f.toString(), "--yes").exitCode()).isZero();
		assertThat(proxy.writes()).noneMatch(w -> w.startsWith("DELETE"));
		assertThat(run("user", "get", "taylor@example.com").exitCode()).isZero();
		assertThat(run("role", "get", "Old Role").exitCode()).isZero();
		// a role still held by a user the file keeps is not deleted, and the plan says why
		Path f2 = file("keep.yaml", WANTED.replace("roles: [auditors]", "roles: [Old Role]").replace("""
				  - name: Pipeline Reader
				    description: Reads pipeline data
				    actions: [org-read, db-cql, db-table-select]
				""", ""));
		Result diff = run("org", "diff", f2.toString(), "--prune");
		assertThat(diff.out()).contains("- role \"Pipeline Reader\"").doesNotContain("- role \"Old Role\"");
	}

	@Test
	void theLastActiveOrganizationAdministratorIsNeverRemovedOrDemotedWithoutForce() throws Exception {
		seed();
		Path removed = file("no-admin.yaml", "users:\n  - email: dana@example.com\n    roles: [Pipeline Reader]\n");
		Result refused = run("org", "apply", removed.toString(), "--prune", "--yes");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(11);
		assertThat(refused.err()).contains("no active Organization Administrator").contains("admin@sandbox.local")
			.contains("--force");
		assertThat(proxy.writes()).isEmpty();
		Result diff = run("org", "diff", removed.toString(), "--prune");
		assertThat(diff.err()).contains("[WARN]  Applying this needs --force");

		Path demoted = file("demoted.yaml", "users:\n  - email: admin@sandbox.local\n    roles: [RO User]\n");
		assertThat(run("org", "apply", demoted.toString(), "--yes").exitCode()).isEqualTo(11);
		assertThat(proxy.writes()).isEmpty();
		// another active administrator would do; --force applies anyway
		Result forced = run("org", "apply", demoted.toString(), "--yes", "--force");
		assertThat(forced.exitCode()).as(forced.toString()).isZero();
		assertThat(proxy.writes()).hasSize(1);
	}

	@Test
	void aRoleTheSessionsTokenHoldsIsNotDeletedWithoutForce() throws Exception {
		assertThat(run("role", "create", "Automation", "-a", "org-read", "-a", "org-user-read", "-a", "org-role-read",
				"-a", "org-role-delete", "-a", "org-token-read").exitCode()).isZero();
		JsonNode token = WireJson.mapper().readTree(run("token", "create", "-r", "Automation", "-o", "json").out()).get("data");
		proxy.clear();
		Path f = file("roles.yaml", "roles: []\n");
		Result refused = runAs(token.get("token").asText(), "org", "apply", f.toString(), "--prune", "--yes");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(11);
		assertThat(refused.err()).contains("role \"Automation\", which the token of this session holds");
		assertThat(proxy.writes()).isEmpty();
	}

	@Test
	void everyProblemOfTheFileIsNamedWithItsLocationBeforeAnyWrite() throws Exception {
		String[][] cases = {
				{ "roles: [\n  - name: x\n", "bad.yaml:2:3: not valid YAML" },
				{ "users:\n  - email: a@example.com\n    roles: [RO User]\n    team: x\n", "bad.yaml:4:5: unknown key 'team' in a user" },
				{ "users:\n  - email: not-an-email\n    roles: [RO User]\n", "bad.yaml:2:12: 'not-an-email' is not an email address" },
				{ "users:\n  - email: a@example.com\n    roles: [RO User]\n  - email: A@example.com\n    roles: [RO User]\n",
						"bad.yaml:4:5: user A@example.com is listed twice (first at line 2)" },
				{ "users:\n  - email: a@example.com\n    roles: [Auditorz]\n",
						"bad.yaml:2:5: user a@example.com: role 'Auditorz' is neither built-in, declared under 'roles:', nor in the organization" },
				{ "roles:\n  - name: X\n    actions: [org-reed]\n", "bad.yaml:3:14: Unknown action 'org-reed'. Did you mean 'org-read'?" },
				{ "roles:\n  - name: organization administrator\n    actions: [org-read]\n",
						"bad.yaml:2:11: 'organization administrator' is a built-in role" },
				{ "roles:\n  - name: X\n    actions: [org-read]\n  - name: x\n    actions: [org-read]\n",
						"bad.yaml:4:5: role 'x' is declared twice (first at line 2)" },
				{ "colour: red\n", "bad.yaml:1:1: unknown key 'colour' in the file" } };
		for (String[] c : cases) {
			Path f = file("bad.yaml", c[0]);
			Result r = run("org", "apply", f.toString(), "--yes");
			assertThat(r.exitCode()).as(c[0] + "\n" + r).isEqualTo(11);
			assertThat(r.err()).as(c[0]).contains(c[1]);
			assertThat(proxy.writes()).isEmpty();
		}
	}

	@Test
	void aFailedApplyOfManyChangesNamesAFewOfThoseNotAppliedAndTheirCount() throws Exception {
		StringBuilder yaml = new StringBuilder("users:\n  - email: admin@sandbox.local\n    roles: [Organization Administrator]\n");
		for (int i = 0; i < 60; i++) {
			yaml.append("  - email: user").append(i).append("-").append("x".repeat(50)).append("@example.com\n")
				.append("    roles: [RO User]\n");
		}
		Path f = file("many.yaml", yaml.toString());
		proxy.failWrite(2);
		Result failed = run("org", "apply", f.toString(), "--yes", "--parallel", "1");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(100);
		String error = failed.err().lines().filter(l -> l.startsWith("[ERROR]")).findFirst().orElseThrow();
		assertThat(error).contains("1 change applied, 1 failed; 59 not applied: + user user1-")
			.contains(" and 56 more. Run the same apply again to finish.").doesNotContain("user4-");
		assertThat(error.length()).as(error).isLessThan(600);
	}

	@Test
	void aFailureMidwayStopsAndSaysWhatWasAppliedAndARerunFinishes() throws Exception {
		seed();
		Path f = file("wanted.yaml", WANTED);
		proxy.failWrite(3);
		Result failed = run("org", "apply", f.toString(), "--prune", "--yes", "--parallel", "1");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(100);
		assertThat(failed.out()).contains("[OK]    + role \"Auditors\"").contains("[OK]    ~ role \"Pipeline Reader\"")
			.doesNotContain("+ user new@example.com [RO User]\n[OK]");
		assertThat(failed.err()).contains("2 changes applied, 1 failed; 4 not applied: + user new@example.com [RO User];")
			.contains("Run the same apply again to finish.");
		assertThat(proxy.writes()).hasSize(3);

		proxy.failWrite(0);
		proxy.clear();
		Result rerun = run("org", "apply", f.toString(), "--prune", "--yes");
		assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
		assertThat(proxy.writes()).hasSize(4);
		assertThat(run("org", "diff", f.toString(), "--prune").exitCode()).isZero();
	}

	@Test
	void usersAndTokensAreFilteredByRoleAndStatusInEveryFormat() throws Exception {
		seed();
		assertThat(run("user", "list", "--role", "organization administrator", "-o", "csv").out())
			.isEqualTo("User Id,User Email,Status\r\n" + userId("admin@sandbox.local") + ",admin@sandbox.local,active\r\n");
		JsonNode invited = WireJson.mapper().readTree(run("user", "list", "--status", "invited", "-o", "json").out()).get("data");
		assertThat(invited).hasSize(2);
		assertThat(run("user", "list", "-r", "RO User", "-r", "Pipeline Reader").out()).contains("dana@example.com")
			.contains("taylor@example.com").doesNotContain("admin@sandbox.local");
		assertThat(run("user", "list", "--status", "gone").exitCode()).isEqualTo(13);
		assertThat(run("user", "list", "--role", "Pipeline Raeder").exitCode()).isEqualTo(5);
		assertThat(run("token", "list", "--role", "Organization Administrator", "-o", "csv").out()).contains("sandbox admin token");
		assertThat(run("token", "list", "--role", "RO User", "-o", "csv").out()).isEqualTo("Generated On,Client Id,Roles,Description\r\n");
	}

	@Test
	void scriptsRunTheCommandsAndADryRunChecksTheFile() throws Exception {
		seed();
		Path f = file("wanted.yaml", WANTED);
		Path script = file("converge.astra", "org diff " + f + "\norg apply " + f + " --yes\n");
		Result dry = run("script", script.toString(), "--dry-run");
		assertThat(dry.exitCode()).as(dry.toString()).isZero();
		assertThat(proxy.writes()).isEmpty();
		file("bad.yaml", "users:\n  - email: nope\n    roles: [RO User]\n");
		Path badScript = file("bad.astra", "org apply " + dir.resolve("bad.yaml") + " --yes\n");
		Result badDry = run("script", badScript.toString(), "--dry-run");
		assertThat(badDry.exitCode()).isEqualTo(11);
		assertThat(badDry.err()).contains("bad.yaml:2:12:");
		// a diff with changes is exit 2: the script stops there unless told to go on
		Result ran = run("script", script.toString(), "--continue-on-error");
		assertThat(ran.out()).contains("[OK]    + role \"Auditors\"");
		assertThat(run("org", "diff", f.toString()).exitCode()).isZero();
	}

	private String roleId(String name) {
		return WireJson.mapper().readTree(run("role", "get", name, "-o", "json").out()).get("data").get("ID").asText();
	}

	private String userId(String email) {
		return WireJson.mapper().readTree(run("user", "get", email, "-o", "json").out()).get("data").get("UserID").asText();
	}

}
