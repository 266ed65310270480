package io.astrashell.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.astrashell.api.Trace;
import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import io.astrashell.files.SpecialFiles;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The turns that read-modify-write changes take between the shells of one machine: a lock file of the
 * astra home per endpoint and kind, held across processes, bounded in its wait, ended by an interrupt,
 * and never in the way when it cannot be used.
 */
class ChangeLocksTest {

	@TempDir
	Path dir;

	static final Identity API = new Identity(AstraEnvironment.PROD, URI.create("https://api.example"), "t", null, null);

	ChangeLocks locks(Path home, long waitMillis) {
		return new ChangeLocks(new AstraHome(home), Duration.ofMillis(waitMillis), Trace.NONE);
	}

	/** A second process for the test below: holds the lock until its standard input closes. */
	public static final class Holder {

		public static void main(String[] args) throws Exception {
			new ChangeLocks(new AstraHome(Path.of(args[0])), Duration.ofSeconds(30), Trace.NONE).exclusive(API, false,
					"roles", () -> {
						System.out.println("held");
						System.out.flush();
						try {
							System.in.read();
						}
						catch (IOException e) {
							// closed
						}
						return null;
					});
		}

	}

	@Test
	void anotherProcessHoldingTheLockMakesThisOneWaitThenGoOn() throws Exception {
		Path home = dir.resolve("astra-home");
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Holder.class.getName(), home.toString())
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = out.readLine()) != null && !line.equals("held")) {
				// SLF4J's notes and the like
			}
			assertThat(line).isEqualTo("held");
			assertThatThrownBy(() -> locks(home, 300).exclusive(API, false, "roles", () -> "ran"))
				.isInstanceOf(ChangeLocks.Busy.class)
				.hasMessageStartingWith("Another astra command on this machine has been changing the roles of this "
						+ "organization for over 300 ms: nothing was changed.");
			// another kind, or another endpoint, is another lock
			assertThat(locks(home, 300).exclusive(API, false, "users", () -> "ran")).isEqualTo("ran");
			Identity other = new Identity(AstraEnvironment.DEV, URI.create("https://api.dev.example"), "t", null, null);
			assertThat(locks(home, 300).exclusive(other, false, "roles", () -> "ran")).isEqualTo("ran");
			holder.getOutputStream().close();
			assertThat(locks(home, 20_000).exclusive(API, false, "roles", () -> "ran")).isEqualTo("ran");
		}
		finally {
			holder.destroy();
			holder.waitFor(10, TimeUnit.SECONDS);
		}
		try (var files = Files.list(home.resolve("locks"))) {
			assertThat(files.toList()).allSatisfy(f -> {
				assertThat(Files.size(f)).isZero();
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
			});
		}
	}

	@Test
	void aLockFileThatIsNotARegularFileIsRefusedBeforeTheChange() throws Exception {
		Path home = dir.resolve("astra-home");
		assertThat(locks(home, 300).exclusive(API, false, "roles", () -> "ran")).isEqualTo("ran");
		Path lock;
		try (var files = Files.list(home.resolve("locks"))) {
			lock = files.toList().get(0);
		}
		Files.delete(lock);
		SpecialFiles.fifo(lock);
		AtomicBoolean ran = new AtomicBoolean();
		try {
			Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
					() -> assertThatThrownBy(() -> locks(home, 300).exclusive(API, false, "roles", () -> ran.getAndSet(true)))
						.isInstanceOfSatisfying(AstraError.class,
								e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIGURATION))
						.hasMessageStartingWith("The change lock file " + lock + " is not a regular file (it is a named pipe"));
		}
		finally {
			SpecialFiles.unblock(lock);
		}
		assertThat(ran).isFalse();
		assertThat(SpecialFiles.typeAndMode(lock)).startsWith("10");
	}

	@Test
	void aThreadTakesTheLockAgainWithinItsOwnChange() {
		ChangeLocks locks = locks(dir, 300);
		assertThat(locks.exclusive(API, false, "roles", () -> locks.exclusive(API, false, "roles", () -> "inner")))
			.isEqualTo("inner");
	}

	@Test
	void anInterruptEndsTheWait() throws Exception {
		ChangeLocks locks = locks(dir, 60_000);
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> locks.exclusive(API, false, "roles", () -> {
			held.countDown();
			try {
				release.await();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return null;
		}));
		holder.start();
		held.await();
		Thread waiter = new Thread(() -> {
			try {
				locks.exclusive(API, false, "roles", () -> null);
			}
			catch (RuntimeException e) {
				thrown.set(e);
			}
		});
		waiter.start();
		waiter.interrupt();
		waiter.join(10_000);
		release.countDown();
		holder.join(10_000);
		assertThat(thrown.get()).isInstanceOf(CancellationException.class)
			.hasCauseInstanceOf(InterruptedException.class);
	}

	@Test
	void aLockFileThatCannotBeUsedIsNotInTheWayAndIsLeftAlone() throws Exception {
		// an astra home that is a file; a lock path that is a link to a file of the user's
		Path notADirectory = Files.writeString(dir.resolve("home-file"), "mine");
		assertThat(locks(notADirectory, 300).exclusive(API, false, "roles", () -> "ran")).isEqualTo("ran");
		assertThat(Files.readString(notADirectory)).isEqualTo("mine");

		Path home = dir.resolve("home");
		locks(home, 300).exclusive(API, false, "roles", () -> null);
		Path lock;
		try (var files = Files.list(home.resolve("locks"))) {
			lock = files.findFirst().orElseThrow();
		}
		Files.delete(lock);
		Path precious = Files.writeString(dir.resolve("precious"), "keep");
		Files.setPosixFilePermissions(precious, PosixFilePermissions.fromString("rw-r--r--"));
		Files.createSymbolicLink(lock, precious);
		assertThat(locks(home, 300).exclusive(API, false, "roles", () -> "ran")).isEqualTo("ran");
		assertThat(Files.readString(precious)).isEqualTo("keep");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(precious))).isEqualTo("rw-r--r--");
	}

}
