package io.astrashell.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.astrashell.error.AstraError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing the profiles file: atomic, owner-only, never over a file it cannot parse, safe between processes. */
class ProfilesTest {

	@TempDir
	Path dir;

	static String mode(Path p) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
	}

	@Test
	void everyWriteKeepsTheFilesModeAndANewFileIsTheOwnersAlone() throws Exception {
		Path file = dir.resolve(".astrarc");
		Files.writeString(file, "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:a\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		Profiles profiles = new Profiles(file);
		profiles.update(rc -> {
			rc.set("dev", "ASTRA_ENV", "DEV");
			return null;
		});
		// the shell never changes an existing file's mode (issue 18 item 4)
		assertThat(mode(file)).isEqualTo("rw-r--r--");
		profiles.update(rc -> rc.remove("dev"));
		assertThat(mode(file)).isEqualTo("rw-r--r--");
		assertThat(Files.readString(file)).isEqualTo("[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:a\n");
		try (var files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".astrarc", ".astrarc.lock");
		}
		assertThat(mode(dir.resolve(".astrarc.lock"))).isEqualTo("rw-------");
		Path fresh = dir.resolve("fresh");
		new Profiles(fresh).update(rc -> {
			rc.set("dev", "ASTRA_ENV", "DEV");
			return null;
		});
		assertThat(mode(fresh)).isEqualTo("rw-------");
	}

	@Test
	void aFileThatCannotBeParsedIsNeverOverwritten() throws Exception {
		Path file = dir.resolve(".astrarc");
		String corrupt = "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:a\n<<<<<<< merge conflict\n";
		Files.writeString(file, corrupt);
		assertThatThrownBy(() -> new Profiles(file).update(rc -> {
			rc.set("x", "K", "V");
			return null;
		})).isInstanceOf(AstraError.class).hasMessageContaining(file.toString()).hasMessageContaining("line 3");
		assertThat(Files.readString(file)).isEqualTo(corrupt);
	}

	@Test
	void aLinkedFileIsWrittenWhereItPoints() throws Exception {
		Path real = dir.resolve("dotfiles-astrarc");
		Files.writeString(real, "[default]\nK=1\n");
		Path link = Files.createSymbolicLink(dir.resolve(".astrarc"), real);
		new Profiles(link).update(rc -> {
			rc.set("default", "K", "2");
			return null;
		});
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.readString(real)).isEqualTo("[default]\nK=2\n");
	}

	@Test
	void twoProcessesWritingAtOnceLoseNoSection() throws Exception {
		Path file = dir.resolve(".astrarc");
		Files.writeString(file, "# shared\n[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:a\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		List<Process> writers = new ArrayList<>();
		for (String who : List.of("left", "right")) {
			writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), ProfilesWriterMain.class.getName(), file.toString(), who, "25")
				.inheritIO()
				.start());
		}
		for (Process p : writers) {
			assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(p.exitValue()).isZero();
		}
		AstraRc rc = AstraRc.read(file);
		assertThat(rc.sections()).hasSize(51);
		for (int i = 0; i < 25; i++) {
			assertThat(rc.value("left-" + i, "K")).isEqualTo("left " + i);
			assertThat(rc.value("right-" + i, "K")).isEqualTo("right " + i);
		}
		assertThat(rc.render()).startsWith("# shared\n[default]\n");
		assertThat(mode(file)).isEqualTo("rw-------");
	}

	@Test
	void aChangeThatWouldNotReadBackAsWrittenIsNotWritten() throws Exception {
		Path file = dir.resolve(".astrarc");
		String before = "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:a\n";
		Files.writeString(file, before);
		// a quoted value reads back without its quotes: the guard before the write catches any such slip
		assertThatThrownBy(() -> new Profiles(file).update(rc -> {
			rc.set("x", "K", "\"quoted\"");
			return null;
		})).isInstanceOf(AstraError.class).hasMessageContaining("would not read back as written");
		assertThat(Files.readString(file)).isEqualTo(before);
	}

	@Test
	void aFileThatCannotBeReadIsRefusedBeforeAnythingIsWritten() throws Exception {
		Path folder = Files.createDirectory(dir.resolve("folder"));
		assertThatThrownBy(() -> new Profiles(folder).update(rc -> null)).isInstanceOf(AstraError.class)
			.hasMessage("The profiles file " + folder + " is a directory: give a file (-cf " + folder.resolve(".astrarc")
					+ ", or set ASTRARC to one).");
		Path twice = Files.writeString(dir.resolve("twice"), "[a]\nK=1\n[a]\nK=2\n");
		assertThatThrownBy(() -> new Profiles(twice).update(rc -> rc.remove("a"))).isInstanceOf(AstraError.class)
			.hasMessageContaining("at line 3");
		assertThat(Files.readString(twice)).isEqualTo("[a]\nK=1\n[a]\nK=2\n");
		try (var files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("folder", "twice");
		}
	}

}
