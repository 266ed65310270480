package io.astrashell.command;


import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.astrashell.command.SandboxCli.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code role ...} one-shot against the sandbox over HTTP, in the three formats, with its errors. */
class RoleCommandsTest extends SandboxCliFixture {

	@Test
	void listsTheSixteenBuiltInRolesInTheThreeFormats() {
		Result human = cli.run("role", "list");
		assertThat(human.exitCode()).as(human.toString()).isZero();
		assertThat(human.out()).contains("| Role Id ").contains("| Role Name ").contains("| Description ")
			.contains("| Organization Administrator |").contains("| API R/W Svc Acct ");
		assertThat(human.out().lines().filter(l -> l.startsWith("| ") && !l.contains("Role Id")).count()).isEqualTo(16);
		assertThat(cli.run("role").out()).isEqualTo(human.out());

		JsonNode roles = cli.data("role", "list");
		assertThat(roles.size()).isEqualTo(16);
		assertThat(roles.get(0).has("ID")).isTrue();
		assertThat(roles.get(0).get("Policy").has("actions")).isTrue();

		Result csv = cli.run("role", "list", "-o", "csv");
		assertThat(csv.out()).startsWith("Role Id,Role Name,Description\r\n");
		assertThat(csv.out().split("\r\n")).hasSize(17);
	}

	@Test
	void getDescribesARoleByNameInAnyCaseOrById() {
		Result r = cli.run("role", "get", "billing admin");
		assertThat(r.exitCode()).isZero();
		assertThat(r.out()).contains("| Identifier     | ").contains("| Name           | Billing Admin")
			.contains("| Effect         | allow").contains("| Resources      | [0] drn:astra:org:__ORG_ID__")
			.contains("| Actions        | [0] ");
		String id = cli.data("role", "describe", "Billing Admin").get("ID").asString();
		assertThat(cli.run("role", "get", id).out()).isEqualTo(r.out());
		Result csv = cli.run("role", "get", id, "-o", "csv");
		assertThat(csv.out()).startsWith("Identifier,Name,Description,Effect,Resources,Actions\r\n" + id
				+ ",Billing Admin,Billing Admin,allow,drn:astra:org:__ORG_ID__,").contains("org-billing-read;");
	}

	@Test
	void anUnknownRoleSuggestsTheNearestNames() {
		Result r = cli.run("role", "get", "Admn");
		assertThat(r.exitCode()).isEqualTo(5);
		assertThat(r.err()).startsWith("[ERROR] Role 'Admn' has not been found. Did you mean 'Admin User'");
		assertThat(json(cli.run("role", "get", "nothing-like-it", "-o", "json")).get("message").asString())
			.isEqualTo("Role 'nothing-like-it' has not been found. See 'astra role list'.");
	}

	@Test
	void aSuggestionNamesAFewRolesCutToAReadableLength() {
		String longName = "Admin " + "x".repeat(3000);
		assertThat(cli.run("role", "create", longName, "-a", "org-read").exitCode()).isZero();
		Result r = cli.run("role", "get", "Admn");
		assertThat(r.exitCode()).isEqualTo(5);
		assertThat(r.err()).contains("Did you mean ").contains("'Admin " + "x".repeat(74) + "…'")
			.doesNotContain("x".repeat(75));
		assertThat(r.err().length()).isLessThan(400);
	}

	@Test
	void createUpdateDelete() {
		Result created = cli.run("role", "create", "Data Reader", "-a", "db-cql", "--action", "org-read", "-d",
				"Reads data");
		assertThat(created.exitCode()).as(created.toString()).isZero();
		assertThat(created.out()).startsWith("[OK]    Role 'Data Reader' has been created.\n")
			.contains("| Description    | Reads data").contains("[0] db-cql").contains("[1] org-read");
		String orgId = cli.run("org", "id").out().trim();
		assertThat(created.out()).contains("[0] drn:astra:org:" + orgId);

		Result updated = cli.run("role", "update", "data reader", "--name", "Data Auditor", "-a", "org-audits-read");
		assertThat(updated.exitCode()).as(updated.toString()).isZero();
		JsonNode role = cli.data("role", "get", "Data Auditor");
		assertThat(role.get("Policy").get("actions").toString()).isEqualTo("[\"org-audits-read\"]");
		assertThat(role.get("Policy").get("description").asString()).isEqualTo("Reads data");

		JsonNode deleted = cli.data("role", "delete", "Data Auditor");
		assertThat(deleted.get("deleted").asString()).isEqualTo("Data Auditor");
		assertThat(cli.run("role", "get", "Data Auditor").exitCode()).isEqualTo(5);
		assertThat(cli.run("role", "delete", "Data Auditor").exitCode()).isEqualTo(5);
		assertThat(cli.run("role", "delete", "Data Auditor", "--if-exists").exitCode()).isZero();
	}

	@Test
	void createChecksActionsAndResourcesBeforeAnyRequest() {
		Result unknown = cli.run("role", "create", "X", "-a", "db-sql");
		assertThat(unknown.exitCode()).isEqualTo(13); // the option's declared list: refused by the parser
		assertThat(unknown.err()).startsWith("[ERROR] Invalid value 'db-sql' for -a/--action: it is not a known "
				+ "policy action. Did you mean 'db-cql'");
		Result twice = cli.run("role", "create", "X", "-a", "org-read", "-a", "ORG-READ");
		assertThat(twice.exitCode()).isEqualTo(11);
		Result badResource = cli.run("role", "create", "X", "-a", "org-read", "-R", "arn:aws:s3:::bucket");
		assertThat(badResource.exitCode()).isEqualTo(11);
		assertThat(cli.run("role", "create", "X").exitCode()).isEqualTo(12);
		assertThat(cli.data("role", "list").size()).isEqualTo(16);
	}

	@Test
	void aNameAlreadyUsedExitsSeven() {
		Result r = cli.run("role", "create", "ro user", "-a", "org-read");
		assertThat(r.exitCode()).isEqualTo(7);
		assertThat(r.err()).contains("already exists");
	}

	@Test
	void builtInRolesCannotBeChangedOrDeleted() {
		Result update = cli.run("role", "update", "Organization Administrator", "-d", "mine now");
		assertThat(update.exitCode()).isEqualTo(11);
		assertThat(update.err()).contains("built-in role").contains("cannot be changed");
		Result delete = cli.run("role", "delete", "RO User");
		assertThat(delete.exitCode()).isEqualTo(11);
		assertThat(delete.err()).contains("cannot be deleted");
		assertThat(cli.run("role", "update", "RO User").exitCode()).isEqualTo(12);
	}

}
