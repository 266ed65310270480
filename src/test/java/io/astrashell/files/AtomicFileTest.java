package io.astrashell.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one way files are replaced: whole or not at all, owner-only, through a symbolic link. */
class AtomicFileTest {

	@TempDir
	Path dir;

	private static String mode(Path p) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
	}

	private List<String> names() throws IOException {
		try (var files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void replacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
		Path file = dir.resolve("state.json");
		Files.writeString(file, "old");
		AtomicFile.write(file, "new content".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.readString(file)).isEqualTo("new content");
		assertThat(names()).containsExactly("state.json");
		AtomicFile.write(dir.resolve("fresh.tsv"), new byte[0]);
		assertThat(dir.resolve("fresh.tsv")).isEmptyFile();
	}

	@Test
	void aWriteThatFailsHalfWayLeavesTheOldFileWhole() throws Exception {
		Path file = dir.resolve(".astrarc");
		String old = "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:a\n";
		Files.writeString(file, old);
		assertThatThrownBy(() -> AtomicFile.write(file, out -> {
			out.write("[default]\nASTRA_DB_APP".getBytes(StandardCharsets.UTF_8));
			throw new IOException("No space left on device");
		})).isInstanceOf(IOException.class).hasMessage("No space left on device");
		assertThat(Files.readString(file)).isEqualTo(old);
		assertThat(names()).containsExactly(".astrarc");
		// and a runtime failure of the writer alike
		assertThatThrownBy(() -> AtomicFile.write(file, out -> {
			out.write('x');
			throw new IllegalStateException("killed");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(Files.readString(file)).isEqualTo(old);
		assertThat(names()).containsExactly(".astrarc");
	}

	@Test
	void aNewFileIsReadableByItsOwnerAloneAndAReplacedOneKeepsItsMode() throws Exception {
		Path file = dir.resolve("users.tsv");
		Files.writeString(file, "old");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		AtomicFile.write(file, "new".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.readString(file)).isEqualTo("new");
		assertThat(mode(file)).isEqualTo("rw-r--r--"); // never changed: only a new file is made 0600
		Path created = dir.resolve("identity");
		AtomicFile.write(created, "x".getBytes(StandardCharsets.UTF_8));
		assertThat(mode(created)).isEqualTo("rw-------");
	}

	@Test
	void aSymbolicLinkIsWrittenWhereItPointsAndStaysALink() throws Exception {
		Path elsewhere = Files.createDirectory(dir.resolve("dotfiles"));
		Path real = elsewhere.resolve("astrarc");
		Files.writeString(real, "old");
		Path link = Files.createSymbolicLink(dir.resolve(".astrarc"), real);
		AtomicFile.write(link, "new".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.readString(real)).isEqualTo("new");
		assertThat(names()).containsExactly(".astrarc", "dotfiles");
		try (var files = Files.list(elsewhere)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("astrarc");
		}
		// a relative link, through a link to a link
		Path second = Files.createSymbolicLink(dir.resolve("second"), dir.relativize(link));
		AtomicFile.write(second, "newer".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.isSymbolicLink(second)).isTrue();
		assertThat(Files.readString(real)).isEqualTo("newer");
	}

	@Test
	void aDanglingLinkIsWrittenWhereItPoints() throws Exception {
		Path real = dir.resolve("target");
		Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
		AtomicFile.write(link, "made".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.readString(real)).isEqualTo("made");
	}

	@Test
	void theTemporaryFilesMatchTheGlobOfLeftovers() throws Exception {
		Path file = dir.resolve("state.json");
		var matcher = dir.getFileSystem().getPathMatcher("glob:" + AtomicFile.tempGlob("state.json"));
		AtomicFile.write(file, out -> {
			try (var files = Files.list(dir)) {
				List<Path> temps = files.toList();
				assertThat(temps).hasSize(1);
				assertThat(matcher.matches(temps.get(0).getFileName())).isTrue();
			}
			out.write('x');
		});
		assertThat(Files.readString(file)).isEqualTo("x");
	}

	@Test
	void whatIsNotARegularFileIsRefusedAndLeftAsItWas() throws Exception {
		Path fifo = SpecialFiles.fifo(dir.resolve("fifo"));
		Path dirLink = Files.createSymbolicLink(dir.resolve("to-dir"), Files.createDirectory(dir.resolve("sub")));
		Path fifoLink = Files.createSymbolicLink(dir.resolve("to-fifo"), fifo);
		var before = SpecialFiles.listing(dir);
		for (Path p : List.of(fifo, dirLink, fifoLink, dir.resolve("sub"))) {
			assertThatThrownBy(() -> AtomicFile.write(p, "new".getBytes(StandardCharsets.UTF_8)))
				.isInstanceOf(IOException.class)
				.hasMessageStartingWith("The file " + p)
				.hasMessageContaining("is not a regular file")
				.hasMessageEndingWith("Nothing was written.");
		}
		assertThat(SpecialFiles.listing(dir)).isEqualTo(before);
	}

	@Test
	void aReadOnlyFileIsRefusedByItsModeEvenForRoot() throws Exception {
		Path file = dir.resolve("ro");
		Files.writeString(file, "old");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
		assertThatThrownBy(() -> AtomicFile.write(file, "new".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(IOException.class)
			.hasMessageStartingWith("The file " + file + " is read-only (mode 0400)");
		assertThat(Files.readString(file)).isEqualTo("old");
		assertThat(mode(file)).isEqualTo("r--------");
		assertThat(names()).containsExactly("ro");
	}

}
