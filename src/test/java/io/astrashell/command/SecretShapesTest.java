package io.astrashell.command;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.astrashell.command.SandboxCli.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret is masked by its shape wherever it stands: under any key of a profile (a lower-case
 * {@code astra_db_application_token}, a key of the user's own), in a server value, in an error or a
 * {@code -v} line, in every format. Only {@code token create} (once) and {@code token get} print one,
 * on purpose.
 */
class SecretShapesTest extends SandboxCliFixture {

	static final String ID = "QWERTYUIOPASDFGHJKLZXCVB";

	static final String HEX = "a1b2c3d4e5f60718".repeat(4);

	static final String TOKEN = "AstraCS:" + ID + ":" + HEX;

	/** What must never be printed: any part of the token that tells it. */
	static void noToken(String what, String text) {
		assertThat(text).as(what).doesNotContain(ID.substring(4)).doesNotContain(HEX.substring(8, 56));
	}

	@Test
	void aTokenUnderAnyKeyOfAProfileIsMaskedInEveryFormatAndEveryCommand() throws Exception {
		Files.writeString(cli.astra.configFile(), "[default]\nastra_db_application_token=" + TOKEN + "\nMY_OLD_TOKEN="
				+ TOKEN + "\nNOTE=\"Astra\\CS:" + ID + ":" + HEX + "\"\nASTRA_DB_APPLICATION_TOKEN=" + TOKEN
				+ "\nASTRA_ENV=LOCAL\nASTRA_LOCAL_ENDPOINT=http://admin:s3cret-pw@127.0.0.1:9/\n"
				+ "[p2]\nOLD_PROXY=http://u:hunter2@proxy:3128\nASTRA_DB_APPLICATION_TOKEN=" + TOKEN + "\n");
		for (String format : List.of("human", "json", "csv")) {
			for (List<String> command : List.of(List.of("config", "get", "default"), List.of("config", "get", "p2"),
					List.of("config", "describe", "default"), List.of("config", "list"),
					List.of("config", "get", "default", "-k", "astra_db_application_token"),
					List.of("config", "get", "default", "-k", "MY_OLD_TOKEN"), List.of("config", "get", "default", "-k", "note"),
					List.of("config", "get", "default", "-k", "nope"), List.of("config", "get", "p2", "-k", "OLD_PROXY"))) {
				List<String> args = new ArrayList<>(command);
				args.addAll(List.of("-o", format));
				Result r = cli.astra.run(args.toArray(String[]::new));
				String what = String.join(" ", args) + "\n" + r;
				noToken(what, r.out() + r.err());
				assertThat(r.out() + r.err()).as(what).doesNotContain("s3cret-pw").doesNotContain("hunter2");
			}
		}
		Result get = cli.astra.run("config", "get", "default");
		assertThat(get.out()).contains("| astra_db_application_token | AstraCS:QWER…0718").contains("| MY_OLD_TOKEN ")
			.contains("| NOTE                       | AstraCS:****").contains("http://admin:****@127.0.0.1:9/");
		JsonNode data = json(cli.astra.run("config", "get", "default", "-o", "json")).get("data");
		assertThat(data.get("MY_OLD_TOKEN").asString()).isEqualTo("AstraCS:QWER…0718");
		assertThat(cli.astra.run("config", "get", "default", "-k", "my_old_token").out()).isEqualTo("AstraCS:QWER…0718\n");
		assertThat(cli.astra.run("config", "get", "p2", "-k", "old_proxy").out()).isEqualTo("http://u:****@proxy:3128\n");
		// the token is kept, and works: masked only where it is shown
		assertThat(Files.readString(cli.astra.configFile())).contains("MY_OLD_TOKEN=" + TOKEN);
	}

	@Test
	void aTokenShapedServerValueIsMaskedAndTheTwoCommandsThatShowASecretStillDo() {
		// a description holding a (mistyped) token, as a careless admin may paste it
		assertThat(cli.run("role", "create", "Leaky", "-a", "org-read", "-d", "token Astra\\CS:" + ID + ":" + HEX)
			.exitCode()).isZero();
		for (String format : List.of("human", "json", "csv")) {
			for (List<String> command : List.of(List.of("role", "list"), List.of("role", "get", "leaky"),
					List.of("role", "describe", "leaky"), List.of("org", "export"))) {
				List<String> args = new ArrayList<>(command);
				args.addAll(List.of("-o", format));
				Result r = cli.run(args.toArray(String[]::new));
				assertThat(r.exitCode()).as(r.toString()).isZero();
				noToken(String.join(" ", args) + "\n" + r, r.out() + r.err());
				if (!(command.get(0).equals("org") && format.equals("csv"))) { // its CSV lists the users alone
					assertThat(r.out()).as(String.join(" ", args)).contains("AstraCS:****");
				}
			}
		}
		// on purpose: the token in use, and a new token's secret, shown whole in every format
		String admin = cli.data("token", "get").get("token").asString();
		for (String format : List.of("human", "json", "csv")) {
			assertThat(cli.run("token", "get", "-o", format).out()).contains(admin);
			Result created = cli.run("token", "create", "-r", "RO User", "-o", format);
			assertThat(created.exitCode()).as(created.toString()).isZero();
			assertThat(created.out()).doesNotContain("AstraCS:****").containsPattern("AstraCS:[A-Za-z]{24}:[0-9a-f]{64}");
		}
	}

	@Test
	void errorsAndVerboseLinesMaskAMistypedTokenFromAVariableOrAnArgument() {
		String mistyped = "Astra\\CS:" + ID + ":" + HEX;
		Result endpoint = cli.astra.env("ASTRA_LOCAL_ENDPOINT", mistyped).run("org", "--env", "local", "-v");
		assertThat(endpoint.exitCode()).isEqualTo(13);
		assertThat(endpoint.err()).contains("AstraCS:****");
		noToken(endpoint.toString(), endpoint.out() + endpoint.err());
		cli.astra.without("ASTRA_LOCAL_ENDPOINT");
		for (String format : List.of("human", "json", "csv")) {
			Result r = cli.run("user", "get", mistyped, "-v", "-o", format);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
			noToken(r.toString(), r.out() + r.err());
		}
		Result env = cli.astra.env("ASTRA_DB_APPLICATION_TOKEN", mistyped.replace("\\", "")).run("org", "name", "-v",
				"--env", "local", "-o", "json");
		noToken(env.toString(), env.out() + env.err());
	}

}
