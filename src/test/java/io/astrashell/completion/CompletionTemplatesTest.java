package io.astrashell.completion;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import io.astrashell.cli.GlobalOptions;
import io.astrashell.cli.OptionSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code of the bash and zsh scripts spells no global option that takes a value: every name they match comes from the
 * tables written from the command specs (a new spelling of an option reaches Tab in the shells
 * without touching them), and the scripts hold the function that reads the scope options.
 */
class CompletionTemplatesTest {

	@Test
	void theScriptsCodeSpellsNoOption() throws Exception {
		for (String name : List.of("astra.bash", "astra.zsh")) {
			String code;
			try (InputStream in = CompletionScripts.class.getResourceAsStream(name)) {
				code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			for (String line : code.split("\n")) {
				String stripped = line.strip();
				if (stripped.startsWith("#")) {
					continue;
				}
				for (OptionSpec o : GlobalOptions.ALL) {
					if (o.isFlag()) {
						continue; // -v, -h: the shells' own options too (printf -v)
					}
					assertThat(Pattern.compile("(^|[^\\w-])--" + o.longName() + "\\b").matcher(stripped).find())
						.as(name + " spells --" + o.longName() + ": " + stripped)
						.isFalse();
					if (o.shortName() != null && o.shortName().length() > 1) { // -o: compopt -o too
						assertThat(Pattern.compile("(^|[^\\w-])-" + o.shortName() + "\\b").matcher(stripped).find())
							.as(name + " spells -" + o.shortName() + ": " + stripped)
							.isFalse();
					}
				}
			}
		}
		String bash = CompletionScripts.bash(List.of(), TestKinds.values(Path.of(System.getProperty("java.io.tmpdir"))));
		assertThat(bash).contains("_astra_scope() {\n  case \"$1\" in\n    --config | -conf) profile=\"$2\" ;;");
		assertThat(CompletionScripts.zsh(List.of(), TestKinds.values(Path.of(System.getProperty("java.io.tmpdir"))))).contains("    (--env) env=$2 ;;");
	}

}
