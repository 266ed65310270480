package io.astrashell.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

import io.astrashell.client.Frames;
import io.astrashell.shell.ProcessIo;

/**
 * One call a resident session serves: the client's arguments, environment, working folder and
 * terminal flags become the run's {@link ProcessIo}, as a cold start builds its own from the
 * process; its standard output and error go back as frames (each standard output chunk acknowledged,
 * so that a write fails as it fails in a cold start, with the client's reason), its standard input is
 * read from the client when the command reads it, a chunk at a time, as the JVM's buffered standard
 * input reads. The client's Ctrl-C (a cancel frame) reaches the command as SIGINT reaches a cold one;
 * the client's end (killed, or its socket closed) does too, its output then going nowhere.
 */
final class ServedCall {

	/** What the reader thread hands over when the client has gone. */
	private static final byte[] GONE = new byte[0];

	private final Frames frames;

	private final ToIntFunction<ProcessIo> runner;

	private final LinkedBlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();

	private final LinkedBlockingQueue<byte[]> acks = new LinkedBlockingQueue<>();

	private final LinkedBlockingQueue<byte[]> secrets = new LinkedBlockingQueue<>();

	/** Set once the exit code is sent (or the client is gone): nothing more goes to the client. */
	private final AtomicBoolean ended = new AtomicBoolean();

	private final Object cancelLock = new Object();

	/** The run's Ctrl-C handler, once it listens; null before. */
	private Runnable onCancel;

	/** Ctrl-C came before the run listened. */
	private boolean cancelledEarly;

	private volatile Thread worker;

	ServedCall(Frames frames, ToIntFunction<ProcessIo> runner) {
		this.frames = frames;
		this.runner = runner;
	}

	/** Runs the call described by {@code call} (the rest of its frame) on this thread, to its end. */
	void run(Frames.Fields call) throws IOException {
		worker = Thread.currentThread();
		List<String> args = call.texts();
		List<String> pairs = call.texts();
		Map<String, String> env = new HashMap<>();
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			env.put(pairs.get(i), pairs.get(i + 1));
		}
		Path folder = Path.of(call.text());
		int flags = call.number();
		boolean stdoutClosed = (flags & 16) != 0;
		ProcessIo io = new ProcessIo(args, new ClientStdin(), new ClientStdout(stdoutClosed),
				new PrintStream(new ClientStderr(), false, StandardCharsets.UTF_8), Map.copyOf(env), folder,
				(flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, ProcessIo.columns(env.get("COLUMNS")),
				() -> {
					throw new IOException("the prompt is not served by a resident session");
				}, (flags & 8) != 0 ? this::askSecret : null, new ClientInterrupts());
		Thread reader = new Thread(this::readFrames, "astra-call-reader");
		reader.setDaemon(true);
		reader.start();
		int code;
		try {
			code = runner.applyAsInt(io);
		}
		catch (RuntimeException | Error e) { // as a cold start's main would end: its error on standard error
			io.err().println("astra: the resident session failed to run the command: " + e);
			code = 100;
		}
		finally {
			io.err().flush();
		}
		end(code);
	}

	/** The client's frames, until it goes: standard input, acknowledgements, answers, Ctrl-C. */
	private void readFrames() {
		try {
			Frames.Frame f;
			while ((f = frames.read()) != null) {
				switch (f.type()) {
					case Frames.STDIN -> stdin.add(f.payload());
					case Frames.STDIN_END -> stdin.add(GONE);
					case Frames.STDOUT_ACK -> acks.add(f.payload());
					case Frames.SECRET -> secrets.add(f.payload());
					case Frames.CANCEL -> cancel();
					default -> {
						// not of this protocol's version: ignored
					}
				}
			}
		}
		catch (IOException e) {
			// the client has gone
		}
		clientGone();
	}

	/** Ctrl-C from the client: the run's handler, on a thread of its own (it waits for the command). */
	private void cancel() {
		Runnable handler;
		synchronized (cancelLock) {
			handler = onCancel;
			if (handler == null) {
				cancelledEarly = true;
			}
		}
		if (handler != null) {
			Thread t = new Thread(handler, "astra-call-cancel");
			t.setDaemon(true);
			t.start();
		}
		else {
			// before the run listens, Ctrl-C ends a cold start at once, silently: 130
			end(130);
			Thread w = worker;
			if (w != null) {
				w.interrupt();
			}
		}
	}

