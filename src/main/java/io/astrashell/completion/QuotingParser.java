package io.astrashell.completion;

import java.util.ArrayList;
import java.util.List;

import io.astrashell.cli.Words;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * The prompt's line parser for JLine, reading words with {@link Words}, the tokenizer that splits the
 * line to run it, so that Tab sees the words that will run: the shell's quoting ({@code '...'},
 * {@code "..."}, backslash), a line with an open quote or a final backslash continuing on the next
 * line, and completed values inserted in double quotes when they hold a space or a quote:
 * {@code Org<Tab>} becomes {@code "Organization Administrator"}, as does {@code "Org<Tab>}.
 */
public final class QuotingParser implements Parser {

	@Override
	public ParsedLine parse(String line, int cursor, ParseContext context) {
		Words.Lexed lexed = Words.lex(line, false);
		if (context != ParseContext.COMPLETE) {
			if (lexed.openQuote() != 0) {
				throw new EOFError(-1, -1, "Missing closing quote", lexed.openQuote() == '\'' ? "quote" : "dquote");
			}
			if (lexed.trailingEscape()) {
				throw new EOFError(-1, -1, "Escaped new line", "newline");
			}
		}
		int at = Math.max(0, Math.min(cursor, line.length()));
		List<String> words = new ArrayList<>(lexed.texts());
		// the word the cursor is in or touches; else an empty word at the cursor
		int index = -1;
		int rawStart = at;
		int rawEnd = at;
		int insertAt = 0;
		for (int i = 0; i < lexed.words().size(); i++) {
			Words.Word w = lexed.words().get(i);
			if (w.start() <= at && at <= w.end()) {
				index = i;
				rawStart = w.start();
				rawEnd = w.end();
				break;
			}
			if (w.end() < at) {
				insertAt = i + 1;
			}
		}
		if (index < 0) {
			index = insertAt;
			words.add(index, "");
		}
		// the typed part of that word: what the same tokenizer reads of it up to the cursor
		Words.Lexed before = Words.lex(line.substring(rawStart, at), false);
		int wordCursor = before.words().isEmpty() ? 0 : before.words().get(0).text().length();
		Character openQuote = before.openQuote() == 0 ? null : before.openQuote();
		return new Parsed(line, at, List.copyOf(words), index, wordCursor, at - rawStart, rawEnd - rawStart,
				openQuote);
	}

	/** A parsed line whose completed words are quoted as above. */
	record Parsed(String line, int cursor, List<String> words, int wordIndex, int wordCursor, int rawWordCursor,
			int rawWordLength, Character openQuote) implements CompletingParsedLine {

		@Override
		public String word() {
			return words.get(wordIndex);
		}

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

	}

}
