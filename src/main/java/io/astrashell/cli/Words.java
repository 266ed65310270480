package io.astrashell.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into words with shell quoting: {@code 'single'} quotes keep everything,
 * {@code "double"} quotes honour {@code \"} and {@code \\}, a backslash outside quotes escapes the
 * next character. {@code ""} is an empty word. The prompt and scripts split lines with this.
 */
public final class Words {

	private Words() {
	}

	public static List<String> split(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
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
				else if (c == '\\' && i + 1 < line.length()
						&& (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
					word.append(line.charAt(++i));
				}
				else {
					word.append(c);
				}
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				inWord = true;
				if (c == '\'' || c == '"') {
					quote = c;
				}
				else if (c == '\\' && i + 1 < line.length()) {
					word.append(line.charAt(++i));
				}
				else {
					word.append(c);
				}
			}
		}
		if (quote != 0) {
			throw CliException.invalidArgument("Unclosed " + (quote == '"' ? "double" : "single")
					+ " quote in the command line: close it and run the command again.");
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
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

}
