package io.astrashell.cli;

import io.astrashell.error.AstraError;
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
		assertThatThrownBy(() -> Words.split("user invite \"a@b.co")).isInstanceOf(AstraError.class)
			.hasMessageContaining("Unclosed double quote");
	}

	@Test
	void quoteRoundTrips() {
		for (String word : new String[] { "plain", "two words", "", "it's", "say \"x\"", "back\\slash" }) {
			assertThat(Words.split("cmd " + Words.quote(word))).containsExactly("cmd", word);
		}
	}

	@Test
	void oneTokenizerForLinesScriptsAndTab() {
		// positions of the words as typed, quotes included
		Words.Lexed lexed = Words.lex("role get \"Org Admin\" x", false);
		assertThat(lexed.words()).containsExactly(new Words.Word("role", 0, 4), new Words.Word("get", 5, 8),
				new Words.Word("Org Admin", 9, 20), new Words.Word("x", 21, 22));
		// an open quote is reported, not thrown, so that Tab can complete inside it
		assertThat(Words.lex("role get \"Org", false).openQuote()).isEqualTo('"');
		assertThat(Words.lex("role get \"Org", false).texts()).containsExactly("role", "get", "Org");
		// a backslash before a line break joins the lines, as in sh (the prompt's continued line)
		assertThat(Words.split("user list \\\n-o json")).containsExactly("user", "list", "-o", "json");
		assertThat(Words.lex("user list \\", false).trailingEscape()).isTrue();
		assertThat(Words.lex("user list 'a\\'", false).trailingEscape()).isFalse();
	}

	@Test
	void aCommentStartsAWordOutsideQuotes() {
		assertThat(Words.stripComment("org # the org")).isEqualTo("org ");
		assertThat(Words.stripComment("# all")).isEmpty();
		assertThat(Words.stripComment("role get '#1' x#y \"a #b\"")).isEqualTo("role get '#1' x#y \"a #b\"");
		// an escaped space joins the # to the word before it, as it does when the line runs
		assertThat(Words.stripComment("role get a\\ #b")).isEqualTo("role get a\\ #b");
		assertThat(Words.split(Words.stripComment("role get a\\ #b"))).containsExactly("role", "get", "a #b");
		// an unclosed quote is left for the parser to report
		assertThat(Words.stripComment("org \"# x")).isEqualTo("org \"# x");
	}

}
