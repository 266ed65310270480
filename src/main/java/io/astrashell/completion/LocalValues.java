package io.astrashell.completion;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.astrashell.api.model.UnsafeCharacters;
import io.astrashell.error.AstraError;
import io.astrashell.cli.Globals;
import io.astrashell.session.AstraHome;
import io.astrashell.session.AstraRc;
import io.astrashell.session.Session;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionProposal;

/** Values known without the server: the profiles of the file, the commands, file paths, fixed lists. */
public final class LocalValues {

	private final Session session;

	private final Supplier<CommandRegistry> registry;

	public LocalValues(Session session, Supplier<CommandRegistry> registry) {
		this.session = session;
		this.registry = registry;
	}

	/** The command names (first words) that start with {@code prefix}. */
	List<CompletionProposal> commands(String prefix) {
		return match(registry.get().getCommands().stream().filter(c -> !c.isHidden())
			.map(c -> c.getName().split(" ")[0]).distinct().sorted().toList(), prefix, "command");
	}

	/** The profiles of the file the line names that start with {@code prefix}. */
	List<CompletionProposal> profiles(String prefix, Globals lineGlobals) {
		return match(profiles(lineGlobals), prefix, "profile");
	}

	/** The most file names a Tab lists: a folder of thousands is not read whole on the prompt's thread. */
	static final int MAX_FILES = 500;

	/**
	 * Paths starting with {@code prefix}, from the run's working folder or the one the prefix names
	 * ({@code ~/} is the home folder); a folder is offered with its {@code /}, to go on into it.
	 */
	List<CompletionProposal> files(String prefix) {
		String typed = prefix == null ? "" : prefix;
		int slash = typed.lastIndexOf('/');
		String folderPart = slash < 0 ? "" : typed.substring(0, slash + 1);
		String namePart = typed.substring(slash + 1);
		Path folder;
		try {
			folder = session.file(Path.of(folderPart.isEmpty() ? "." : AstraHome.expandHome(folderPart,
					AstraHome.userHome(session.variable("HOME")))));
		}
		catch (InvalidPathException e) {
			return List.of();
		}
		List<CompletionProposal> out = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (!name.startsWith(namePart) || (name.startsWith(".") && !namePart.startsWith("."))
						|| UnsafeCharacters.firstUnsafe(name) >= 0) { // ESC would drive the terminal
					continue;
				}
				boolean isFolder = Files.isDirectory(entry);
				out.add(new CompletionProposal(folderPart + name + (isFolder ? "/" : "")).displayText(name + (isFolder ? "/" : ""))
					.complete(!isFolder)
					.description(isFolder ? "folder" : "file"));
				if (out.size() >= MAX_FILES) {
					break;
				}
			}
		}
		catch (IOException | SecurityException e) {
			return List.of();
		}
		out.sort(Comparator.comparing(CompletionProposal::value));
		return out;
	}

	private List<String> profiles(Globals lineGlobals) {
		try {
			Path file = session.configFile(lineGlobals);
			// a hand-edited name with a control character could not be typed back, and would drive the terminal
			return AstraRc.read(file).sections().stream().filter(SafeValues::typable).toList();
		}
		catch (AstraError e) {
			return List.of();
		}
	}

	static List<CompletionProposal> match(List<String> values, String prefix, String description) {
		List<CompletionProposal> out = new ArrayList<>();
		String p = prefix.toLowerCase(Locale.ROOT);
		for (String v : values) {
			if (v.toLowerCase(Locale.ROOT).startsWith(p)) {
				out.add(new CompletionProposal(v).description(description));
			}
		}
		return out;
	}

}
