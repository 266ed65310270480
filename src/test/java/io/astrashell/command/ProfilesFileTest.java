package io.astrashell.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.AstraRun.Result;
import io.astrashell.AstraRun;
import io.astrashell.session.AstraRc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.astrashell.command.SandboxCli.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profiles file under bad input, through the real commands: repeated sections and keys, values
 * with line breaks, tokens with spaces around them, missing profiles, bad values in a profile, and
 * files that are not files (a directory, a dangling link, Latin-1 text, an empty variable).
 */
class ProfilesFileTest extends ServedSandboxFixture {

	static final String OTHER = "AstraCS:OtherTokenXXXXXXXXXXXXXX:" + "d".repeat(64);

	@BeforeEach
	void start() throws Exception {
		assertThat(OTHER).hasSize(97);
	}

	/** One line on stderr, exit 9, no class name. */
	static void plainConfigurationError(Result r) {
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
		assertThat(r.err()).as(r.toString()).startsWith("[ERROR] ").hasLineCount(1).doesNotContain("Exception")
			.doesNotContain("java.");
		assertThat(r.out()).isEmpty();
	}

	// one rule for repeated sections and keys, for reading and writing alike

	@Test
	void aRepeatedSectionIsRefusedByEveryCommandNamingBothLines() throws Exception {
		String twice = """
				[a]
				ASTRA_DB_APPLICATION_TOKEN=%s

				[a]
				ASTRA_DB_APPLICATION_TOKEN=%s
				""".formatted(OTHER, token);
		Files.writeString(astra.configFile(), twice);
		for (List<String> command : List.of(List.of("config", "delete", "a"), List.of("config", "use", "a"),
				List.of("config", "get", "a"), List.of("config", "list"), List.of("org", "-conf", "a"),
				List.of("config", "create", "b", "--token", token, "--no-validate"))) {
			Result r = astra.run(command.toArray(String[]::new));
			plainConfigurationError(r);
			assertThat(r.err()).as(String.join(" ", command))
				.contains(astra.configFile() + " at line 4")
				.contains("profile [a] is there twice, at lines 1 and 4")
				.doesNotContain(token)
				.doesNotContain(OTHER);
		}
		assertThat(file()).isEqualTo(twice);
	}

	@Test
	void aKeyRepeatedInASectionIsRefusedToo() throws Exception {
		String twice = "[default]\nASTRA_DB_APPLICATION_TOKEN=" + OTHER + "\n[a]\nASTRA_ENV=DEV\nASTRA_ENV=LOCAL\n";
		Files.writeString(astra.configFile(), twice);
		Result delete = astra.run("config", "delete", "a");
		plainConfigurationError(delete);
		assertThat(delete.err()).contains("at line 5").contains("profile [a] sets ASTRA_ENV twice, at lines 4 and 5");
		plainConfigurationError(astra.run("token", "get"));
		assertThat(file()).isEqualTo(twice);
	}

	// no line break or control character reaches the file, whatever --no-validate says

	@Test
	void aValueWithALineBreakIsRefusedAndNothingIsWritten() throws Exception {
		String before = "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\n";
		Files.writeString(astra.configFile(), before);
		String injected = "http://127.0.0.1:1\n[default]\nASTRA_DB_APPLICATION_TOKEN=" + OTHER;
		Result endpointBreak = astra.run("config", "create", "x", "--token", token, "--no-validate", "--env", "local",
				"--local-endpoint", injected);
		assertThat(endpointBreak.exitCode()).as(endpointBreak.toString()).isEqualTo(11);
		assertThat(endpointBreak.err()).isEqualTo("[ERROR] --local-endpoint holds a line break (character 19): give it "
				+ "on one line, without control characters. Nothing was written.\n");
		for (String name : List.of("x\n[default]", "x\r[default]", "x\u2028y", "tab\there", "bell\u0007", "x\u0085y")) {
			Result r = astra.run("config", "create", name, "--token", token, "--no-validate");
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
			assertThat(r.err()).startsWith("[ERROR] The profile name holds a ").hasLineCount(1);
		}
		Result setup = astra.run("setup", "--name", "a\nb", "--token", token, "--env", "local", "--local-endpoint",
				endpoint);
		assertThat(setup.exitCode()).as(setup.toString()).isEqualTo(11);
		Result token2 = astra.run("config", "create", "y", "--token", token + "\n[default]", "--no-validate");
		assertThat(token2.exitCode()).as(token2.toString()).isEqualTo(9);
		assertThat(file()).isEqualTo(before);
		assertThat(AstraRc.read(astra.configFile()).sections()).containsExactly("default");
	}

