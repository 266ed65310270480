package io.astrashell.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.astrashell.AstraRun;
import io.astrashell.AstraShellApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output that cannot be written (a full disk, a closed or broken standard output) is an error: one
 * line on standard error and exit 100, for every command and for each line of a script; a token whose
 * secret was lost so is named, so that it can be revoked.
 */
class OutputErrorTest {

	@TempDir
	Path dir;

	/** Standard output whose every write fails, as on a full disk. */
	static final class FullDisk extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			throw new IOException("No space left on device");
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			throw new IOException("No space left on device");
		}

	}

	record Result(int exitCode, String err) {
	}

	private Result runWithFullDisk(String... args) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		ProcessIo io = new ProcessIo(new ByteArrayInputStream(new byte[0]), new PrintStream(new FullDisk(), true),
				new PrintStream(err, true, StandardCharsets.UTF_8),
				Map.of("ASTRA_HOME", dir.resolve("astra-home").toString(), "ASTRARC", dir.resolve("astrarc").toString(),
						"HOME", dir.toString()),
				false, false, () -> {
					throw new IllegalStateException("no terminal in this test");
				});
		int code = AstraShellApplication.run(args, io);
		return new Result(code, err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void aCommandWhoseOutputCannotBeWrittenFailsWithOneLine() {
		Result r = runWithFullDisk("org", "id", "--env", "local");
		assertThat(r.exitCode()).as(r.err()).isEqualTo(100);
		assertThat(r.err()).isEqualTo("[ERROR] Cannot write the output: the output stream reported an error.\n");

		Result json = runWithFullDisk("user", "list", "-o", "json", "--env", "local");
		assertThat(json.exitCode()).isEqualTo(100);
		assertThat(json.err()).startsWith("[ERROR] Cannot write the output");

		Result fine = runWithFullDisk("version", "--help"); // help text to stdout: the same
		assertThat(fine.exitCode()).isEqualTo(100);
	}

	@Test
	void aTokenWhoseSecretCouldNotBeShownIsNamedSoItCanBeRevoked() {
		Result r = runWithFullDisk("token", "create", "-r", "RO User", "-d", "lost", "--env", "local");
		assertThat(r.exitCode()).as(r.err()).isEqualTo(100);
		Matcher m = Pattern.compile("\\[ERROR] Cannot write the output: the output stream reported an error\\. The token "
				+ "([A-Za-z]{24}) was created, but its secret was not shown and cannot be shown again: revoke it with "
				+ "'astra token delete \\1' and create another\\.\n").matcher(r.err());
		assertThat(m.find()).as(r.err()).isTrue();
		// no notice that the secret was shown: it was not
		assertThat(r.err()).doesNotContain("shown this once");
		AstraRun.Result list = new AstraRun(dir).run("token", "list", "--env", "local", "-o", "csv");
		assertThat(list.out()).contains(m.group(1) + ",RO User,lost");
	}

	@Test
	void aScriptStopsAtTheFirstLineWhoseOutputIsLost() throws Exception {
		Path f = Files.writeString(dir.resolve("two.astra"), "user invite ann@example.com\nuser invite bob@example.com\n");
		Result r = runWithFullDisk("script", f.toString(), "--env", "local");
		assertThat(r.exitCode()).as(r.err()).isEqualTo(100);
		assertThat(r.err()).startsWith(f + ":1: user invite ann@example.com\n[ERROR] Cannot write the output: ")
			.contains("1 of 2 line(s) run, 0 succeeded, 1 failed");
		assertThat(new AstraRun(dir).run("user", "list", "--env", "local").out()).doesNotContain("bob@example.com");
	}

}
