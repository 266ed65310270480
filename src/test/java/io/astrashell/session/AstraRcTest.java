package io.astrashell.session;

import java.nio.file.Files;
import java.nio.file.Path;

import io.astrashell.cli.CliException;
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
		assertThatThrownBy(() -> AstraRc.read(rc)).isInstanceOf(CliException.class)
			.hasMessageContaining(rc.toString()).hasMessageContaining("line 2").hasMessageNotContaining("secret");
	}

	@Test
	void aMissingSectionNamesThoseThatExist() throws Exception {
		Path rc = dir.resolve("rc");
		Files.writeString(rc, "[default]\nA=1\n[dev]\nA=2\n");
		assertThat(AstraRc.read(rc).missingSection("prod").getMessage())
			.isEqualTo("Profile 'prod' is not in " + rc + ". Profiles there: default, dev.");
	}

}