	@Test
	void anEndpointThatIsNotAUrlIsRefusedEvenWithoutValidation() throws Exception {
		Result r = astra.run("config", "create", "x", "--token", token, "--no-validate", "--env", "local",
				"--local-endpoint", "\"http://127.0.0.1:1\"");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(13);
		assertThat(astra.configFile()).doesNotExist();
	}

	// a token with spaces or a line break around it is the token

	@Test
	void aTokenIsTakenWithoutTheSpacesAndLineBreaksAroundIt() throws Exception {
		Result option = astra.run("org", "name", "--token", token + "\n", "--env", "local", "--local-endpoint", endpoint);
		assertThat(option.exitCode()).as(option.toString()).isZero();
		assertThat(option.out()).isEqualTo("Sandbox Org\n");
		Result variable = astra.env("ASTRA_DB_APPLICATION_TOKEN", " " + token + " \r\n")
			.run("org", "name", "--env", "local", "--local-endpoint", endpoint);
		assertThat(variable.exitCode()).as(variable.toString()).isZero();
		astra.without("ASTRA_DB_APPLICATION_TOKEN");

		Result create = astra.run("config", "create", "spaced", "--token", "  " + token + "\n", "--env", "local",
				"--local-endpoint", endpoint);
		assertThat(create.exitCode()).as(create.toString()).isZero();
		Result setup = astra.withInput("  " + token + " \r\n", "setup", "--name", "piped", "--env", "local",
				"--local-endpoint", endpoint);
		assertThat(setup.exitCode()).as(setup.toString()).isZero();
		Result setupOption = astra.run("setup", "--name", "option", "--token", token + "\t\n", "--env", "local",
				"--local-endpoint", endpoint);
		assertThat(setupOption.exitCode()).as(setupOption.toString()).isZero();
		AstraRc rc = AstraRc.read(astra.configFile());
		for (String name : List.of("default", "spaced", "piped", "option")) {
			assertThat(rc.value(name, AstraRc.TOKEN_KEY)).as(name).isEqualTo(token);
		}
		assertThat(file()).contains("ASTRA_DB_APPLICATION_TOKEN=" + token + "\n").doesNotContain(token + " ")
			.doesNotContain(" " + token);
		// a space inside a token is still refused
		Result inside = astra.run("org", "--token", token.substring(0, 20) + " " + token.substring(20));
		assertThat(inside.exitCode()).isEqualTo(9);
	}

	// one exit code for a missing profile

	@Test
	void aMissingProfileIsNotFoundWhereverItIsNamed() throws Exception {
		Files.writeString(astra.configFile(), "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\n[dev]\n"
				+ "ASTRA_DB_APPLICATION_TOKEN=" + token + "\n");
		String expected = "[ERROR] Profile 'nope' is not in " + astra.configFile() + ". Profiles there: default, dev.\n";
		for (List<String> command : List.of(List.of("org", "-conf", "nope"), List.of("config", "get", "nope"),
				List.of("config", "use", "nope"), List.of("config", "delete", "nope"), List.of("token", "get", "-conf",
						"nope"))) {
			Result r = astra.run(command.toArray(String[]::new));
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
			assertThat(r.err()).as(String.join(" ", command)).isEqualTo(expected);
		}
		assertThat(json(astra.run("org", "-conf", "nope", "-o", "json")).get("code").asString()).isEqualTo("NOT_FOUND");
		Result noFile = astra.run("org", "-conf", "nope", "-cf", dir.resolve("none").toString());
		assertThat(noFile.exitCode()).isEqualTo(5);
		assertThat(noFile.err()).contains("no profiles yet");
	}

	// a bad value in a profile names the file, the profile and the value (exit 9)

	@Test
	void anEnvironmentThatIsNotOneNamesTheFileTheProfileAndTheValue() throws Exception {
		Files.writeString(astra.configFile(), "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\nASTRA_ENV=staging\n"
				+ "[broken]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\nASTRA_ENV=LOCAL\nASTRA_LOCAL_ENDPOINT=not a url\n");
		Result named = astra.run("org", "-conf", "default");
		plainConfigurationError(named);
		assertThat(named.err()).isEqualTo("[ERROR] Profile 'default' of " + astra.configFile()
				+ " has ASTRA_ENV=staging, which is not an environment: set it to one of PROD, DEV, TEST, LOCAL in "
				+ "that file (or give --env).\n");
		plainConfigurationError(astra.run("org"));
		Result endpointValue = astra.run("org", "-conf", "broken");
		plainConfigurationError(endpointValue);
		assertThat(endpointValue.err()).contains("Profile 'broken' of " + astra.configFile())
			.contains("ASTRA_LOCAL_ENDPOINT that is not a URL");
		// --env still overrides the profile's value, and a bad --env is still exit 13
		assertThat(astra.run("org", "name", "--env", "local", "--local-endpoint", endpoint).exitCode()).isZero();
		assertThat(astra.run("org", "--env", "staging").exitCode()).isEqualTo(13);
	}

