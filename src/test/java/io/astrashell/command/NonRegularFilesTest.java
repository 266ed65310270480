package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.AstraRun.Result;
import io.astrashell.AstraRun;
import io.astrashell.files.SpecialFiles;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every file the shell writes must be a regular file or missing, after links: a device node, a named
 * pipe, a directory, or a link to one of them is refused (exit 9, one line naming it, "not a regular
 * file"), and nothing is written, locked, created beside it or chmod-ed. A read-only file (0400) is
 * refused by every writer, even for root; a file replaced keeps its mode, and only a new one is 0600.
 */
class NonRegularFilesTest extends ServedSandboxFixture {

	static final Duration BOUND = Duration.ofSeconds(30);

	/** The commands that rewrite the profiles file. */
	List<List<String>> writers() {
		return List.of(List.of("config", "create", "p", "--token", token, "--no-validate"),
				List.of("config", "use", "default"), List.of("config", "delete", "other"),
				List.of("config", "create", "d", "--token", token, "--no-validate", "--default"));
	}

	static void refusedAsNotRegular(Result r, Path named) {
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
		assertThat(r.err()).as(r.toString()).startsWith("[ERROR] ").hasLineCount(1).contains(named.toString())
			.contains("not a regular file").doesNotContain("Exception");
	}

	Result run(List<String> command, String... more) {
		List<String> all = new ArrayList<>(command);
		all.addAll(List.of(more));
		return assertTimeoutPreemptively(BOUND, () -> astra.run(all.toArray(String[]::new)),
				() -> "hung: astra " + String.join(" ", all));
	}

	@Test
	void aProfilesFileThatIsADeviceAPipeOrALinkToOneIsNeverWritten() throws Exception {
		Path targets = Files.createDirectory(dir.resolve("targets"));
		Path device = SpecialFiles.nullDevice(targets.resolve("null"));
		Path fifo = SpecialFiles.fifo(targets.resolve("fifo"));
		Path links = Files.createDirectory(dir.resolve("links"));
		Path toDevice = Files.createSymbolicLink(links.resolve("to-null"), device);
		Path toFifo = Files.createSymbolicLink(links.resolve("to-fifo"), fifo);
		Map<String, String> targetsBefore = SpecialFiles.listing(targets);
		Map<String, String> linksBefore = SpecialFiles.listing(links);
		try {
			for (Path file : List.of(device, fifo, toDevice, toFifo)) {
				for (List<String> command : writers()) {
					refusedAsNotRegular(run(command, "-cf", file.toString()), file.toRealPath());
				}
				// the variable too, and a reader
				astra.env("ASTRARC", file.toString());
				refusedAsNotRegular(run(List.of("config", "create", "q", "--token", token, "--no-validate")),
						file.toRealPath());
				refusedAsNotRegular(run(List.of("config", "list")), file.toRealPath());
			}
		}
		finally {
			SpecialFiles.unblock(fifo);
		}
		// same type, same mode, nothing beside them (no .lock, no temporary file)
		assertThat(SpecialFiles.listing(targets)).isEqualTo(targetsBefore);
		assertThat(SpecialFiles.listing(links)).isEqualTo(linksBefore);
		assertThat(SpecialFiles.typeAndMode(device)).isEqualTo("20666");
	}

	@Test
	void aLockFileThatIsAPipeIsRefusedBeforeItIsOpened() throws Exception {
		String before = "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\n";
		Files.writeString(astra.configFile(), before);
		Path lock = SpecialFiles.fifo(astra.configFile().resolveSibling(astra.configFile().getFileName() + ".lock"));
		try {
			for (List<String> command : writers()) {
				refusedAsNotRegular(run(command), lock);
			}
		}
		finally {
			SpecialFiles.unblock(lock);
		}
		assertThat(file()).isEqualTo(before);
		assertThat(SpecialFiles.typeAndMode(lock)).startsWith("10");
	}

	@Test
	void aReadOnlyProfilesFileIsRefusedByEveryWriterEvenForRoot() throws Exception {
		String before = "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\n\n[other]\nASTRA_DB_APPLICATION_TOKEN="
				+ token + "\n";
		Path rc = astra.configFile();
		Files.writeString(rc, before);
		Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("r--------"));
		Map<String, String> listing = SpecialFiles.listing(rc.getParent());
		for (List<String> command : writers()) {
			Result r = run(command);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
			assertThat(r.err()).as(r.toString()).hasLineCount(1).contains(rc.toString()).contains("is read-only (mode 0400)");
		}
		assertThat(file()).isEqualTo(before);
		assertThat(SpecialFiles.listing(rc.getParent())).isEqualTo(listing); // same mode, no lock file
		// reading it is fine
		assertThat(run(List.of("config", "list")).exitCode()).isZero();
	}

	@Test
	void aRewriteKeepsTheFilesModeAndOnlyANewFileIs0600() throws Exception {
		Path rc = astra.configFile();
		Files.writeString(rc, "[default]\nASTRA_DB_APPLICATION_TOKEN=" + token + "\n");
		Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-r-----"));
		assertThat(run(List.of("config", "create", "p", "--token", token, "--no-validate")).exitCode()).isZero();
		assertThat(file()).contains("[p]");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rc))).isEqualTo("rw-r-----");
		Path fresh = dir.resolve("fresh-astrarc");
		assertThat(run(List.of("config", "create", "p", "--token", token, "--no-validate", "-cf", fresh.toString()))
			.exitCode()).isZero();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
	}

	@Test
	void historySaveRefusesALinkToADeviceOrAPipe() throws Exception {
		Path device = SpecialFiles.nullDevice(dir.resolve("null"));
		Path fifo = SpecialFiles.fifo(dir.resolve("fifo"));
		Path toDevice = Files.createSymbolicLink(dir.resolve("to-null"), device);
		try {
			for (Path file : List.of(device, fifo, toDevice)) {
				Result r = run(List.of("history", "--save", file.toString()));
				refusedAsNotRegular(r, file);
			}
		}
		finally {
			SpecialFiles.unblock(fifo);
		}
		assertThat(SpecialFiles.typeAndMode(device)).isEqualTo("20666");
		assertThat(SpecialFiles.typeAndMode(fifo)).startsWith("10");
	}

	@Test
	void theSandboxStateOrLockThatIsNotARegularFileIsRefused() throws Exception {
		sandbox.close();
		Path state = astra.home().resolve("sandbox").resolve("state.json");
		Files.delete(state);
		SpecialFiles.nullDevice(state);
		Map<String, String> before = SpecialFiles.listing(state.getParent());
		Result r = run(List.of("org", "id", "--env", "local"));
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
		assertThat(r.err()).as(r.toString()).hasLineCount(1).contains(state.toString()).contains("not a regular file");
		assertThat(SpecialFiles.listing(state.getParent())).isEqualTo(before);
		sandbox = LocalSandbox.start(dir.resolve("unused"), 0); // for the fixture's close
	}

	@Test
	void anAstraHomeThatCannotBeWrittenIsAConfigurationErrorWithItsReason() throws Exception {
		Path file = Files.writeString(dir.resolve("a-file"), "x");
		Result r = new AstraRun(dir.resolve("unwritable")).env("ASTRA_HOME", file.resolve("astra").toString())
			.run("org", "--env", "local");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
		assertThat(r.err()).as(r.toString()).hasLineCount(1)
			.contains("Cannot start the local sandbox in " + file.resolve("astra"))
			.contains("not a directory").contains("Set ASTRA_HOME").doesNotContain("Exception");
		assertThat(Files.readString(file)).isEqualTo("x");
	}

}
