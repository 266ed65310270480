package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectMapper;

/**
 * The bytes of an answer, read up to a limit. Kept as the chunks they were read in (one chunk when the
 * length was announced), so that a large answer is never copied into a second array, and given to
 * the JSON parser as a stream that lets go of each chunk once read.
 */
final class Body {

	static final Body EMPTY = new Body(new ArrayList<>(), 0, false);

	private final List<byte[]> chunks;

	private final long size;

	private final boolean cut;

	private Body(List<byte[]> chunks, long size, boolean cut) {
		this.chunks = chunks;
		this.size = size;
		this.cut = cut;
	}

	/** Thrown by {@link #read} past the limit; the stream was left unread from there on. */
	static final class LimitExceeded extends IOException {

		LimitExceeded() {
			super("the answer exceeds the size limit");
		}

	}

	/** Thrown by {@link #read} when the stream ended before the announced length: the answer is not whole. */
	static final class Truncated extends IOException {

		final long read;

		final long announced;

		Truncated(long read, long announced) {
			super("the answer ended after " + read + " of its " + announced + " bytes");
			this.read = read;
			this.announced = announced;
		}

	}

	/** Checked between reads: throws to stop reading (the request was aborted). */
	interface Guard {

		void check() throws IOException;

	}

	/**
	 * Reads {@code in} to its end, or up to {@code limit} bytes. {@code announced} is the answer's
	 * Content-Length, or -1.
	 * @param truncate past the limit, keep the first {@code limit} bytes rather than throw
	 * @return the body, or null when it was cut at the limit ({@code truncate}): the stream is then
	 * not at its end
	 * @throws LimitExceeded past the limit, unless {@code truncate}
	 * @throws Truncated when the stream ends before the announced length
	 */
	static Body read(InputStream in, long announced, long limit, boolean truncate, Guard guard) throws IOException {
		List<byte[]> chunks = new ArrayList<>();
		long total = 0;
		int size = announced >= 0 ? (int) Math.min(Math.max(announced, 1), limit + 1) : 8 * 1024;
		byte[] chunk = new byte[size];
		int filled = 0;
		boolean cut = false;
		while (true) {
			guard.check();
			int n = in.read(chunk, filled, chunk.length - filled);
			if (n < 0) {
				break;
			}
			filled += n;
			total += n;
			if (total > limit) {
				if (!truncate) {
					throw new LimitExceeded();
				}
				filled -= (int) (total - limit);
				total = limit;
				cut = true;
				break;
			}
			if (filled == chunk.length) {
				chunks.add(chunk);
				chunk = new byte[(int) Math.min(Math.max(chunk.length, 64 * 1024), 1024 * 1024)];
				filled = 0;
			}
		}
		// an answer must be whole; an error body (truncate) is read for what it holds
		if (!truncate && announced >= 0 && total < announced) {
			throw new Truncated(total, announced);
		}
		if (filled > 0) {
			byte[] last = filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled);
			chunks.add(last);
		}
		return new Body(chunks, total, cut);
	}

	/** Whether the body was cut at the limit (an error body, read for its message only). */
	boolean isCut() {
		return cut;
	}

	long size() {
		return size;
	}

	/** All the bytes in one array (for error bodies, which are small). */
	byte[] bytes() {
		if (chunks.size() == 1) {
			return chunks.get(0);
		}
		byte[] out = new byte[(int) size];
		int at = 0;
		for (byte[] c : chunks) {
			System.arraycopy(c, 0, out, at, c.length);
			at += c.length;
		}
		return out;
	}

	/**
	 * A JSON parser over the bytes (to be made once). A body of several chunks is read as a stream that drops each chunk
	 * once parsed, so that the bytes and the objects made from them are not both held whole.
	 */
	JsonParser parser(ObjectMapper mapper) {
		if (chunks.size() <= 1) {
			byte[] only = chunks.isEmpty() ? new byte[0] : chunks.get(0);
			return mapper.createParser(only);
		}
		return mapper.createParser(stream());
	}

	private InputStream stream() {
		List<byte[]> list = new ArrayList<>(chunks);
		chunks.clear();
		return new InputStream() {

			private int index;

			private int offset;

			@Override
			public int read() {
				byte[] one = new byte[1];
				int n = read(one, 0, 1);
				return n < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				while (index < list.size() && offset == list.get(index).length) {
					list.set(index++, null);
					offset = 0;
				}
				if (index >= list.size()) {
					return -1;
				}
				byte[] c = list.get(index);
				int n = Math.min(len, c.length - offset);
				System.arraycopy(c, offset, b, off, n);
				offset += n;
				return n;
			}

		};
	}

}
