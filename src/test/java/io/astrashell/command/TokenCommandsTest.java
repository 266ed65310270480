package io.astrashell.command;


import io.astrashell.AstraRun.Result;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.astrashell.command.SandboxCli.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code token ...} one-shot against the sandbox over HTTP, in the three formats, with its errors. */
class TokenCommandsTest extends SandboxCliFixture {

	@Test
	void createShowsTheSecretOnceAndTheTokenWorks() throws Exception {
		Result r = cli.run("token", "create", "-r", "billing admin", "-d", "finance bot");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).startsWith("[OK]    A new token has been created.\n").contains("| Client Id      | ")
			.contains("| Client Secret  | ").contains("| Token          | AstraCS:");
		assertThat(r.err()).startsWith("[WARN]  The client secret and the token are shown this once");
		String token = r.out().lines().filter(l -> l.startsWith("| Token ")).findFirst().orElseThrow()
			.replaceAll("^\\| Token +\\| (\\S+) +\\|$", "$1");
		// the new token is a real token of the sandbox, with the role given
		Result org = cli.astra.run("org", "id", "--env", "local", "--token", token);
		assertThat(org.exitCode()).as(org.toString()).isZero();
		Result users = cli.astra.run("user", "list", "--env", "local", "--token", token);
		assertThat(users.exitCode()).isEqualTo(9);
		assertThat(users.err()).contains("403");
	}

	@Test
	void createInJsonHasTheApisObject() {
		JsonNode created = cli.data("token", "create", "-r", "RO User", "-r", "API RO User", "--expiry", "30d");
		assertThat(created.get("clientId").asString()).hasSize(24);
		assertThat(created.get("secret").asString()).hasSize(128);
		assertThat(created.get("token").asString()).startsWith("AstraCS:" + created.get("clientId").asString() + ":");
		assertThat(created.get("roles").size()).isEqualTo(2);
		assertThat(created.get("tokenExpiry").asString()).isNotEmpty();
	}

	@Test
	void listNewestFirstWithRoleNames() throws Exception {
		cli.data("token", "create", "-r", "RO User", "-d", "first");
		Thread.sleep(5);
		cli.data("token", "create", "-r", "R/W User", "-d", "second");
		Result human = cli.run("token", "list");
		assertThat(human.exitCode()).isZero();
		assertThat(human.out()).contains("| Generated On ").contains("| Client Id ").contains("| Roles ")
			.contains("| Description ");
		int second = human.out().indexOf("second");
		int first = human.out().indexOf("first");
		int admin = human.out().indexOf("sandbox admin token");
		assertThat(second).isLessThan(first);
		assertThat(first).isLessThan(admin);
		assertThat(human.out()).contains("| R/W User ").matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC.*");

		JsonNode data = cli.data("token", "list");
		assertThat(data.size()).isEqualTo(3);
		assertThat(data.get(0).has("generatedOn")).isTrue();
		assertThat(data.get(0).has("secret")).isFalse();

		Result csv = cli.run("token", "list", "-o", "csv");
		assertThat(csv.out()).startsWith("Generated On,Client Id,Roles,Description\r\n");
		assertThat(csv.out().split("\r\n")).hasSize(4);
	}

	@Test
	void createNeedsARoleAndAValidExpiry() {
		assertThat(cli.run("token", "create").exitCode()).isEqualTo(12);
		assertThat(cli.run("token", "create", "-r", "Nope").exitCode()).isEqualTo(5);
		Result past = cli.run("token", "create", "-r", "RO User", "--expiry", "2001-01-01");
		assertThat(past.exitCode()).isEqualTo(13);
		assertThat(past.err()).contains("in the past");
		assertThat(cli.run("token", "create", "-r", "RO User", "--expiry", "soon").exitCode()).isEqualTo(13);
		assertThat(cli.data("token", "list").size()).isEqualTo(1);
	}

	@Test
	void getPrintsTheTokenInUseAloneOnStdout() throws Exception {
		Result r = cli.run("token", "get");
		assertThat(r.exitCode()).isZero();
		assertThat(r.out()).isEqualTo(LocalSandbox.adminTokenOf(cli.astra.home()) + "\n");
		assertThat(r.err()).isEmpty();
	}

	@Test
	void deleteAndRevoke() {
		String a = cli.data("token", "create", "-r", "RO User").get("clientId").asString();
		String b = cli.data("token", "create", "-r", "RO User").get("clientId").asString();
		Result deleted = cli.run("token", "delete", a);
		assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
		assertThat(deleted.out()).isEqualTo("[OK]    Your token has been deleted.\n");
		assertThat(cli.data("token", "revoke", b).get("deleted").asString()).isEqualTo(b);
		assertThat(cli.run("token", "list").out()).doesNotContain(a).doesNotContain(b);

		Result missing = cli.run("token", "delete", a);
		assertThat(missing.exitCode()).isEqualTo(5);
		assertThat(missing.err()).isEqualTo("[ERROR] Token '" + a + "' has not been found. See 'astra token list'.\n");
		assertThat(cli.run("token", "delete", a, "--if-exists").exitCode()).isZero();
	}

	@Test
	void revokingTheSessionsOwnTokenNeedsForce() throws Exception {
		assertThat(cli.run("token", "list").exitCode()).isZero();
		String own = LocalSandbox.adminTokenOf(cli.astra.home());
		String clientId = own.substring(8, 32);
		Result refused = cli.run("token", "revoke", clientId);
		assertThat(refused.exitCode()).isEqualTo(11);
		assertThat(refused.err()).contains("is the one this session uses").contains("--force");
		assertThat(cli.run("token", "list").out()).contains(clientId);
		Result tokenItself = cli.run("token", "delete", own);
		assertThat(tokenItself.exitCode()).isEqualTo(11);
		assertThat(tokenItself.err()).contains("client id").doesNotContain(own.substring(33));

		Result forced = cli.run("token", "revoke", clientId, "--force");
		assertThat(forced.exitCode()).isZero();
		Result lockedOut = cli.run("org");
		assertThat(lockedOut.exitCode()).isEqualTo(9);
		assertThat(json(cli.run("org", "-o", "json")).get("message").asString()).contains("401");
	}

}
