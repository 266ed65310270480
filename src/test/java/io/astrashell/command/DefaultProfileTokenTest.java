package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;

import io.astrashell.AstraRun.Result;
import io.astrashell.session.AstraRc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config use}, {@code config create --default} and {@code setup} never destroy the only copy
 * of a token: a {@code [default]} written by hand, whose token no other profile holds, is not
 * overwritten (exit 11, naming the commands that keep it or discard it); a {@code [default]} that
 * is a copy of another profile, as the original CLI writes it, is replaced as before.
 */
class DefaultProfileTokenTest extends ServedSandboxFixture {

	/** A token that lives in {@code [default]} alone (the README's own example file). */
	static final String HAND_WRITTEN = "AstraCS:HandWrittenTokenXXXXXXXX:" + "c".repeat(64);

	String handWrittenFile;

	@BeforeEach
	void start() throws Exception {
		handWrittenFile = """
				# written by hand
				[default]
				ASTRA_DB_APPLICATION_TOKEN=%s

				[team]
				ASTRA_DB_APPLICATION_TOKEN=%s
				ASTRA_ENV=LOCAL
				ASTRA_LOCAL_ENDPOINT=%s
				""".formatted(HAND_WRITTEN, token, endpoint);
		assertThat(HAND_WRITTEN).hasSize(97);
	}

