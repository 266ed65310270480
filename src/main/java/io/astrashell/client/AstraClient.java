package io.astrashell.client;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jdk.net.ExtendedSocketOptions;
import sun.misc.Signal;

/**
 * The client of the resident session: a plain Java main, a few classes of its own and the JDK's,
 * that the launcher starts for a one-shot command when the user's session socket is there. It sends
 * the call (arguments, environment, working folder, which standard streams are terminals, the width)
 * and then does what the session asks: writes the command's standard output and error, reads
 * standard input when the command reads it, reads a secret with echo off, forwards Ctrl-C, and exits
 * with the command's code.
 *
 * <p>When no session answers (no socket, a refused connection, a session that is not this user's, or
 * one of another build, launcher, Java or JVM options, which then exits), it exits {@link #COLD}
 * having printed nothing, and the launcher starts the shell cold. Once a session has accepted the
 * call, the call is never run again: if the session dies mid-call, one line says so, exit 100.
 */
public final class AstraClient {

	/** The exit code that tells the launcher to start the shell cold: nothing was run, nothing printed. */
	public static final int COLD = 254;

	private final Frames frames;

	private final OutputStream stdout = new FileOutputStream(FileDescriptor.out);

	private final OutputStream stderr = new FileOutputStream(FileDescriptor.err);

	/** Why standard output failed (then every later chunk is refused with it too), or null. */
	private String stdoutFailure = Boolean.getBoolean("astra.stdout.closed") ? "standard output is closed" : null;

	private AstraClient(Frames frames) {
		this.frames = frames;
	}

	public static void main(String[] args) {
		int code = run(args, System.getenv());
		System.exit(code);
	}

	/** Serves {@code args} through the session, or returns {@link #COLD} having done nothing. */
	static int run(String[] args, Map<String, String> env) {
		if ("off".equals(env.get("ASTRA_DAEMON"))) {
			return COLD;
		}
		Path folder = Rendezvous.folder(env);
		if (folder == null) {
			return COLD;
		}
		SocketChannel channel;
		try {
			channel = SocketChannel.open(UnixDomainSocketAddress.of(folder.resolve(Rendezvous.SOCKET)));
		}
		catch (IOException | RuntimeException e) {
			return COLD;
		}
		Frames frames = new Frames(channel);
		try {
			UserPrincipal owner = Rendezvous.ownerIfPrivate(folder);
			if (owner == null || !owner.equals(channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user())) {
				frames.close(); // not a session of this user's folder: never send it anything
				return COLD;
			}
			frames.send(Frames.CALL, call(args, env));
			Frames.Frame first = frames.read();
			if (first == null || first.type() != Frames.ACCEPTED) {
				frames.close(); // a stale session (it exits), or one ending: nothing ran
				return COLD;
			}
		}
		catch (IOException | RuntimeException e) {
			closeQuietly(frames);
			return COLD;
		}
		return new AstraClient(frames).serve();
	}

	private static byte[] call(String[] args, Map<String, String> env) {
		Frames.Payload p = new Frames.Payload().number(Frames.VERSION);
		BuildStamp.of(env).write(p);
		p.texts(List.of(args));
		List<String> variables = new ArrayList<>(env.size() * 2);
		env.forEach((name, value) -> {
			variables.add(name);
			variables.add(value);
		});
		p.texts(variables);
		p.text(System.getProperty("user.dir"));
		int flags = (flag("astra.stdin.tty") ? 1 : 0) | (flag("astra.stdout.tty") ? 2 : 0)
				| (flag("astra.stderr.tty") ? 4 : 0) | (System.console() != null ? 8 : 0)
				| (Boolean.getBoolean("astra.stdout.closed") ? 16 : 0);
		p.number(flags);
		return p.bytes();
	}

	private static boolean flag(String property) {
		return Boolean.getBoolean(property);
	}

