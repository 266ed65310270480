package io.astrashell.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.astrashell.client.Rendezvous;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The resident session's socket: an owner-only folder, a socket only its owner may open, the peer's
 * uid checked (another user's connection is closed without a byte), a status for its own user, a
 * folder that is not owner-only refused.
 */
class ResidentSessionTest {

	@TempDir
	Path dir;

	@Test
	void servesItsOwnUserAndClosesAnotherUsersConnectionWithoutAWord() throws Exception {
		Map<String, String> env = Map.of("HOME", dir.toString());
		ResidentSession session = new ResidentSession(env, Duration.ZERO, io -> 0);
		CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> {
			try {
				return session.serve();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		DaemonControl control = new DaemonControl(env);
		Path folder = Rendezvous.folder(env);
		Path socket = folder.resolve(Rendezvous.SOCKET);
		for (int i = 0; i < 200 && control.status().isEmpty(); i++) {
			Thread.sleep(25);
		}
		assertThat(control.status()).as("the owner's status").isPresent();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

		assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
				"needs root and setpriv to connect as another user");
		// open the folder and the socket to everyone, so that only the peer's uid stands in the way
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(dir.resolve(".cache"), PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(dir.resolve(".cache/astra-shell"), PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
		Path peer = dir.resolve("Peer.java");
		Files.writeString(peer, """
				import java.net.UnixDomainSocketAddress;
				import java.nio.ByteBuffer;
				import java.nio.channels.SocketChannel;
				public class Peer {
				    public static void main(String[] a) throws Exception {
				        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(a[0]))) {
				            ByteBuffer b = ByteBuffer.allocate(65536);
				            int total = 0, n;
				            try {
				                // the session may close on a stranger before it writes: a broken pipe is no answer too
				                c.write(ByteBuffer.wrap(new byte[] { 'T', 0, 0, 0, 0 }));
				                while ((n = c.read(b)) > 0) { total += n; }
				            } catch (java.io.IOException e) {
				                // closed on it: a reset counts as no answer
				            }
				            System.out.println("read " + total);
				        }
				    }
				}
				""");
		Files.setPosixFilePermissions(peer, PosixFilePermissions.fromString("rw-r--r--"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		assertThat(run(List.of(java, peer.toString(), socket.toString()))).as("the owner").matches("read [1-9][0-9]*\\n");
		assertThat(run(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java,
				peer.toString(), socket.toString()))).as("another user").isEqualTo("read 0\n");
		assertThat(control.status()).as("a client does not trust a socket in a folder others may enter").isEmpty();
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
		assertThat(control.status().orElseThrow().served()).isZero();

		session.stop("the test");
		assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
		assertThat(socket).doesNotExist();
	}

	@Test
	void refusesAFolderThatIsNotItsOwnersAlone() throws Exception {
		Map<String, String> env = Map.of("HOME", dir.toString());
		Path folder = Rendezvous.folder(env);
		Files.createDirectories(folder);
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThat(new ResidentSession(env, Duration.ZERO, io -> 0).serve()).isEqualTo(9);
		assertThat(folder.resolve(Rendezvous.SOCKET)).doesNotExist();
	}

	private static String run(List<String> command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return out;
	}

}
