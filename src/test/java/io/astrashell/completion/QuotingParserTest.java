package io.astrashell.completion;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prompt's parser reads the words the line will run with, wherever the cursor is. */
class QuotingParserTest {

	private final QuotingParser parser = new QuotingParser();

	@Test
	void tabSeesTheWordsThatRun() {
		// a backslash in single quotes is a plain character when the line runs; JLine's own parser
		// read it as escaping the quote, and saw one open word up to the end of the line
		String line = "user invite 'a\\' -r Org";
		QuotingParser.Parsed p = (QuotingParser.Parsed) parser.parse(line, line.length(), ParseContext.COMPLETE);
		assertThat(p.words()).containsExactly("user", "invite", "a\\", "-r", "Org");
		assertThat(p.wordIndex()).isEqualTo(4);
		assertThat(p.word()).isEqualTo("Org");
		assertThat(p.wordCursor()).isEqualTo(3);
		assertThat(p.openQuote()).isNull();
	}

	@Test
	void anOpenQuoteIsCompletedInsideAndContinuesTheLineOnEnter() {
		String line = "user invite x -r \"Org Ad";
		QuotingParser.Parsed p = (QuotingParser.Parsed) parser.parse(line, line.length(), ParseContext.COMPLETE);
		assertThat(p.word()).isEqualTo("Org Ad");
		assertThat(p.rawWordCursor()).isEqualTo(7);
		assertThat(p.escape("Organization Administrator", true)).hasToString("\"Organization Administrator\"");
		assertThatThrownBy(() -> parser.parse(line, line.length(), ParseContext.ACCEPT_LINE))
			.isInstanceOf(EOFError.class);
		assertThatThrownBy(() -> parser.parse("user list \\", 11, ParseContext.ACCEPT_LINE))
			.isInstanceOf(EOFError.class);
		assertThat(parser.parse("user list \\\n-o json", 19, ParseContext.ACCEPT_LINE).words())
			.containsExactly("user", "list", "-o", "json");
	}

	@Test
	void theCursorBetweenWordsCompletesAnEmptyWordThere() {
		String line = "user invite  -r Org";
		QuotingParser.Parsed p = (QuotingParser.Parsed) parser.parse(line, 12, ParseContext.COMPLETE);
		assertThat(p.words()).containsExactly("user", "invite", "", "-r", "Org");
		assertThat(p.wordIndex()).isEqualTo(2);
		assertThat(p.rawWordLength()).isZero();
		// in the middle of a word: the part before the cursor is what was typed
		p = (QuotingParser.Parsed) parser.parse(line, 9, ParseContext.COMPLETE);
		assertThat(p.word()).isEqualTo("invite");
		assertThat(p.wordCursor()).isEqualTo(4);
		assertThat(p.rawWordLength()).isEqualTo(6);
	}

}
