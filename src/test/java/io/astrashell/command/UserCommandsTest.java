package io.astrashell.command;


import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code user ...} one-shot against the sandbox over HTTP, in the three formats, with its errors. */
class UserCommandsTest extends SandboxCliFixture {

	Result run(String... args) {
		return cli.run(args);
	}

	static JsonNode json(Result r) {
		return WireJson.mapper().readTree(r.out());
	}

	@Test
	void listInTheThreeFormats() {
		Result human = run("user", "list");
		assertThat(human.exitCode()).as(human.toString()).isZero();
		assertThat(human.out()).contains("| User Id ").contains("| User Email ").contains("| Status ")
			.contains("admin@sandbox.local").contains("active");
		assertThat(run("user").out()).isEqualTo(human.out());

		JsonNode doc = json(run("user", "list", "-o", "json"));
		assertThat(doc.get("code").asString()).isEqualTo("OK");
		JsonNode admin = doc.get("data").get(0);
		assertThat(admin.get("Email").asString()).isEqualTo("admin@sandbox.local");
		assertThat(admin.has("UserID")).isTrue();
		assertThat(admin.get("Roles").get(0).get("Name").asString()).isEqualTo("Organization Administrator");

		Result csv = run("user", "list", "-o", "csv");
		assertThat(csv.out()).startsWith("User Id,User Email,Status\r\n").contains(",admin@sandbox.local,active\r\n");
		assertThat(csv.out().split("\r\n")).hasSize(2);
	}

	@Test
	void inviteWithTheDefaultRoleThenGetByEmailAndById() {
		Result invite = run("user", "invite", "alice@example.com");
		assertThat(invite.exitCode()).as(invite.toString()).isZero();
		assertThat(invite.out())
			.isEqualTo("[OK]    User 'alice@example.com' has been invited with the role Database Administrator.\n");

		Result get = run("user", "get", "ALICE@example.com");
		assertThat(get.exitCode()).isZero();
		assertThat(get.out()).contains("| User Email     | alice@example.com").contains("| Status         | invited")
			.contains("| Roles          | [0] Database Administrator");

		String id = json(run("user", "describe", "alice@example.com", "-o", "json")).get("data").get("UserID").asString();
		Result byId = run("user", "get", id, "-o", "csv");
		assertThat(byId.out()).isEqualTo("User Id,User Email,Status,Roles\r\n" + id
				+ ",alice@example.com,invited,Database Administrator\r\n");
	}

	@Test
	void inviteWithSeveralRolesByNameInAnyCaseAndById() {
		String roId = json(run("role", "get", "ro user", "-o", "json")).get("data").get("ID").asString();
		Result r = run("user", "invite", "bob@example.com", "-r", "api ro user", "--role", roId, "-o", "json");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		JsonNode data = json(r).get("data");
		assertThat(data.get("invited").asString()).isEqualTo("bob@example.com");
		assertThat(data.get("roleIds").size()).isEqualTo(2);
		assertThat(data.get("roleIds").get(1).asString()).isEqualTo(roId);
		assertThat(data.get("roleNames").toString()).isEqualTo("[\"API RO User\",\"RO User\"]");
		assertThat(run("user", "get", "bob@example.com").out()).contains("[0] API RO User").contains("[1] RO User");
	}

