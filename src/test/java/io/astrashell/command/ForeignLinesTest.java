package io.astrashell.command;

import java.nio.file.Files;
import java.util.List;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines of the profiles file that the shell does not own (another tool's keys, a token under
 * a lower-case or another name, comments, odd spacing) are kept byte for byte by every rewrite: a
 * token-shaped value is never dropped.
 */
class ForeignLinesTest extends ServedSandboxFixture {

	static final String LOWER = "AstraCS:LowerCaseKeyXXXXXXXXXXX:" + "e".repeat(64);

	static final String OLD = "AstraCS:MyOldTokenXXXXXXXXXXXXX:" + "f".repeat(64);

	/** The lines no command may change. */
	static final List<String> FOREIGN = List.of("# my profiles, by hand", "; an ini comment",
			"astra_db_application_token=" + LOWER, "MY_OLD_TOKEN=" + OLD, "   # an indented comment",
			"other_tool  =   a value  with spaces  ", "FOO=kept in default", "# about p2");

	String file(String defaultToken) {
		return """
				# my profiles, by hand
				; an ini comment
				[default]
				ASTRA_DB_APPLICATION_TOKEN=%1$s
				astra_db_application_token=%2$s
				MY_OLD_TOKEN=%3$s
				   # an indented comment
				other_tool  =   a value  with spaces  \n\
				FOO=kept in default

				[p1]
				ASTRA_DB_APPLICATION_TOKEN=%1$s

				# about p2
				[p2]
				ASTRA_DB_APPLICATION_TOKEN=%4$s
				FOO=p2's own

				[other]
				ASTRA_DB_APPLICATION_TOKEN=%4$s
				""".formatted(defaultToken, LOWER, OLD, ProfilesFileTest.OTHER);
	}

	void foreignLinesAreThere() throws Exception {
		List<String> lines = Files.readAllLines(astra.configFile());
		for (String line : FOREIGN) {
			assertThat(lines).as(file()).contains(line);
		}
		assertThat(lines.stream().filter(l -> l.startsWith("FOO=")).toList()).containsExactly("FOO=kept in default",
				"FOO=p2's own");
	}

	@Test
	void useCreateAndDeleteKeepEveryLineTheShellDoesNotOwn() throws Exception {
		Files.writeString(astra.configFile(), file(token));
		for (List<String> command : List.of(List.of("config", "use", "p2"), List.of("config", "use", "p1"),
				List.of("config", "create", "p3", "--token", ProfilesFileTest.OTHER, "--no-validate"),
				List.of("config", "create", "p4", "--token", token, "--no-validate", "--default"),
				List.of("config", "delete", "other"), List.of("config", "delete", "p3"))) {
			Result r = astra.run(command.toArray(String[]::new));
			assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r + file()).isZero();
			foreignLinesAreThere();
		}
		assertThat(file()).doesNotContain("[other]").doesNotContain("[p3]").contains("[p4]");
	}

	@Test
	void useKeepsTheDefaultsOwnLinesAndCopiesOnlyWhatTheShellOwns() throws Exception {
		Files.writeString(astra.configFile(), file(token));
		assertThat(astra.run("config", "use", "p2").exitCode()).isZero();
		String after = file();
		assertThat(after).startsWith("""
				# my profiles, by hand
				; an ini comment
				[default]
				ASTRA_DB_APPLICATION_TOKEN=%s
				astra_db_application_token=%s
				MY_OLD_TOKEN=%s
				   # an indented comment
				other_tool  =   a value  with spaces  \n\
				FOO=kept in default
				""".formatted(ProfilesFileTest.OTHER, LOWER, OLD));
		// the rest of the file as it was
		assertThat(after.substring(after.indexOf("[p1]"))).isEqualTo(file(token).substring(file(token).indexOf("[p1]")));
	}

	@Test
	void aProfileHoldingALineTheShellDoesNotOwnIsNotDeleted() throws Exception {
		String before = file(token);
		Files.writeString(astra.configFile(), before);
		for (String name : List.of("default", "p2")) {
			Result r = astra.run("config", "delete", name);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
			assertThat(r.err()).hasLineCount(1).contains("Profile [" + name + "]").contains("FOO (line ")
				.contains("does not manage").doesNotContain(OLD).doesNotContain(LOWER);
		}
		assertThat(file()).isEqualTo(before);
	}

}
