package io.astrashell.completion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.cli.ValueKind;
import io.astrashell.files.AtomicFile;
import io.astrashell.files.RegularFiles;
import io.astrashell.session.AstraHome;

/**
 * The completion values on disk ({@code ~/.astra/completion}), the one place that knows their
 * format: a folder per profile and environment ({@code profile-NAME-ENV}, or {@code token-HASH} for
 * a connection without a profile) holding an {@code identity} file (a hash of environment, endpoint
 * and token: never the token) and one file per server kind ({@code users.tsv}, named by {@link ServerKind}), a line per value: the value, a tab,
 * its description. The prompt's cache reads and writes it; the bash and zsh scripts read it, through
 * the functions {@link #bashReader()} and {@link #zshReader()} write into them.
 */
final class CompletionStore {

	/** The store's folder in the astra home. */
	static final String DIRECTORY = "completion";

	/** What a profile's folder name starts with: {@code profile-NAME-ENV}. */
	static final String PROFILE_FOLDER = "profile-";

	/** What a profile-less connection's folder name starts with: {@code token-HASH}. */
	static final String TOKEN_FOLDER = "token-";

	/** The characters of a profile name that a folder name keeps; any other becomes {@code _}. */
	static final String UNSAFE = "[^A-Za-z0-9._-]";

	/** The file of the identity hash the values belong to. */
	static final String IDENTITY = "identity";

	/** The column (from 1) of the value in a line; the description is the rest of the line. */
	static final int VALUE_COLUMN = 1;

	/** The largest file of values read (16 MiB); a larger one is left unread (the next fetch replaces it). */
	static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

	private final Path directory;

	CompletionStore(Path directory) {
		this.directory = directory;
	}

	/** The folder of a profile's values in an environment (lower case). */
	static String profileFolder(String profile, String environment) {
		return PROFILE_FOLDER + profile.replaceAll(UNSAFE, "_") + "-" + environment;
	}

	/** The folder of a connection without a profile, named by its identity hash. */
	static String tokenFolder(String identityHash) {
		return TOKEN_FOLDER + identityHash.substring(0, 16);
	}

	/** The values stored in a folder for an identity, of the kinds given; null when there are none, or they are another identity's. */
	Map<ValueKind, List<Candidate>> load(String folder, String identityHash, List<ServerKind<?>> kinds) {
		Path dir = directory.resolve(folder);
		try {
			if (!Files.isRegularFile(dir.resolve(IDENTITY))
					|| !RegularFiles.readText(dir.resolve(IDENTITY), "The completion cache file", 1024).trim()
						.equals(identityHash)) {
				return null;
			}
			Map<ValueKind, List<Candidate>> loaded = new LinkedHashMap<>();
			for (ServerKind<?> k : kinds) {
				Path file = dir.resolve(k.fileName());
				if (Files.isRegularFile(file)) {
					List<Candidate> values = new ArrayList<>();
					for (String line : RegularFiles.readText(file, "The completion cache file", MAX_FILE_SIZE).lines()
						.toList()) {
						int tab = line.indexOf('\t');
						if (tab > 0 && SafeValues.typable(line.substring(0, tab))) {
							// an older version's file, or one edited by hand, may hold what Tab must not offer
							values.add(new Candidate(line.substring(0, tab), line.substring(tab + 1)));
						}
					}
					loaded.put(k.kind(), List.copyOf(values));
				}
			}
			return loaded;
		}
		catch (IOException | RuntimeException e) {
			return null; // no disk copy: the first fetch fills it
		}
	}

	/** Writes the values of one kind of an identity to its folder (owner only, atomically); a failure is quiet. */
	void save(String folder, String identityHash, ServerKind<?> kind, List<Candidate> values) {
		Path dir = directory.resolve(folder);
		try {
			// made its owner's alone when new; an existing folder keeps its mode
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory);
				AstraHome.ownerOnly(directory);
			}
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir);
				AstraHome.ownerOnly(dir);
			}
			write(dir.resolve(IDENTITY), identityHash + "\n");
			StringBuilder b = new StringBuilder();
			for (Candidate v : values) {
				if (SafeValues.typable(v.value())) { // no control or bidirectional character reaches the file
					b.append(v.value()).append('\t').append(v.description()).append('\n');
				}
			}
			write(dir.resolve(kind.fileName()), b.toString());
		}
		catch (IOException | RuntimeException e) {
			// the memory cache still works
		}
	}

	/** A file of the cache; one that is not a regular file (or is read-only) is left alone, quietly. */
	private static void write(Path file, String text) throws IOException {
		AtomicFile.write(file, "The completion cache file", text.getBytes(StandardCharsets.UTF_8));
	}

	// ---- the readers of the shell scripts

	/**
	 * bash: {@code _astra_safe} ({@link SafeValues#shellFilter()});
	 * {@code _astra_store_file HOME KIND PROFILE ENV} sets {@code f} to the file of the values of a
	 * value kind ({@code USER}...), failing for a kind the store does not hold;
	 * {@code _astra_store_values FILE} prints the value column of a file, its safe lines only.
	 */
	static String bashReader(List<ServerKind<?>> kinds) {
		StringBuilder b = new StringBuilder(SafeValues.shellFilter());
		b.append("# f: the file of the cached values of kind $2 for profile $3 in environment $4, in astra home $1;\n");
		b.append("# fails for a kind the store does not hold.\n_astra_store_file() {\n  case \"$2\" in\n");
		for (ServerKind<?> k : kinds) {
			b.append("    ").append(k.kind().name()).append(") f=").append(k.fileName()).append(" ;;\n");
		}
		b.append("    *) return 1 ;;\n  esac\n");
		b.append("  f=\"$1/").append(DIRECTORY).append('/').append(PROFILE_FOLDER).append("${3//").append(UNSAFE)
			.append("/_}-$4/$f\"\n}\n\n");
		b.append("# The values (one a line) of the cached values' file $1 (_astra_safe: never a control character).\n")
			.append("_astra_store_values() {\n  _astra_safe \"$1\" | cut -f").append(VALUE_COLUMN).append("\n}\n\n");
		return b.toString();
	}

	/** zsh: {@code _astra_safe} and {@code _astra_store_file HOME KIND PROFILE ENV}, as {@link #bashReader()}. */
	static String zshReader(List<ServerKind<?>> kinds) {
		if (VALUE_COLUMN != 1) {
			throw new IllegalStateException("astra.zsh reads the value from the first column only.");
		}
		StringBuilder b = new StringBuilder(SafeValues.shellFilter());
		b.append("# f: the file of the cached values of kind $2 for profile $3 in environment $4, in astra home $1;\n");
		b.append("# fails for a kind the store does not hold. A line is the value, a tab, its description.\n");
		b.append("_astra_store_file() {\n  case $2 in\n");
		for (ServerKind<?> k : kinds) {
			b.append("    (").append(k.kind().name()).append(") f=").append(k.fileName()).append(" ;;\n");
		}
		b.append("    (*) return 1 ;;\n  esac\n");
		b.append("  f=$1/").append(DIRECTORY).append('/').append(PROFILE_FOLDER).append("${3//").append(UNSAFE)
			.append("/_}-$4/$f\n}\n\n");
		return b.toString();
	}

}
