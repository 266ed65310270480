package io.astrashell.cli;

import java.util.ArrayList;
import java.util.List;

import io.astrashell.error.AstraError;

/**
 * The shell's one tokenizer: splits a line into words with shell quoting. {@code 'single'} quotes keep
 * everything, {@code "double"} quotes honour {@code \"} and {@code \\}, a backslash outside quotes
 * escapes the next character, and a backslash before a line break joins the lines. {@code ""} is an
 * empty word. In a script, a {@code #} that starts a word outside quotes starts a comment.
 * <p>
 * Everything that reads a command line reads it here: the one-shot words' parser gets words already
 * split by the caller's shell, while the prompt ({@link #split}), its Tab and line continuation
 * ({@code completion/QuotingParser}, through {@link #lex}), scripts ({@link #stripComment}) and the
 * history's redaction all split with this class, so what Tab sees is what runs.
 */
public final class Words {

	private Words() {
	}

	/** One word of a line: its text with the quoting removed, and where it stands in the line. */
	public record Word(String text, int start, int end) {

	}

	/**
	 * A line read into words: the words, the quote left open at its end ({@code 0} for none), whether
	 * it ends with a backslash that escapes nothing, and where a comment starts ({@code -1} for none).
	 */
	public record Lexed(List<Word> words, char openQuote, boolean trailingEscape, int commentStart) {

		/** The words' texts. */
		public List<String> texts() {
			return words.stream().map(Word::text).toList();
		}

	}

	/**
	 * Reads {@code line} into words; never fails (an open quote is reported in {@link Lexed#openQuote}).
	 * With {@code comments}, a {@code #} at the start of a word outside quotes ends the line.
	 */
	public static Lexed lex(String line, boolean comments) {
		List<Word> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		int start = -1;
		char quote = 0;
		boolean trailingEscape = false;
		int comment = -1;
		int n = line.length();
		for (int i = 0; i < n; i++) {
			char c = line.charAt(i);
			if (quote == '\'') {
				if (c == '\'') {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (quote == '"') {
				if (c == '"') {
					quote = 0;
				}
				else if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\n') {
					i++; // a line continued
				}
				else if (c == '\\' && i + 1 < n && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
					word.append(line.charAt(++i));
				}
				else {
					word.append(c);
				}
			}
			else if (Character.isWhitespace(c)) {
				if (start >= 0) {
					words.add(new Word(word.toString(), start, i));
					word.setLength(0);
					start = -1;
				}
			}
			else if (c == '#' && comments && start < 0) {
				comment = i;
				break;
			}
			else if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\n') {
				i++; // a line continued: it separates nothing and adds nothing
			}
			else {
				if (start < 0) {
					start = i;
				}
				if (c == '\'' || c == '"') {
					quote = c;
				}
				else if (c == '\\' && i + 1 < n) {
					word.append(line.charAt(++i));
				}
				else {
					if (c == '\\') {
						trailingEscape = true;
					}
					word.append(c);
				}
			}
		}
		if (start >= 0) {
			words.add(new Word(word.toString(), start, comment >= 0 ? comment : n));
		}
		return new Lexed(words, quote, trailingEscape && quote == 0, comment);
	}

	/** The words of a line; an unclosed quote is an error (exit 11). */
	public static List<String> split(String line) {
		Lexed lexed = lex(line, false);
		if (lexed.openQuote() != 0) {
			throw AstraError.invalidInput("Unclosed " + (lexed.openQuote() == '"' ? "double" : "single")
					+ " quote in the command line: close it and run the command again.");
		}
		return lexed.texts();
	}

	/** A script's line without its comment: a {@code #} that starts a word, outside quotes. */
	public static String stripComment(String line) {
		int comment = lex(line, true).commentStart();
		return comment < 0 ? line : line.substring(0, comment);
	}

	/** Quotes a word for a command line if it needs it (spaces, quotes, backslashes, or empty). */
	public static String quote(String word) {
		if (word.isEmpty()) {
			return "\"\"";
		}
		boolean plain = true;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\' || c == '#') {
				plain = false;
				break;
			}
		}
		return plain ? word : '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	/** A word as a POSIX shell reads it back: as is when plain, else in single quotes (for a command to copy). */
	public static String shellQuoted(String word) {
		if (word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
			return word;
		}
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
