package io.astrashell.command;

import java.nio.file.Path;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code org}, {@code org get}, {@code org id}, {@code org name} run one-shot against the local
 * sandbox over HTTP, in the three formats: stdout, stderr and the exit code.
 */
class OrgCommandsTest {

	@TempDir
	static Path dir;

	static AstraRun astra;

	static LocalSandbox served;

	static String orgId;

	@BeforeAll
	static void sandbox() throws Exception {
		astra = new AstraRun(dir);
		served = LocalSandbox.start(astra.home(), 0);
		orgId = served.organizationId();
	}

	@AfterAll
	static void stop() {
		served.close();
	}

	@Test
	void orgPrintsTheAttributeTableOfTheOriginalCli() {
		Result r = astra.run("org", "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.err()).isEmpty();
		assertThat(r.out()).isEqualTo("""
				+----------------+-----------------------------------------+
				| Attribute      | Value                                   |
				+----------------+-----------------------------------------+
				| Name           | Sandbox Org                             |
				| id             | %s    |
				+----------------+-----------------------------------------+
				""".formatted(orgId));
	}

	@Test
	void orgGetIsOrg() {
		assertThat(astra.run("org", "get", "--env", "local").out()).isEqualTo(astra.run("org", "--env", "local").out());
	}

	@Test
	void orgAsJsonIsOneDocumentWithCodeMessageAndData() {
		Result r = astra.run("org", "-o", "json", "--env", "local");
		assertThat(r.exitCode()).isZero();
		assertThat(r.err()).isEmpty();
		JsonNode doc = WireJson.mapper().readTree(r.out());
		assertThat(doc.get("code").asString()).isEqualTo("OK");
		assertThat(doc.get("message").asString()).contains("Sandbox Org");
		assertThat(doc.get("data").get("id").asString()).isEqualTo(orgId);
		assertThat(doc.get("data").get("name").asString()).isEqualTo("Sandbox Org");
	}

	@Test
	void orgAsCsvIsAHeaderAndOneRow() {
		Result r = astra.run("org", "--env", "local", "--output", "csv");
		assertThat(r.exitCode()).isZero();
		assertThat(r.out()).isEqualTo("Name,id\r\nSandbox Org," + orgId + "\r\n");
	}

	@Test
	void orgIdAndNamePrintTheBareValue() {
		Result id = astra.run("org", "id", "--env", "local");
		assertThat(id.exitCode()).isZero();
		assertThat(id.out()).isEqualTo(orgId + "\n");
		Result name = astra.run("org", "name", "--env", "local");
		assertThat(name.out()).isEqualTo("Sandbox Org\n");
	}

	@Test
	void orgIdAndNameInJsonAndCsv() {
		JsonNode id = WireJson.mapper().readTree(astra.run("org", "id", "--env", "local", "-o", "json").out());
		assertThat(id.get("code").asString()).isEqualTo("OK");
		assertThat(id.get("data").get("id").asString()).isEqualTo(orgId);
		assertThat(astra.run("org", "id", "--env", "local", "-o", "csv").out()).isEqualTo("id\r\n" + orgId + "\r\n");
		JsonNode name = WireJson.mapper().readTree(astra.run("org", "name", "--env", "local", "-o", "json").out());
		assertThat(name.get("data").get("name").asString()).isEqualTo("Sandbox Org");
		assertThat(astra.run("org", "name", "-o", "csv", "--env", "local").out()).isEqualTo("name\r\nSandbox Org\r\n");
	}

	@Test
	void globalOptionsMayStandBeforeTheCommand() {
		Result r = astra.run("--env", "local", "-o", "json", "org", "id");
		assertThat(r.exitCode()).isZero();
		assertThat(r.out()).contains("\"id\" : \"" + orgId + "\"");
	}

	@Test
	void localEndpointTalksToAServedSandboxWithItsToken() {
		Result r = astra.run("org", "id", "--env", "local", "--local-endpoint", served.endpoint().toString(),
				"--token", served.adminToken());
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo(orgId + "\n");
	}

	@Test
	void localEndpointFromTheVariableAndTheTokenFromTheSandboxState() {
		AstraRun withVariable = new AstraRun(dir).env("ASTRA_LOCAL_ENDPOINT", served.endpoint().toString());
		Result r = withVariable.run("org", "name", "--env", "LOCAL");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo("Sandbox Org\n");
	}

	@Test
	void tokenFromTheEnvironmentVariable() {
		AstraRun withToken = new AstraRun(dir).env("ASTRA_DB_APPLICATION_TOKEN", served.adminToken());
		Result r = withToken.run("org", "id", "--env", "local", "--local-endpoint", served.endpoint().toString());
		assertThat(r.exitCode()).as(r.toString()).isZero();
	}

	@Test
	void aMalformedTokenIsRefusedBeforeAnyRequestWithoutEchoingIt() {
		String token = "AstraCS:tooShortButSecret123";
		Result r = astra.run("org", "--env", "local", "--token", token);
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.out()).isEmpty();
		assertThat(r.err()).startsWith("[ERROR] Invalid token from --token: the token has 28 characters");
		assertThat(r.err()).doesNotContain("tooShortButSecret123");
		assertThat(r.err().lines()).hasSize(1);
	}

