package io.astrashell.shell;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.astrashell.AstraRun.Result;
import io.astrashell.AstraRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run reads what the process would give it from its {@link ProcessIo} alone: relative paths are
 * taken from its working folder (not this JVM's), and its debug lines go to its own standard error
 * even while another run in the same JVM writes to another. A resident session serves each call so.
 */
class CallContextTest {

	@TempDir
	Path dir;

	@Test
	void relativePathsAreTakenFromTheRunsFolder() throws Exception {
		Path work = Files.createDirectories(dir.resolve("work"));
		Files.writeString(work.resolve("lines.astra"), "version\n");
		Files.writeString(work.resolve("profiles"), "[default]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:" + "a".repeat(24) + ":"
				+ "0".repeat(64) + "\n[team]\nASTRA_DB_APPLICATION_TOKEN=AstraCS:" + "b".repeat(24) + ":" + "1".repeat(64) + "\n");
		AstraRun astra = new AstraRun(dir).in(work);

		Result script = astra.run("script", "lines.astra");
		assertThat(script.exitCode()).as(script.toString()).isZero();
		assertThat(script.err()).contains("lines.astra: 1 of 1 line(s) run");

		Result profiles = astra.run("config", "list", "-cf", "profiles");
		assertThat(profiles.exitCode()).as(profiles.toString()).isZero();
		assertThat(profiles.out()).contains("team");

		Result missing = astra.run("org", "diff", "nowhere.yaml");
		assertThat(missing.err()).contains("Cannot read nowhere.yaml: there is no such file."); // named as given
		Files.writeString(work.resolve("org.yaml"), "roles: [\n");
		Result bad = astra.run("org", "diff", "org.yaml");
		assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(11);
		assertThat(bad.err()).contains("org.yaml:").doesNotContain("no such file");

		Result relativeHome = new AstraRun(dir).in(work).env("ASTRA_HOME", "home-here").run("history", "--save", "saved.astra");
		assertThat(relativeHome.exitCode()).as(relativeHome.toString()).isZero();
		assertThat(work.resolve("saved.astra")).exists();
	}

	@Test
	void debugLinesGoToTheirOwnRunsStandardError() throws Exception {
		ByteArrayOutputStream a = new ByteArrayOutputStream();
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		CountDownLatch bStarted = new CountDownLatch(1);
		CountDownLatch aDone = new CountDownLatch(1);
		CompletableFuture<Void> runA = CompletableFuture.runAsync(() -> {
			Logging.init(new PrintStream(a, true, StandardCharsets.UTF_8));
			Logging.verbose(true);
			await(bStarted);
			Logging.debug("test", () -> "from run A");
			aDone.countDown();
		});
		CompletableFuture<Void> runB = CompletableFuture.runAsync(() -> {
			Logging.init(new PrintStream(b, true, StandardCharsets.UTF_8));
			Logging.verbose(false);
			bStarted.countDown();
			await(aDone);
			Logging.debug("test", () -> "from run B");
		});
		CompletableFuture.allOf(runA, runB).get(10, TimeUnit.SECONDS);
		assertThat(a.toString(StandardCharsets.UTF_8)).isEqualTo("[DEBUG] test: from run A\n");
		assertThat(b.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void noColorComesFromTheRunsEnvironment() {
		ProcessIo io = new ProcessIo(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream()), Map.of("NO_COLOR", "1"), false, true, () -> null);
		assertThat(io.console().colorByDefault()).isFalse();
		ProcessIo colored = new ProcessIo(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream()), Map.of(), false, true, () -> null);
		assertThat(colored.console().colorByDefault()).isTrue();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException e) {
			throw new AssertionError(e);
		}
	}

}
