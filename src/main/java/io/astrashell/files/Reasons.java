package io.astrashell.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** What went wrong with a file, in the words a message gives it ("permission denied"), never a class name. */
public final class Reasons {

	private Reasons() {
	}

	/** What went wrong with a file, in words (never the name of a Java class). */
	public static String of(IOException e) {
		if (e instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof FileAlreadyExistsException f) {
			return f.getFile() + " is in the way (a file where a directory should be)";
		}
		if (e instanceof FileSystemException f && "Not a directory".equals(f.getReason()) && f.getFile() != null) {
			for (Path p = Path.of(f.getFile()).getParent(); p != null; p = p.getParent()) {
				if (Files.exists(p) && !Files.isDirectory(p)) {
					return p + " is a file, not a directory";
				}
			}
		}
		if (e instanceof FileSystemException f && f.getReason() != null) {
			String why = f.getReason();
			return why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1)
					+ (f.getFile() == null ? "" : " (" + f.getFile() + ")");
		}
		if (e instanceof NoSuchFileException f) {
			return f.getFile() + " does not exist";
		}
		return e.getMessage() != null ? e.getMessage() : "an input/output error";
	}

}
