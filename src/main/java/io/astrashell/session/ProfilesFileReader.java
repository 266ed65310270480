package io.astrashell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;

import io.astrashell.cli.Words;
import io.astrashell.error.AstraError;
import io.astrashell.files.Reasons;
import io.astrashell.files.RegularFiles;

/**
 * Reading the profiles file from disk: bounded, a regular file only, UTF-8 only, each failure one
 * sentence naming the file and what to do (exit 9). What it reads, {@link AstraRc} parses and edits.
 */
final class ProfilesFileReader {

	private ProfilesFileReader() {
	}

	/**
	 * Reads the file; a missing file reads as empty. A file that cannot be read or parsed (a
	 * directory, a dangling link, text that is not UTF-8, a malformed or repeated line) fails with
	 * exit 9, naming the file, the line and what to do.
	 */
	static AstraRc read(Path path) {
		byte[] bytes;
		try {
			if (Files.isDirectory(path)) {
				throw AstraError.configuration("The profiles file " + path + " is a directory: give a file (-cf "
						+ path.resolve(".astrarc") + ", or set ASTRARC to one).");
			}
			bytes = RegularFiles.read(path, "The profiles file", AstraRc.MAX_SIZE);
		}
		catch (NoSuchFileException e) {
			if (Files.isSymbolicLink(path)) {
				throw danglingLink(path);
			}
			return new AstraRc(path, new ArrayList<>(), false);
		}
		catch (RegularFiles.Refused e) {
			throw AstraError.configuration(e.getMessage());
		}
		catch (IOException e) {
			throw AstraError.configuration("Cannot read the profiles file " + path + ": " + Reasons.of(e)
					+ ". Check that it is a file you may read.");
		}
		return AstraRc.parse(path, decode(path, bytes));
	}

	/** The file's bytes as UTF-8 text; any other encoding is refused, naming the first line that is not UTF-8. */
	private static String decode(Path path, byte[] bytes) {
		try {
			String text = RegularFiles.decode(bytes, "The profiles file " + path);
			// the parser drops a byte-order mark of its own: keep it, so that a rewrite keeps the bytes
			return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
					&& (bytes[2] & 0xFF) == 0xBF ? "\uFEFF" + text : text;
		}
		catch (RegularFiles.NotUtf8 e) {
			String file = Words.shellQuoted(path.toString());
			throw AstraError.configuration("The profiles file " + path + " is not UTF-8 text (line " + e.line()
					+ " holds a byte that is not UTF-8): save it as UTF-8; for a Latin-1 file, (umask 077; iconv -f latin1 "
					+ "-t utf-8 " + file + " > " + file + ".utf8) && mv " + file + ".utf8 " + file
					+ " (the file was left unchanged).");
		}
	}

	/** A link whose target is missing: named with its target, never followed into a new file. */
	static AstraError danglingLink(Path link) {
		String target;
		try {
			target = link.resolveSibling(Files.readSymbolicLink(link)).normalize().toString();
		}
		catch (IOException | UnsupportedOperationException e) {
			target = "a file";
		}
		return AstraError.configuration("The profiles file " + link + " is a symbolic link to " + target
				+ ", which does not exist: create it there, or give another file with -cf (or ASTRARC).");
	}

}