	@Test
	void aWellFormedButUnknownTokenIsRefusedByTheServer() {
		String unknown = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);
		Result r = astra.run("org", "--env", "local", "--token", unknown, "-o", "json");
		assertThat(r.exitCode()).isEqualTo(9);
		JsonNode doc = WireJson.mapper().readTree(r.out());
		assertThat(doc.get("code").asString()).isEqualTo("CONFIGURATION");
		assertThat(doc.get("message").asString()).contains("401").doesNotContain("ABCDEFGHIJKLMNOPQRSTUVWX");
		assertThat(doc.get("data").isNull()).isTrue();
		assertThat(r.err()).isEmpty();
	}

	@Test
	void noTokenAnywhereSaysHowToGetOne() {
		Result r = astra.run("org");
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.err()).contains("No token").contains("astra setup").contains("--env local");
	}

	@Test
	void unknownEnvironmentAndFormatNameTheAllowedValues() {
		Result env = astra.run("org", "--env", "staging");
		assertThat(env.exitCode()).isEqualTo(13);
		assertThat(env.err()).isEqualTo("[ERROR] Invalid value 'staging' for --env: use one of PROD, DEV, TEST, LOCAL.\n");
		Result format = astra.run("org", "-o", "xml", "--env", "local");
		assertThat(format.exitCode()).isEqualTo(13);
		assertThat(format.err()).contains("human, json, csv");
	}

	@Test
	void unknownCommandsAndOptionsExitElevenWithASuggestion() {
		Result cmd = astra.run("ogr");
		assertThat(cmd.exitCode()).isEqualTo(11);
		assertThat(cmd.err()).contains("Unknown command 'ogr'").contains("Did you mean 'org'?");
		Result sub = astra.run("org", "nmae", "--env", "local");
		assertThat(sub.exitCode()).isEqualTo(11);
		assertThat(sub.err()).contains("Did you mean 'name'?");
		Result option = astra.run("org", "--colour");
		assertThat(option.exitCode()).isEqualTo(11);
		assertThat(option.err()).contains("Unknown option '--colour'");
	}

	@Test
	void anOptionWithoutItsValueExitsThirteenAndKeepsItsWords() {
		Result r = astra.run("org", "--env");
		assertThat(r.exitCode()).isEqualTo(13);
		assertThat(r.err()).startsWith("[ERROR] Option --env needs a value: <Environment>");
		Result token = astra.run("org", "--token");
		assertThat(token.exitCode()).isEqualTo(13);
		assertThat(token.err()).startsWith("[ERROR] Option --token needs a value: <AUTH_TOKEN>").doesNotContain("****");
	}

	@Test
	void errorsInJsonModeAreAJsonDocumentOnStdout() {
		Result r = astra.run("org", "-o", "json", "--bogus");
		assertThat(r.exitCode()).isEqualTo(11);
		JsonNode doc = WireJson.mapper().readTree(r.out());
		assertThat(doc.get("code").asString()).isEqualTo("INVALID_ARGUMENT");
		assertThat(doc.has("data")).isTrue();
	}

	@Test
	void noStackTraceWithoutVerboseAndOneWithIt() {
		String unreachable = "http://127.0.0.1:9";
		Result quiet = astra.run("org", "--env", "local", "--local-endpoint", unreachable, "--token", served.adminToken());
		assertThat(quiet.exitCode()).isEqualTo(100);
		assertThat(quiet.err()).contains("Cannot reach the Astra DevOps API at " + unreachable).doesNotContain("\tat ");
		Result verbose = astra.run("org", "-v", "--env", "local", "--local-endpoint", unreachable, "--token",
				served.adminToken());
		assertThat(verbose.err()).contains("\tat ").contains("[DEBUG]").doesNotContain(served.adminToken());
	}

	@Test
	void helpPagesLookLikeTheOriginal() {
		Result r = astra.run("help", "org");
		assertThat(r.exitCode()).isZero();
		assertThat(r.out()).startsWith("NAME\n        astra org - Display Organization Info\n\nSYNOPSIS\n        astra org { apply | diff | export | get* | id | name }");
		assertThat(r.out()).contains("Where * indicates the default command(s)");
		Result page = astra.run("org", "id", "--help");
		assertThat(page.out()).contains("-cf <CONFIG_FILE>, --config-file <CONFIG_FILE>")
			.contains("-conf <CONFIG_SECTION>, --config <CONFIG_SECTION>");
	}

}
