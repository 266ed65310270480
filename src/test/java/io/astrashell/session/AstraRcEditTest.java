package io.astrashell.session;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Changing a profiles file changes only what it must: comments, blank lines and order stay. */
class AstraRcEditTest {

	/** As the original Astra CLI wrote it, then edited by hand. */
	static final String ORIGINAL = """
			# Astra CLI configuration
			[default]
			ASTRA_DB_APPLICATION_TOKEN=AstraCS:aaaa

			[prod_org]
			ASTRA_DB_APPLICATION_TOKEN=AstraCS:aaaa

			# the team's dev org
			[dev_org]
			ASTRA_DB_APPLICATION_TOKEN = AstraCS:bbbb
			ASTRA_ENV=DEV
			""";

	static AstraRc parse(String text) {
		return AstraRc.parse(Path.of("/tmp/astrarc"), text);
	}

	@Test
	void anUntouchedFileRendersByteForByte() {
		assertThat(parse(ORIGINAL).render()).isEqualTo(ORIGINAL);
		String noFinalNewline = "[a]\nK=V";
		assertThat(parse(noFinalNewline).render()).isEqualTo("[a]\nK=V\n");
	}

	@Test
	void settingAKeyRewritesThatLineOnly() {
		AstraRc rc = parse(ORIGINAL);
		rc.set("dev_org", "ASTRA_DB_APPLICATION_TOKEN", "AstraCS:cccc");
		assertThat(rc.render()).isEqualTo(ORIGINAL.replace("ASTRA_DB_APPLICATION_TOKEN = AstraCS:bbbb",
				"ASTRA_DB_APPLICATION_TOKEN=AstraCS:cccc"));
	}

	@Test
	void aNewKeyGoesAfterTheSectionsLastEntryAndANewSectionAtTheEnd() {
		AstraRc rc = parse(ORIGINAL);
		rc.set("prod_org", "ASTRA_ENV", "PROD");
		rc.set("local", "ASTRA_ENV", "LOCAL");
		assertThat(rc.render()).isEqualTo("""
				# Astra CLI configuration
				[default]
				ASTRA_DB_APPLICATION_TOKEN=AstraCS:aaaa

				[prod_org]
				ASTRA_DB_APPLICATION_TOKEN=AstraCS:aaaa
				ASTRA_ENV=PROD

				# the team's dev org
				[dev_org]
				ASTRA_DB_APPLICATION_TOKEN = AstraCS:bbbb
				ASTRA_ENV=DEV

				[local]
				ASTRA_ENV=LOCAL
				""");
	}

	@Test
	void replacingASectionKeepsItsPlace() {
		AstraRc rc = parse(ORIGINAL);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("ASTRA_DB_APPLICATION_TOKEN", "AstraCS:bbbb");
		values.put("ASTRA_ENV", "DEV");
		rc.replace("default", values);
		assertThat(rc.section("default")).contains(values);
		assertThat(rc.sections()).containsExactly("default", "prod_org", "dev_org");
		assertThat(rc.render()).startsWith("# Astra CLI configuration\n[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:bbbb\n"
				+ "ASTRA_ENV=DEV\n\n[prod_org]");
	}

	@Test
	void removingASectionTakesItsLinesAndLeavesTheRest() {
		AstraRc rc = parse(ORIGINAL);
		rc.remove("prod_org");
		assertThat(rc.sections()).containsExactly("default", "dev_org");
		assertThat(rc.render()).isEqualTo("""
				# Astra CLI configuration
				[default]
				ASTRA_DB_APPLICATION_TOKEN=AstraCS:aaaa

				# the team's dev org
				[dev_org]
				ASTRA_DB_APPLICATION_TOKEN = AstraCS:bbbb
				ASTRA_ENV=DEV
				""");
		rc.remove("dev_org");
		// a comment is not the shell's to drop, even the one above a profile deleted
		assertThat(rc.render()).isEqualTo("# Astra CLI configuration\n[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:aaaa\n\n"
				+ "# the team's dev org\n");
	}

	@Test
	void aDefaultAddedLaterMovesFirst() {
		AstraRc rc = parse("[one]\nK=1\n");
		rc.set("default", "K", "1");
		rc.moveFirst("default");
		assertThat(rc.sections()).containsExactly("default", "one");
		assertThat(parse(rc.render()).section("default")).contains(Map.of("K", "1"));
	}

}
