package io.astrashell.session;

import java.nio.file.Files;
import java.nio.file.Path;

import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading {@code ~/.astrarc} as the original Astra CLI writes it. */
class AstraRcTest {

	@TempDir
	Path dir;

	@Test
	void readsAFileOfTheOriginalCli() throws Exception {
		Path rc = dir.resolve(".astrarc");
		Files.writeString(rc, """
				[default]
				ASTRA_DB_APPLICATION_TOKEN=AstraCS:aaaa

				# my team
				[my_org]
				ASTRA_DB_APPLICATION_TOKEN=AstraCS:bbbb
				ASTRA_ENV = DEV
				; old comment style
				[quoted]
				ASTRA_DB_APPLICATION_TOKEN="AstraCS:cccc"
				""");
		AstraRc file = AstraRc.read(rc);
		assertThat(file.sections()).containsExactly("default", "my_org", "quoted");
		assertThat(file.value("my_org", AstraRc.TOKEN_KEY)).isEqualTo("AstraCS:bbbb");
		assertThat(file.value("my_org", AstraRc.ENV_KEY)).isEqualTo("DEV");
		assertThat(file.value("quoted", AstraRc.TOKEN_KEY)).isEqualTo("AstraCS:cccc");
		assertThat(file.section("missing")).isEmpty();
	}

	@Test
	void aMissingFileReadsAsEmpty() {
		AstraRc file = AstraRc.read(dir.resolve("none"));
		assertThat(file.exists()).isFalse();
		assertThat(file.sections()).isEmpty();
	}

	@Test
	void anUnreadableLineNamesTheFileAndLineButNotItsContent() throws Exception {
		Path rc = dir.resolve("bad");
		Files.writeString(rc, "[default]\nASTRA_DB_APPLICATION_TOKEN AstraCS:secret\n");
		assertThatThrownBy(() -> AstraRc.read(rc)).isInstanceOf(AstraError.class)
			.hasMessageContaining(rc.toString()).hasMessageContaining("line 2").hasMessageNotContaining("secret");
	}

	@Test
	void aMissingSectionNamesThoseThatExist() throws Exception {
		Path rc = dir.resolve("rc");
		Files.writeString(rc, "[default]\nA=1\n[dev]\nA=2\n");
		assertThat(AstraRc.read(rc).missingSection("prod").getMessage())
			.isEqualTo("Profile 'prod' is not in " + rc + ". Profiles there: default, dev.");

		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			many.append("[team").append(i).append("]\nA=1\n");
		}
		Files.writeString(rc, many);
		assertThat(AstraRc.read(rc).missingSection("prod").getMessage())
			.isEqualTo("Profile 'prod' is not in " + rc + ". Profiles there: team0, team1, team2 and 497 more.");
	}

	@Test
	void aRepeatedSectionOrKeyIsAParseErrorNamingBothLines() throws Exception {
		Path rc = dir.resolve("rc");
		Files.writeString(rc, "[a]\nK=1\n\n[b]\nK=2\n[ a ]\nK=3\n");
		assertThatThrownBy(() -> AstraRc.read(rc)).isInstanceOf(AstraError.class)
			.hasMessage("Cannot parse the configuration file " + rc + " at line 6: profile [a] is there twice, at lines 1 "
					+ "and 6: merge the two into one, or delete one of them. Fix that line (the file was left unchanged).")
			.satisfies(e -> assertThat(((AstraError) e).exitCode()).isEqualTo(ExitCode.CONFIGURATION));
		Files.writeString(rc, "[a]\nASTRA_ENV=DEV\n# note\nASTRA_ENV = PROD\n");
		assertThatThrownBy(() -> AstraRc.read(rc)).isInstanceOf(AstraError.class)
			.hasMessageContaining("at line 4: profile [a] sets ASTRA_ENV twice, at lines 2 and 4");
		// the same key in two sections, and two sections with the same content (the original CLI's
		// [default]), are fine
		Files.writeString(rc, "[default]\nK=1\n[a]\nK=1\n");
		assertThat(AstraRc.read(rc).sections()).containsExactly("default", "a");
	}

	@Test
	void aValueWithALineBreakOrControlCharacterIsNeverWritten() {
		AstraRc rc = AstraRc.parse(dir.resolve("rc"), "[a]\nK=1\n");
		for (String bad : new String[] { "x\ny", "x\r", "\u0000", "a\tb", "\u001b[31m", "x\u2028y", "x\u0085" }) {
			assertThatThrownBy(() -> rc.set("a", "K", bad)).isInstanceOf(AstraError.class)
				.satisfies(e -> assertThat(((AstraError) e).exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT))
				.hasMessageStartingWith("The value of K holds a ");
			assertThatThrownBy(() -> rc.set(bad, "K", "1")).isInstanceOf(AstraError.class)
				.hasMessageStartingWith("The profile name holds a ");
		}
		assertThatThrownBy(() -> rc.set("x]\n[default", "K", "1")).isInstanceOf(AstraError.class);
		assertThatThrownBy(() -> rc.set("a", "K", " padded ")).isInstanceOf(AstraError.class);
		assertThat(rc.render()).isEqualTo("[a]\nK=1\n");
	}

	@Test
	void aMissingProfileIsNotFound() throws Exception {
		Path rc = dir.resolve("rc");
		Files.writeString(rc, "[default]\nA=1\n");
		assertThat(AstraRc.read(rc).missingSection("x").exitCode()).isEqualTo(ExitCode.NOT_FOUND);
	}

}
