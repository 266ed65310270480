package io.astrashell.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident session's protocol: frames of one type byte, a 4-byte big-endian length and that many
 * bytes, over a Unix domain socket. Reads and writes go to the channel itself (not through
 * {@code Channels.newInputStream}, whose reads hold the lock its writes need), so one thread may read
 * while others write. Writers are serialized here, each frame written whole.
 *
 * <p>Client to session: {@link #CALL} (then {@link #STDIN}/{@link #STDIN_END} when asked,
 * {@link #CANCEL} at Ctrl-C, {@link #SECRET} when asked, {@link #STDOUT_ACK} after each stdout chunk),
 * {@link #STATUS}, {@link #STOP}. Session to client: {@link #ACCEPTED} or {@link #STALE}, then
 * {@link #STDOUT}, {@link #STDERR}, {@link #NEED_STDIN}, {@link #ASK_SECRET}, and {@link #EXIT} last.
 */
public final class Frames implements AutoCloseable {

	/** The protocol's version: a client and a session of different versions are of different builds anyway. */
	public static final int VERSION = 1;

	public static final byte CALL = 'C';

	public static final byte STATUS = 'T';

	public static final byte STOP = 'K';

	public static final byte STDIN = 'I';

	public static final byte STDIN_END = 'E';

	public static final byte CANCEL = 'X';

	public static final byte SECRET = 'P';

	/** After each {@link #STDOUT} chunk: an empty payload when written, else the reason it was not. */
	public static final byte STDOUT_ACK = 'a';

	public static final byte ACCEPTED = 'A';

	public static final byte STALE = 'S';

	public static final byte STDOUT = 'O';

	public static final byte STDERR = 'R';

	public static final byte NEED_STDIN = 'N';

	public static final byte ASK_SECRET = 'Q';

	public static final byte EXIT = 'Z';

	/** No frame is larger: a peer sending one is not this protocol's. */
	static final int MAX_FRAME = 4 << 20;

	/** The largest chunk of output one frame carries. */
	public static final int MAX_CHUNK = 1 << 20;

	/** The most standard input one read asks for: as much as the JVM's buffered standard input reads at once. */
	public static final int MAX_STDIN = 8192;

	private final SocketChannel channel;

	private final ByteBuffer head = ByteBuffer.allocate(5);

	private final Object writing = new Object();

	public Frames(SocketChannel channel) {
		this.channel = channel;
	}

	public SocketChannel channel() {
		return channel;
	}

	/** One frame read whole; null when the peer closed the connection between frames. */
	public Frame read() throws IOException {
		head.clear();
		if (!fill(head, true)) {
			return null;
		}
		head.flip();
		byte type = head.get();
		int length = head.getInt();
		if (length < 0 || length > MAX_FRAME) {
			throw new IOException("not a frame of astra shell's resident session (length " + length + ")");
		}
		ByteBuffer body = ByteBuffer.allocate(length);
		fill(body, false);
		return new Frame(type, body.array());
	}

	/** Reads until {@code buffer} is full; false at a clean end before its first byte (when allowed). */
	private boolean fill(ByteBuffer buffer, boolean endAllowed) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				if (endAllowed && buffer.position() == 0) {
					return false;
				}
				throw new EOFException("the connection ended within a frame");
			}
		}
		return true;
	}

	public void send(byte type, byte[] payload) throws IOException {
		send(type, payload, 0, payload.length);
	}

	public void send(byte type, byte[] payload, int offset, int length) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(5).put(type).putInt(length).flip();
		ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
		synchronized (writing) {
			while (header.hasRemaining() || body.hasRemaining()) {
				channel.write(new ByteBuffer[] { header, body });
			}
		}
	}

	public void send(byte type) throws IOException {
		send(type, new byte[0]);
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	/** A frame: its type and payload. */
	public record Frame(byte type, byte[] payload) {

		public Fields fields() {
			return new Fields(payload);
		}

	}

	/** Builds a payload: numbers and UTF-8 strings, each string preceded by its length. */
	public static final class Payload {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

		public Payload number(int value) {
			bytes.write(value >>> 24);
			bytes.write(value >>> 16);
			bytes.write(value >>> 8);
			bytes.write(value);
			return this;
		}

		public Payload text(String value) {
			byte[] b = value.getBytes(StandardCharsets.UTF_8);
			number(b.length);
			bytes.write(b, 0, b.length);
			return this;
		}

		public Payload texts(List<String> values) {
			number(values.size());
			values.forEach(this::text);
			return this;
		}

		public byte[] bytes() {
			return bytes.toByteArray();
		}

	}

	/** Reads a payload built by {@link Payload}. */
	public static final class Fields {

		private final ByteBuffer buffer;

		public Fields(byte[] payload) {
			this.buffer = ByteBuffer.wrap(payload);
		}

		public int number() throws IOException {
			if (buffer.remaining() < 4) {
				throw new IOException("a frame ended before its number");
			}
			return buffer.getInt();
		}

		public String text() throws IOException {
			int length = number();
			if (length < 0 || length > buffer.remaining()) {
				throw new IOException("a frame ended before its text");
			}
			String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
			buffer.position(buffer.position() + length);
			return s;
		}

		public List<String> texts() throws IOException {
			int n = number();
			if (n < 0 || n > buffer.remaining() / 4) {
				throw new IOException("a frame ended before its texts");
			}
			List<String> values = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				values.add(text());
			}
			return values;
		}

	}

}