	/** The client is gone (killed -9, its socket closed): its command is stopped as by Ctrl-C. */
	private void clientGone() {
		boolean running = !ended.get();
		ended.set(true); // its output goes nowhere now
		stdin.add(GONE);
		acks.add(GONE);
		secrets.add(GONE);
		if (running) {
			Runnable handler;
			synchronized (cancelLock) {
				handler = onCancel;
				cancelledEarly = handler == null;
			}
			if (handler != null) {
				handler.run();
			}
			else {
				Thread w = worker;
				if (w != null) {
					w.interrupt();
				}
			}
		}
		closeQuietly();
	}

	/** Sends the exit code, once; the connection is closed after it. */
	void end(int code) {
		if (ended.compareAndSet(false, true)) {
			try {
				frames.send(Frames.EXIT, new Frames.Payload().number(code).bytes());
			}
			catch (IOException e) {
				// the client has gone
			}
			closeQuietly();
		}
	}

	private void closeQuietly() {
		try {
			frames.close();
		}
		catch (IOException e) {
			// closed already
		}
	}

	private String askSecret(String prompt) throws IOException {
		if (ended.get()) {
			return null;
		}
		frames.send(Frames.ASK_SECRET, new Frames.Payload().text(prompt).bytes());
		byte[] answer = take(secrets);
		if (answer == GONE) {
			return null;
		}
		Frames.Fields f = new Frames.Fields(answer);
		return f.number() == 0 ? null : f.text();
	}

	private static byte[] take(LinkedBlockingQueue<byte[]> queue) throws InterruptedIOException {
		try {
			return queue.take();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted");
		}
	}

	/** Standard input, read from the client a chunk at a time when the command reads it. */
	private final class ClientStdin extends InputStream {

		private byte[] chunk = new byte[0];

		private int next;

		private boolean end;

		@Override
		public synchronized int read() throws IOException {
			return fill() ? chunk[next++] & 0xff : -1;
		}

		@Override
		public synchronized int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int n = Math.min(len, chunk.length - next);
			System.arraycopy(chunk, next, b, off, n);
			next += n;
			return n;
		}

		@Override
		public synchronized int available() {
			return chunk.length - next;
		}

		private boolean fill() throws IOException {
			while (next >= chunk.length) {
				if (end || ended.get()) {
					return false;
				}
				frames.send(Frames.NEED_STDIN, new Frames.Payload().number(Frames.MAX_STDIN).bytes());
				byte[] got = take(stdin);
				if (got == GONE) {
					end = true;
					return false;
				}
				chunk = got;
				next = 0;
			}
			return true;
		}

	}

	/** Standard output: each chunk written by the client before the write returns, or failed with its reason. */
	private final class ClientStdout extends OutputStream {

		private final boolean closed;

		private String failure;

		ClientStdout(boolean closed) {
			this.closed = closed;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) throws IOException {
			if (closed) {
				throw new IOException("standard output is closed");
			}
			if (failure != null) {
				throw new IOException(failure);
			}
			for (int at = off; at < off + len;) {
				int n = Math.min(off + len - at, Frames.MAX_CHUNK);
				if (ended.get()) {
					throw new IOException("Broken pipe");
				}
				frames.send(Frames.STDOUT, b, at, n);
				byte[] ack = takeUninterruptibly(acks);
				if (ack == GONE) {
					throw new IOException("Broken pipe");
				}
				if (ack.length > 0) {
					failure = new String(ack, StandardCharsets.UTF_8);
					throw new IOException(failure);
				}
				at += n;
			}
		}

	}

	/** Waits for a write's acknowledgement even when interrupted (a cold write is not interrupted either). */
	private static byte[] takeUninterruptibly(LinkedBlockingQueue<byte[]> queue) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return queue.take();
				}
				catch (InterruptedException e) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Standard error: sent as written; lost when the client has gone, as a cold start loses it. */
	private final class ClientStderr extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			for (int at = off; at < off + len && !ended.get();) {
				int n = Math.min(off + len - at, Frames.MAX_CHUNK);
				try {
					frames.send(Frames.STDERR, b, at, n);
				}
				catch (IOException e) {
					return;
				}
				at += n;
			}
		}

	}

	/** Ctrl-C as the client sends it, and the run's end at once when its command does not come back. */
	private final class ClientInterrupts implements ProcessIo.Interrupts {

		@Override
		public boolean listen(Runnable handler) {
			boolean early;
			synchronized (cancelLock) {
				onCancel = handler;
				early = cancelledEarly;
			}
			if (early) {
				cancel();
			}
			return true;
		}

		@Override
		public void endNow(int code) {
			end(code);
		}

		@Override
		public void halt(int code) {
			end(code);
		}

	}

}
