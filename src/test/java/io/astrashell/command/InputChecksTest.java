package io.astrashell.command;

import io.astrashell.AstraRun.Result;
import io.astrashell.cli.Secrets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.astrashell.command.SandboxCli.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user types is checked before any request (control characters, email lengths, expiries),
 * removing the last administrator needs {@code --force}, and error messages keep ordinary words:
 * one-shot commands against the sandbox over HTTP.
 */
class InputChecksTest extends SandboxCliFixture {

	static final String ESC_TITLE = "\u001B]0;pwned\u0007";

	int count(String... listCommand) {
		return cli.data(listCommand).size();
	}

	static void refusedWithoutRawControls(Result r) {
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).contains("control or bidirectional formatting character").doesNotContain("\u001B")
			.doesNotContain("\u0007").doesNotContain("\u202E");
		assertThat(r.out()).isEmpty();
	}

	@Test
	void controlCharactersTypedInEmailsRoleNamesAndDescriptionsAreRefused() {
		int users = count("user", "list");
		int roles = count("role", "list");
		int tokens = count("token", "list");

		refusedWithoutRawControls(cli.run("user", "invite", "eve\u001B[2J@example.com"));
		refusedWithoutRawControls(cli.run("user", "invite", "eve\u202E@example.com"));
		refusedWithoutRawControls(cli.run("user", "get", "eve\u0085@example.com"));
		refusedWithoutRawControls(cli.run("role", "create", "Evil" + ESC_TITLE, "-a", "org-read"));
		refusedWithoutRawControls(cli.run("role", "create", "Fine", "-a", "org-read", "-d", "\u202Etxt.exe"));
		refusedWithoutRawControls(cli.run("role", "create", "Fine", "-a", "org-read", "-d", "two\nlines"));
		refusedWithoutRawControls(cli.run("token", "create", "-r", "RO User", "-d", "bell\u0007"));
		refusedWithoutRawControls(cli.run("token", "create", "-r", "RO User", "-d", "\u2066isolate"));

		assertThat(cli.run("role", "create", "Auditor", "-a", "org-read").exitCode()).isZero();
		refusedWithoutRawControls(cli.run("role", "update", "Auditor", "-n", "Aud\u009bitor"));
		refusedWithoutRawControls(cli.run("role", "update", "Auditor", "-d", "x\u200Fy"));
		assertThat(cli.data("role", "get", "Auditor").get("Name").asString()).isEqualTo("Auditor");

		// the message names the character and its place
		assertThat(cli.run("user", "invite", "eve\u001B[2J@example.com").err())
			.contains("(U+001B at position 4)");
		// a dry run refuses them too
		Result dry = cli.astra.withInput("role create \"Evil\u001B[31m\" -a org-read\n", "script", "-", "--dry-run",
				"--env", "local");
		assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(11);

		assertThat(count("user", "list")).isEqualTo(users);
		assertThat(count("role", "list")).isEqualTo(roles + 1);
		assertThat(count("token", "list")).isEqualTo(tokens);
	}

	@Test
	void printableUnicodeIsWelcome() {
		Result invite = cli.run("user", "invite", "zoë@example.com");
		assertThat(invite.exitCode()).as(invite.toString()).isZero();
		Result role = cli.run("role", "create", "Équipe données", "-a", "org-read", "-d", "日本語 ✓");
		assertThat(role.exitCode()).as(role.toString()).isZero();
		assertThat(cli.data("role", "get", "équipe données").get("Policy").get("description").asString())
			.isEqualTo("日本語 ✓");
		assertThat(cli.data("user", "get", "zoë@example.com").get("Email").asString()).isEqualTo("zoë@example.com");
	}

	@Test
	void anEmailsLocalPartHasAtMost64Characters() {
		String local64 = "a".repeat(64);
		Result ok = cli.run("user", "invite", local64 + "@example.com");
		assertThat(ok.exitCode()).as(ok.toString()).isZero();

		Result tooLong = cli.run("user", "invite", "a".repeat(65) + "@example.com");
		assertThat(tooLong.exitCode()).as(tooLong.toString()).isEqualTo(11);
		assertThat(tooLong.err()).contains("has 65 characters before the '@': an address has at most 64 there.");

		Result whole = cli.run("user", "invite", "a@" + "b".repeat(250) + ".com");
		assertThat(whole.exitCode()).as(whole.toString()).isEqualTo(11);
		assertThat(whole.err()).contains("an address has at most 254");
		assertThat(cli.run("user", "get", "a".repeat(65) + "@example.com").exitCode()).isEqualTo(5);
	}

	@Test
	void anExpiryBeyondTheYear9999IsRefused() {
		int tokens = count("token", "list");
		for (String expiry : new String[] { "+10000-01-01T00:00:00Z", "3000000d", "99999999999999999999d",
				"+99999-12-31T00:00:00Z" }) {
			Result r = cli.run("token", "create", "-r", "RO User", "--expiry", expiry);
			assertThat(r.exitCode()).as(expiry + "\n" + r).isEqualTo(13);
			assertThat(r.err()).as(expiry).isEqualTo("[ERROR] Invalid expiry '" + expiry
					+ "': it is after the year 9999; give an expiry up to 9999-12-31T23:59:59Z.\n");
		}
		assertThat(count("token", "list")).isEqualTo(tokens);
		Result last = cli.run("token", "create", "-r", "RO User", "--expiry", "9999-12-31", "-o", "json");
		assertThat(last.exitCode()).as(last.toString()).isZero();
		assertThat(json(last).get("data").get("tokenExpiry").asString()).startsWith("9999-12-31T00:00:00");
	}

	@Test
	void takingOrganizationAdministratorFromTheOnlyActiveOneNeedsForce() {
		String adminId = cli.data("user", "get", "admin@sandbox.local").get("UserID").asString();
		for (String ref : new String[] { "admin@sandbox.local", adminId }) {
			Result refused = cli.run("user", "update", ref, "-r", "RO User");
			assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(11);
			assertThat(refused.err()).startsWith("[ERROR] User 'admin@sandbox.local' is the only active Organization "
					+ "Administrator").contains("add --force");
		}
		assertThat(cli.data("user", "get", "admin@sandbox.local").get("Roles").toString())
			.contains("Organization Administrator");

		// keeping the role, or changing a user who is only invited, needs nothing
		Result keeps = cli.run("user", "update", "admin@sandbox.local", "-r", "Organization Administrator", "-r",
				"RO User");
		assertThat(keeps.exitCode()).as(keeps.toString()).isZero();
		cli.run("user", "invite", "pending@example.com", "-r", "Organization Administrator");
		assertThat(cli.run("user", "update", "pending@example.com", "-r", "RO User").exitCode()).isZero();

		Result forced = cli.run("user", "update", "admin@sandbox.local", "-r", "RO User", "--force");
		assertThat(forced.exitCode()).as(forced.toString()).isZero();
		JsonNode roles = cli.data("user", "get", "admin@sandbox.local").get("Roles");
		assertThat(roles.size()).isEqualTo(1);
		assertThat(roles.get(0).get("Name").asString()).isEqualTo("RO User");
	}

	@Test
	void messagesKeepOrdinaryWordsAndMaskSecrets() {
		// it used to read 'Option --token AstraCS:**** a value'
		Result noToken = cli.astra.run("org", "--token");
		assertThat(noToken.exitCode()).isEqualTo(13);
		assertThat(noToken.err())
			.isEqualTo("[ERROR] Option --token needs a value: <AUTH_TOKEN>. See 'astra help org get'.\n");

		String letters = "x".repeat(20_000);
		Result longName = cli.run("role", "get", letters);
		assertThat(longName.exitCode()).isEqualTo(5);
		assertThat(longName.err()).startsWith("[ERROR] Role '" + letters + "' has not been found.")
			.doesNotContain(Secrets.MASKED_TOKEN);

		// the sandbox's secrets and tokens, shaped as the service's, are masked wherever they are quoted
		for (int i = 0; i < 20; i++) {
			JsonNode created = cli.data("token", "create", "-r", "RO User");
			String secret = created.get("secret").asString();
			String token = created.get("token").asString();
			assertThat(Secrets.redact("secret " + secret + " token " + token))
				.isEqualTo("secret " + Secrets.MASKED_TOKEN + " token " + Secrets.MASKED_TOKEN);
		}
	}

	@Test
	void anOptionFollowedByAnotherHasNoValue() {
		Result r = cli.run("user", "invite", "zed@example.com", "-r");
		assertThat(r.exitCode()).isEqualTo(13);
		Result before = cli.astra.run("user", "invite", "zed@example.com", "-r", "--env", "local");
		assertThat(before.exitCode()).as(before.toString()).isEqualTo(13);
		assertThat(before.err()).startsWith("[ERROR] Option -r needs a value: <ROLE>");
		assertThat(json(cli.astra.run("user", "invite", "zed@example.com", "-r", "--env", "local", "-o", "json"))
			.get("code").asString()).isEqualTo("INVALID_OPTION_VALUE");
		// nothing was invited, and a description that starts with a dash is a description
		assertThat(cli.run("user", "get", "zed@example.com").exitCode()).isEqualTo(5);
		Result dash = cli.run("role", "create", "Dashed", "-a", "org-read", "-d", "-- note");
		assertThat(dash.exitCode()).as(dash.toString()).isZero();
		assertThat(cli.data("role", "get", "Dashed").get("Policy").get("description").asString()).isEqualTo("-- note");
	}

}