	@Test
	void inviteErrors() {
		Result notEmail = run("user", "invite", "bob-at-example.com");
		assertThat(notEmail.exitCode()).isEqualTo(11);
		assertThat(notEmail.err()).contains("'bob-at-example.com' is not an email address");

		Result unknownRole = run("user", "invite", "bob@example.com", "-r", "Admn");
		assertThat(unknownRole.exitCode()).isEqualTo(5);
		assertThat(unknownRole.err())
			.isEqualTo("[ERROR] Role 'Admn' has not been found. Did you mean 'Admin User' or 'Admin Svc Acct'?\n");

		Result twice = run("user", "invite", "bob@example.com", "-r", "RO User", "-r", "ro user");
		assertThat(twice.exitCode()).isEqualTo(11);
		assertThat(twice.err()).contains("given twice");

		Result present = run("user", "invite", "admin@sandbox.local");
		assertThat(present.exitCode()).isEqualTo(7);
		assertThat(present.err()).startsWith("[ERROR] User 'admin@sandbox.local' already exists in the organization");
		assertThat(json(run("user", "invite", "admin@sandbox.local", "-o", "json")).get("code").asString())
			.isEqualTo("ALREADY_EXISTS");

		Result ifNotExists = run("user", "invite", "admin@sandbox.local", "--if-not-exists");
		assertThat(ifNotExists.exitCode()).isZero();
		assertThat(ifNotExists.out()).contains("already in the organization: nothing to do");
		// nothing changed on the server by any of the failures
		assertThat(run("user", "list", "-o", "csv").out().split("\r\n")).hasSize(2);
	}

	@Test
	void getErrors() {
		Result missing = run("user", "get", "nobody@example.com");
		assertThat(missing.exitCode()).isEqualTo(5);
		assertThat(missing.err()).isEqualTo("[ERROR] User 'nobody@example.com' has not been found.\n");
		Result missingId = run("user", "get", "00000000-0000-0000-0000-000000000000", "-o", "json");
		assertThat(missingId.exitCode()).isEqualTo(5);
		assertThat(json(missingId).get("code").asString()).isEqualTo("NOT_FOUND");
		Result nonsense = run("user", "get", "not an email");
		assertThat(nonsense.exitCode()).isEqualTo(11);
		Result noArgument = run("user", "get");
		assertThat(noArgument.exitCode()).isEqualTo(11);
		assertThat(noArgument.err()).contains("Missing <USER>");
	}

	@Test
	void updateReplacesTheRoles() {
		run("user", "invite", "carol@example.com", "-r", "RO User");
		Result r = run("user", "update", "carol@example.com", "-r", "R/W User", "-r", "Billing Admin");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo("[OK]    User 'carol@example.com' now has the roles R/W User, Billing Admin.\n");
		assertThat(run("user", "get", "carol@example.com").out()).contains("R/W User").contains("Billing Admin")
			.doesNotContain("RO User");
		assertThat(run("user", "update", "carol@example.com").exitCode()).isEqualTo(12);
		assertThat(run("user", "update", "nobody@example.com", "-r", "RO User").exitCode()).isEqualTo(5);
		assertThat(json(run("user", "update", "carol@example.com", "-r", "RO User", "-o", "json")).get("data")
			.get("updated").asString()).isEqualTo("carol@example.com");
	}

	@Test
	void deleteByEmailOrIdAndIfExists() {
		run("user", "invite", "dave@example.com");
		Result r = run("user", "delete", "dave@example.com");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo("[OK]    Deleting user 'dave@example.com' (async operation)\n");
		assertThat(run("user", "get", "dave@example.com").exitCode()).isEqualTo(5);

		Result again = run("user", "delete", "dave@example.com");
		assertThat(again.exitCode()).isEqualTo(5);
		Result ifExists = run("user", "delete", "dave@example.com", "--if-exists", "-o", "csv");
		assertThat(ifExists.exitCode()).isZero();
		assertThat(ifExists.out()).isEqualTo("deleted,userId\r\n,\r\n");

		run("user", "invite", "erin@example.com");
		String id = json(run("user", "get", "erin@example.com", "-o", "json")).get("data").get("UserID").asString();
		JsonNode deleted = json(run("user", "delete", id, "-o", "json"));
		assertThat(deleted.get("data").get("deleted").asString()).isEqualTo("erin@example.com");
	}

	@Test
	void deletingAnActiveAdministratorNeedsForce() {
		Result refused = run("user", "delete", "admin@sandbox.local");
		assertThat(refused.exitCode()).isEqualTo(11);
		assertThat(refused.err()).contains("active Organization Administrator, the only one").contains("--force");
		assertThat(run("user", "get", "admin@sandbox.local").exitCode()).isZero();
	}

}
