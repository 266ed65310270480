package io.astrashell.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shell quoting of prompt and script lines. */
class WordsTest {

	@Test
	void splitsOnWhitespaceAndHonoursQuotes() {
		assertThat(Words.split("  user invite  a@b.co -r \"Organization Administrator\"  "))
			.containsExactly("user", "invite", "a@b.co", "-r", "Organization Administrator");
		assertThat(Words.split("role create 'R/W \"x\"' -d \"say \\\"hi\\\"\""))
			.containsExactly("role", "create", "R/W \"x\"", "-d", "say \"hi\"");
		assertThat(Words.split("a\\ b c")).containsExactly("a b", "c");
		assertThat(Words.split("x \"\" y")).containsExactly("x", "", "y");
		assertThat(Words.split("pre\"fix suffix\"")).containsExactly("prefix suffix");
	}

	@Test
	void anUnclosedQuoteIsAnError() {
		assertThatThrownBy(() -> Words.split("user invite \"a@b.co")).isInstanceOf(CliException.class)
			.hasMessageContaining("Unclosed double quote");
	}

	@Test
	void quoteRoundTrips() {
		for (String word : new String[] { "plain", "two words", "", "it's", "say \"x\"", "back\\slash" }) {
			assertThat(Words.split("cmd " + Words.quote(word))).containsExactly("cmd", word);
		}
	}

}