	/** The call, accepted: frames until its exit code. */
	private int serve() {
		installCtrlC();
		try {
			Frames.Frame f;
			while ((f = frames.read()) != null) {
				switch (f.type()) {
					case Frames.STDOUT -> writeStdout(f.payload());
					case Frames.STDERR -> write(stderr, f.payload());
					case Frames.NEED_STDIN -> readStdin(f.fields().number());
					case Frames.ASK_SECRET -> readSecret(f.fields().text());
					case Frames.EXIT -> {
						return f.fields().number();
					}
					default -> throw new IOException("unexpected frame '" + (char) f.type() + "'");
				}
			}
			return sessionLost("it closed the connection");
		}
		catch (IOException e) {
			return sessionLost(e.getMessage());
		}
	}

	private int sessionLost(String why) {
		String line = "astra: the resident session ended during the command (" + why
				+ "): it may have run, and is not run again. Run it again if it should run; ASTRA_DAEMON=off runs "
				+ "it without the session.\n";
		write(stderr, line.getBytes(StandardCharsets.UTF_8));
		return 100;
	}

	/** A chunk of the command's standard output: written, and acknowledged with the reason if it failed. */
	private void writeStdout(byte[] chunk) throws IOException {
		if (stdoutFailure == null) {
			try {
				stdout.write(chunk);
			}
			catch (IOException e) {
				stdoutFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
			}
		}
		frames.send(Frames.STDOUT_ACK, stdoutFailure == null ? new byte[0]
				: stdoutFailure.getBytes(StandardCharsets.UTF_8));
	}

	private static void write(OutputStream out, byte[] bytes) {
		try {
			out.write(bytes);
		}
		catch (IOException e) {
			// standard error lost, as a cold start loses it
		}
	}

	/**
	 * One read of standard input, of at most {@code max} bytes, as the command asked: on a thread of
	 * its own, so that the command's end (Ctrl-C, or an end that did not wait for the input) is not
	 * held up by a terminal waiting for a line.
	 */
	private void readStdin(int max) {
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[Math.max(1, Math.min(max, Frames.MAX_STDIN))];
			try {
				InputStream in = new FileInputStream(FileDescriptor.in);
				int n = in.read(buffer);
				if (n < 0) {
					frames.send(Frames.STDIN_END);
				}
				else {
					frames.send(Frames.STDIN, buffer, 0, n);
				}
			}
			catch (IOException e) {
				sendQuietly(Frames.STDIN_END, new byte[0]);
			}
		}, "astra-stdin");
		reader.setDaemon(true);
		reader.start();
	}

	/** A secret read on the terminal with echo off; an absent answer at the end of input. */
	private void readSecret(String prompt) {
		Thread reader = new Thread(() -> {
			Console console = System.console();
			char[] secret = console == null ? null : console.readPassword("%s", prompt);
			Frames.Payload answer = new Frames.Payload().number(secret == null ? 0 : 1);
			if (secret != null) {
				answer.text(new String(secret));
			}
			sendQuietly(Frames.SECRET, answer.bytes());
		}, "astra-secret");
		reader.setDaemon(true);
		reader.start();
	}

	/** Ctrl-C is sent to the session, which stops the command as a cold start stops it. */
	private void installCtrlC() {
		try {
			Signal.handle(new Signal("INT"), signal -> sendQuietly(Frames.CANCEL, new byte[0]));
		}
		catch (IllegalArgumentException | UnsupportedOperationException e) {
			// Ctrl-C stays the JVM's (SIGINT ignored, as in a background job): it ends the client, which
			// the session takes as Ctrl-C
		}
	}

	private void sendQuietly(byte type, byte[] payload) {
		try {
			frames.send(type, payload);
		}
		catch (IOException e) {
			// the call has ended
		}
	}

	private static void closeQuietly(Frames frames) {
		try {
			frames.close();
		}
		catch (IOException e) {
			// nothing was sent
		}
	}

}
