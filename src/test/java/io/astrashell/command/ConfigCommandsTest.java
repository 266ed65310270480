package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.astrashell.command.SandboxCli.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code setup} and {@code config ...} one-shot, on profile files in a temporary directory. */
class ConfigCommandsTest extends ServedSandboxFixture {

	@Test
	void setupChecksTheTokenNamesTheProfileAfterTheOrganizationAndMakesItTheDefault() throws Exception {
		Result r = astra.run("setup", "--token", token, "--env", "local", "--local-endpoint", endpoint);
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).isEqualTo("[OK]    Profile 'Sandbox Org' for organization 'Sandbox Org' saved in "
				+ astra.configFile() + "; it is the default.\n");
		assertThat(file()).isEqualTo("""
				[default]
				ASTRA_DB_APPLICATION_TOKEN=%1$s
				ASTRA_ENV=LOCAL
				ASTRA_LOCAL_ENDPOINT=%2$s

				[Sandbox Org]
				ASTRA_DB_APPLICATION_TOKEN=%1$s
				ASTRA_ENV=LOCAL
				ASTRA_LOCAL_ENDPOINT=%2$s
				""".formatted(token, endpoint));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(astra.configFile()))).isEqualTo("rw-------");
		// the profile now serves every command without options
		assertThat(astra.run("org", "name").out()).isEqualTo("Sandbox Org\n");
	}

	@Test
	void setupReadsTheTokenFromStandardInputAndKeepsAnExistingDefault() throws Exception {
		Files.writeString(astra.configFile(), "# mine\n[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:old\n");
		Result r = astra.withInput(token + "\n", "login", "--env", "local", "--local-endpoint", endpoint, "--name",
				"sandbox");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("Profile 'sandbox'").doesNotContain("it is the default");
		assertThat(file()).startsWith("# mine\n[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:old\n")
			.contains("[sandbox]\nASTRA_DB_APPLICATION_TOKEN=" + token);
		assertThat(r.out() + r.err()).doesNotContain(token);
		Result noToken = astra.withInput("", "setup", "--env", "local");
		assertThat(noToken.exitCode()).isEqualTo(12);
	}

	@Test
	void aRefusedTokenSavesNothing() throws Exception {
		String unknown = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);
		Result r = astra.run("config", "create", "x", "--token", unknown, "--env", "local", "--local-endpoint", endpoint);
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(astra.configFile()).doesNotExist();
		Result malformed = astra.run("setup", "--token", "AstraCS:short");
		assertThat(malformed.exitCode()).isEqualTo(9);
		assertThat(astra.configFile()).doesNotExist();
	}

	@Test
	void createWithoutValidationNeedsAName() throws Exception {
		assertThat(astra.run("config", "create", "--token", token, "--no-validate").exitCode()).isEqualTo(12);
		Result r = astra.run("config", "create", "offline", "--token", token, "--no-validate", "--env", "dev");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(file()).contains("[offline]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\nASTRA_ENV=DEV\n");
		assertThat(astra.run("config", "create", "offline", "--token", token, "--no-validate").exitCode()).isEqualTo(7);
		assertThat(astra.run("config", "create", "x").exitCode()).isEqualTo(12);
	}

	@Test
	void listMasksTokensMarksTheProfileInUseAndShowsEnvironmentsWhenNeeded() throws Exception {
		astra.run("config", "create", "prod-team", "--token", token, "--no-validate");
		Result prodOnly = astra.run("config", "list");
		assertThat(prodOnly.out()).contains("| Profile ").doesNotContain("| Env ").contains("AstraCS:" + token.substring(8, 12) + "…")
			.doesNotContain(token);
		assertThat(prodOnly.out()).contains("| prod-team (in use) ").contains("| default (in use) ");

		astra.run("config", "create", "sandbox", "--token", token, "--env", "local", "--local-endpoint", endpoint);
		Result both = astra.run("config", "list");
		assertThat(both.out()).contains("| Env ").contains("| LOCAL ").contains("| PROD ");
		Result chosen = astra.run("config", "list", "-conf", "sandbox");
		assertThat(chosen.out()).contains("| sandbox (in use) ").contains("| prod-team  ");
		JsonNode data = json(astra.run("config", "list", "-o", "json")).get("data");
		assertThat(data.size()).isEqualTo(3);
		assertThat(data.toString()).doesNotContain(token);
	}

	@Test
	void getShowsAProfileWithItsTokenMaskedOrOneKey() throws Exception {
		astra.run("config", "create", "sandbox", "--token", token, "--env", "local", "--local-endpoint", endpoint);
		Result r = astra.run("config", "get", "sandbox");
		assertThat(r.out()).contains("| ASTRA_DB_APPLICATION_TOKEN | AstraCS:").contains("| ASTRA_ENV ").doesNotContain(token);
		assertThat(astra.run("config", "describe", "sandbox", "-k", "ASTRA_ENV").out()).isEqualTo("LOCAL\n");
		assertThat(astra.run("config", "get", "sandbox", "-k", "ASTRA_DB_APPLICATION_TOKEN").out()).doesNotContain(token);
		Result missingKey = astra.run("config", "get", "sandbox", "-k", "NOPE");
		assertThat(missingKey.exitCode()).isEqualTo(5);
		Result missing = astra.run("config", "get", "nope");
		assertThat(missing.exitCode()).isEqualTo(5);
		assertThat(missing.err()).contains("Profiles there: default, sandbox.");
	}

	@Test
	void useCopiesTheProfileIntoDefaultAndDeleteRemovesIt() throws Exception {
		astra.run("config", "create", "a", "--token", token, "--env", "local", "--local-endpoint", endpoint);
		astra.run("config", "create", "b", "--token", token, "--no-validate", "--env", "dev");
		assertThat(astra.run("config", "get", "default", "-k", "ASTRA_ENV").out()).isEqualTo("LOCAL\n");
		Result use = astra.run("config", "use", "b");
		assertThat(use.exitCode()).as(use.toString()).isZero();
		assertThat(astra.run("config", "get", "default", "-k", "ASTRA_ENV").out()).isEqualTo("DEV\n");
		assertThat(astra.run("config", "use", "zzz").exitCode()).isEqualTo(5);

		Result delete = astra.run("config", "delete", "b");
		assertThat(delete.exitCode()).isZero();
		assertThat(delete.err()).contains("[default] was a copy of 'b'");
		assertThat(astra.run("config", "get", "b").exitCode()).isEqualTo(5);
		assertThat(astra.run("config", "delete", "b").exitCode()).isEqualTo(5);
	}

	@Test
	void configFileOptionChoosesTheFile() throws Exception {
		Path other = dir.resolve("other-rc");
		Result r = astra.run("config", "create", "x", "--token", token, "--no-validate", "-cf", other.toString());
		assertThat(r.exitCode()).isZero();
		assertThat(Files.readString(other)).contains("[x]");
		assertThat(astra.configFile()).doesNotExist();
		assertThat(astra.run("config", "list", "--config-file", other.toString()).out()).contains("| x ");
	}

	@Test
	void anUnparseableFileIsNamedAndLeftUntouched() throws Exception {
		String corrupt = "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\nthis is not ini\n";
		Files.writeString(astra.configFile(), corrupt);
		Result r = astra.run("config", "create", "x", "--token", token, "--no-validate");
		assertThat(r.exitCode()).isEqualTo(9);
		assertThat(r.err()).contains(astra.configFile().toString()).contains("line 3").doesNotContain(token);
		assertThat(file()).isEqualTo(corrupt);
		assertThat(astra.run("org").err()).contains("line 3");
	}

	@Test
	void originalCliFilesWorkAsTheyAre() throws Exception {
		Files.writeString(astra.configFile(), """
				[default]
				ASTRA_DB_APPLICATION_TOKEN=%1$s

				[my_org]
				ASTRA_DB_APPLICATION_TOKEN=%1$s
				""".formatted(token));
		Result r = astra.run("org", "id", "-conf", "my_org", "--env", "local", "--local-endpoint", endpoint);
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out().trim()).isEqualTo(sandbox.organizationId());
	}

}