	@Test
	void anEmptyEnvironmentInAProfileIsProd() throws Exception {
		Files.writeString(astra.configFile(), "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\nASTRA_ENV=\n");
		Result r = astra.run("token", "get", "-o", "json");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(json(r).get("data").get("environment").asString()).isEqualTo("PROD");
	}

	// files that are not profiles files, in plain words, with nothing written

	@Test
	void aDirectoryGivenAsTheFileIsNamed() throws Exception {
		Path folder = Files.createDirectory(dir.resolve("folder"));
		for (List<String> command : List.of(List.of("org"), List.of("config", "list"),
				List.of("config", "create", "x", "--token", token, "--no-validate"))) {
			List<String> args = new ArrayList<>(command);
			args.addAll(List.of("-cf", folder.toString()));
			Result r = astra.run(args.toArray(String[]::new));
			plainConfigurationError(r);
			assertThat(r.err()).isEqualTo("[ERROR] The profiles file " + folder + " is a directory: give a file (-cf "
					+ folder.resolve(".astrarc") + ", or set ASTRARC to one).\n");
		}
		plainConfigurationError(astra.env("ASTRARC", folder.toString()).run("org"));
		assertThat(folder).isEmptyDirectory();
		assertThat(dir.resolve("folder.lock")).doesNotExist();
	}

	@Test
	void aDanglingLinkIsNamedWithItsTargetAndNotFollowedIntoANewFile() throws Exception {
		Path target = dir.resolve("dotfiles").resolve("astrarc");
		Path link = Files.createSymbolicLink(dir.resolve("link"), target);
		for (List<String> command : List.of(List.of("org"), List.of("config", "list"),
				List.of("config", "create", "x", "--token", token, "--no-validate"), List.of("setup", "--token", token,
						"--env", "local", "--local-endpoint", endpoint))) {
			List<String> args = new ArrayList<>(command);
			args.addAll(List.of("-cf", link.toString()));
			Result r = astra.run(args.toArray(String[]::new));
			plainConfigurationError(r);
			assertThat(r.err()).isEqualTo("[ERROR] The profiles file " + link + " is a symbolic link to " + target
					+ ", which does not exist: create it there, or give another file with -cf (or ASTRARC).\n");
		}
		assertThat(target.getParent()).doesNotExist();
		assertThat(dir.resolve("link.lock")).doesNotExist();
	}

	@Test
	void aLatin1FileNamesItsLineAndHowToConvertIt() throws Exception {
		byte[] latin1 = ("# profiles of J\u00e9r\u00f4me\n[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		Files.write(astra.configFile(), latin1);
		for (List<String> command : List.of(List.of("org"), List.of("config", "list"),
				List.of("config", "create", "x", "--token", token, "--no-validate"))) {
			Result r = astra.run(command.toArray(String[]::new));
			plainConfigurationError(r);
			assertThat(r.err()).startsWith("[ERROR] The profiles file " + astra.configFile() + " is not UTF-8 text (line 1 ")
				.contains("iconv -f latin1 -t utf-8 " + astra.configFile()).doesNotContain(token);
		}
		assertThat(Files.readAllBytes(astra.configFile())).isEqualTo(latin1);
	}

	@Test
	void anEmptyAstraHomeOrAstrarcVariableIsNamed() throws Exception {
		Result home = astra.env("ASTRA_HOME", "").run("org", "--env", "local");
		plainConfigurationError(home);
		assertThat(home.err()).isEqualTo("[ERROR] ASTRA_HOME is set but empty: set it to a path, or unset it (unset "
				+ "ASTRA_HOME) to use the default, " + dir.resolve(".astra") + ".\n");
		Result rc = new AstraRun(dir).env("ASTRARC", "").run("config", "create", "x", "--token", token, "--no-validate");
		plainConfigurationError(rc);
		assertThat(rc.err()).startsWith("[ERROR] ASTRARC is set but empty: ");
		assertThat(astra.configFile()).doesNotExist();
		assertThat(dir.resolve(".astra")).doesNotExist();
	}

	@Test
	void aFileInThePlaceOfADirectoryIsNamed() throws Exception {
		Files.writeString(dir.resolve("plain"), "");
		Result r = astra.run("config", "create", "x", "--token", token, "--no-validate", "-cf",
				dir.resolve("plain").resolve("astrarc").toString());
		plainConfigurationError(r);
		assertThat(r.err()).contains(dir.resolve("plain") + " is a file, not a directory");
	}

}