	@Test
	void configUseRefusesToLoseTheOnlyCopyAndNamesTheCommandsThatKeepOrDiscardIt() throws Exception {
		Files.writeString(astra.configFile(), handWrittenFile);
		Result r = astra.run("config", "use", "team");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).hasLineCount(1)
			.startsWith("[ERROR] [default] in " + astra.configFile() + " holds a token that no other profile holds")
			.contains("making 'team' the default would lose it, so nothing was changed")
			.contains("astra config create previous-default --token \"$(astra token get -conf default)\" --no-validate")
			.contains("astra config delete default")
			.doesNotContain(HAND_WRITTEN)
			.doesNotContain("Exception");
		assertThat(file()).isEqualTo(handWrittenFile);
		// the file is still what it was: commands without -conf use the hand-written token
		assertThat(astra.run("token", "get").out()).isEqualTo(HAND_WRITTEN + "\n");
	}

	@Test
	void createDefaultAndSetupFollowTheSameRule() throws Exception {
		Files.writeString(astra.configFile(), handWrittenFile);
		Result create = astra.run("config", "create", "other", "--token", token, "--no-validate", "--default");
		assertThat(create.exitCode()).as(create.toString()).isEqualTo(11);
		assertThat(create.err()).contains("making 'other' the default would lose it");
		Result setup = astra.run("setup", "--name", "default", "--token", token, "--env", "local", "--local-endpoint",
				endpoint);
		assertThat(setup.exitCode()).as(setup.toString()).isEqualTo(11);
		assertThat(setup.err()).contains("replacing it would lose it");
		Result piped = astra.withInput(token + "\n", "login", "--name", "default", "--env", "local",
				"--local-endpoint", endpoint);
		assertThat(piped.exitCode()).as(piped.toString()).isEqualTo(11);
		assertThat(file()).as("nothing written, not even the new profile").isEqualTo(handWrittenFile);
	}

	@Test
	void theSuggestedCommandKeepsTheTokenAndThenUseGoesOn() throws Exception {
		Files.writeString(astra.configFile(), handWrittenFile);
		assertThat(astra.run("config", "use", "team").exitCode()).isEqualTo(11);
		// what the hint's $(astra token get -conf default) prints
		Result saved = astra.run("token", "get", "-conf", "default");
		assertThat(saved.exitCode()).as(saved.toString()).isZero();
		Result keep = astra.run("config", "create", "previous-default", "--token", saved.out(), "--no-validate");
		assertThat(keep.exitCode()).as(keep.toString()).isZero();
		Result use = astra.run("config", "use", "team");
		assertThat(use.exitCode()).as(use.toString()).isZero();

		AstraRc rc = AstraRc.read(astra.configFile());
		assertThat(rc.value("previous-default", AstraRc.TOKEN_KEY)).isEqualTo(HAND_WRITTEN);
		assertThat(rc.value("default", AstraRc.TOKEN_KEY)).isEqualTo(token);
		assertThat(rc.value("default", AstraRc.ENV_KEY)).isEqualTo("LOCAL");
		assertThat(astra.run("org", "name").out()).isEqualTo("Sandbox Org\n");
	}

	@Test
	void discardingTheTokenIsAnExplicitDelete() throws Exception {
		Files.writeString(astra.configFile(), handWrittenFile);
		assertThat(astra.run("config", "delete", "default").exitCode()).isZero();
		Result use = astra.run("config", "use", "team");
		assertThat(use.exitCode()).as(use.toString()).isZero();
		// the comment above it is not the shell's to drop (issue 18 item 2)
		assertThat(file()).doesNotContain(HAND_WRITTEN).startsWith("# written by hand\n")
			.contains("\n[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\n");
		assertThat(AstraRc.read(astra.configFile()).sections()).containsExactly("default", "team");
	}

	@Test
	void theHintNamesTheEnvironmentAndTheFileOfTheDefault() throws Exception {
		Path other = dir.resolve("my profiles");
		Files.writeString(other, handWrittenFile.replace("# written by hand\n[default]\n",
				"[default]\nASTRA_ENV=DEV\n"));
		Result r = astra.run("config", "use", "team", "-cf", other.toString());
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).contains("astra config create previous-default --token \"$(astra token get -conf default -cf '"
				+ other + "')\" -cf '" + other + "' --env DEV --no-validate")
			.contains("astra config delete default -cf '" + other + "'");
	}

	@Test
	void aMalformedTokenInDefaultIsKeptToo() throws Exception {
		String typo = "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:half-pasted\n\n[team]\nASTRA_DB_APPLICATION_TOKEN="
				+ token + "\n";
		Files.writeString(astra.configFile(), typo);
		Result r = astra.run("config", "use", "team");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
		assertThat(r.err()).contains("first rename its [default] line in " + astra.configFile())
			.doesNotContain("half-pasted");
		assertThat(file()).isEqualTo(typo);
	}

	@Test
	void aDefaultThatCopiesAnotherProfileIsReplacedAsBefore() throws Exception {
		// as the original CLI writes it: [default] is a copy of [my_org]
		String original = """
				[default]
				ASTRA_DB_APPLICATION_TOKEN=%1$s

				[my_org]
				ASTRA_DB_APPLICATION_TOKEN=%1$s

				[team]
				ASTRA_DB_APPLICATION_TOKEN=%2$s
				ASTRA_ENV=LOCAL
				ASTRA_LOCAL_ENDPOINT=%3$s
				""".formatted(HAND_WRITTEN, token, endpoint);
		Files.writeString(astra.configFile(), original);
		Result use = astra.run("config", "use", "team");
		assertThat(use.exitCode()).as(use.toString()).isZero();
		AstraRc rc = AstraRc.read(astra.configFile());
		assertThat(rc.value("default", AstraRc.TOKEN_KEY)).isEqualTo(token);
		assertThat(rc.value("my_org", AstraRc.TOKEN_KEY)).isEqualTo(HAND_WRITTEN);
		// and back: the hand-written token is in [my_org], so [default] may be replaced again
		Result back = astra.run("config", "use", "my_org");
		assertThat(back.exitCode()).as(back.toString()).isZero();
		assertThat(AstraRc.read(astra.configFile()).value("default", AstraRc.TOKEN_KEY)).isEqualTo(HAND_WRITTEN);
		Result create = astra.run("config", "create", "x", "--token", token, "--no-validate", "--default");
		assertThat(create.exitCode()).as(create.toString()).isZero();
	}

	@Test
	void aDefaultWithoutATokenOrWithTheSameTokenIsReplaced() throws Exception {
		Files.writeString(astra.configFile(), "[default]\nASTRA_ENV=DEV\n");
		Result first = astra.run("setup", "--name", "default", "--token", token, "--env", "local", "--local-endpoint",
				endpoint);
		assertThat(first.exitCode()).as(first.toString()).isZero();
		Result again = astra.run("config", "create", "same", "--token", token, "--no-validate", "--default");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(AstraRc.read(astra.configFile()).value("default", AstraRc.TOKEN_KEY)).isEqualTo(token);
	}

}
