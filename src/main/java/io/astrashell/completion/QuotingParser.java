package io.astrashell.completion;

import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * The prompt's line parser: JLine's, with the shell's quoting ({@code '...'}, {@code "..."},
 * backslash), a line with an open quote continuing on the next line, and completed values inserted
 * in double quotes when they hold a space or a quote: {@code Org<Tab>} becomes
 * {@code "Organization Administrator"}, as does {@code "Org<Tab>}.
 */
public final class QuotingParser extends DefaultParser {

	public QuotingParser() {
		setEofOnUnclosedQuote(true);
		setEofOnEscapedNewLine(true);
	}

	@Override
	public ParsedLine parse(String line, int cursor, ParseContext context) {
		ParsedLine parsed = super.parse(line, cursor, context);
		return parsed instanceof CompletingParsedLine completing ? new Quoting(completing, openingQuote(line, cursor))
				: parsed;
	}

	/** The quote character that is open at the cursor, if any. */
	static Character openingQuote(String line, int cursor) {
		Character open = null;
		for (int i = 0; i < Math.min(cursor, line.length()); i++) {
			char c = line.charAt(i);
			if (open == null && c == '\\' && i + 1 < line.length()) {
				i++;
			}
			else if (open == null && (c == '"' || c == '\'')) {
				open = c;
			}
			else if (open != null && c == open) {
				open = null;
			}
			else if (open != null && open == '"' && c == '\\' && i + 1 < line.length()) {
				i++;
			}
		}
		return open;
	}

	/** A parsed line whose completed words are quoted as above. */
	record Quoting(CompletingParsedLine parsed, Character openQuote) implements CompletingParsedLine {

		@Override
		public CharSequence escape(CharSequence candidate, boolean complete) {
			String value = candidate.toString();
			if (openQuote != null) {
				String body = openQuote == '"' ? value.replace("\\", "\\\\").replace("\"", "\\\"") : value;
				return openQuote + body + (complete ? String.valueOf(openQuote) : "");
			}
			boolean needsQuotes = value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\');
			if (!needsQuotes) {
				return value;
			}
			return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + (complete ? "\"" : "");
		}

		@Override
		public int rawWordCursor() {
			return parsed.rawWordCursor();
		}

		@Override
		public int rawWordLength() {
			return parsed.rawWordLength();
		}

		@Override
		public String word() {
			return parsed.word();
		}

		@Override
		public int wordCursor() {
			return parsed.wordCursor();
		}

		@Override
		public int wordIndex() {
			return parsed.wordIndex();
		}

		@Override
		public List<String> words() {
			return parsed.words();
		}

		@Override
		public String line() {
			return parsed.line();
		}

		@Override
		public int cursor() {
			return parsed.cursor();
		}

	}

}
