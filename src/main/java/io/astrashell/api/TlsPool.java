package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS connections of this process, one pool per proxy route and TLS settings. The JDK keeps an
 * HTTPS connection alive for reuse (its keep-alive cache) only for a request made with the same
 * socket factory, to the same host, port and proxy: so every client with the same route and TLS
 * settings gets the same {@link Factory}, and the calls that a resident session serves one after
 * another reuse one connection instead of each paying a handshake. A call with another proxy, other
 * proxy credentials or another TLS socket factory gets a pool of its own, and never a connection of
 * another's.
 *
 * <p>What a pool holds between calls is the JDK's: idle connections, each closed after the server's
 * keep-alive timeout (5 seconds when it names none), on an error, or when a request is aborted. No
 * token is kept: a token goes with each request. The proxy password that tells two routes apart is
 * kept as a digest.
 */
final class TlsPool {

	/** Pools kept at most; the oldest is forgotten (its idle connections then expire on their own). */
	private static final int MAX_POOLS = 16;

	private static final Map<Key, Factory> POOLS = new LinkedHashMap<>(4, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, Factory> eldest) {
			return size() > MAX_POOLS;
		}

	};

	private TlsPool() {
	}

	/** The factory of {@code route} over {@code tls}: the same object for the same route and TLS. */
	static Factory factory(Proxies.Route route, SSLSocketFactory tls) {
		Key key = new Key(route.proxy(), route.isProxied(), route.user(), digest(route.password()), tls);
		synchronized (POOLS) {
			return POOLS.computeIfAbsent(key, k -> new Factory(tls, route.isProxied()));
		}
	}

	private static String digest(String password) {
		if (password == null) {
			return null;
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * What picks a pool: the proxy and its credentials, and the TLS socket factory (by identity: the
	 * JDK's factories do not override equals).
	 */
	private record Key(Proxy proxy, boolean proxied, String user, String passwordDigest, SSLSocketFactory tls) {
	}

	/**
	 * The TLS sockets of a pool, each noted on the request that opens it, so that an aborted request
	 * has its socket closed even while it is still connecting. When a proxy is set, the JDK's
	 * last-resort direct connection (after a failed tunnel) is refused: the proxy is the only way out.
	 */
	static final class Factory extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		private final boolean proxied;

		/** Whether handshakes offer x25519 alone; false once a server of this pool refused that. */
		private volatile boolean x25519Only = KeyExchange.X25519_FIRST;

		Factory(SSLSocketFactory delegate, boolean proxied) {
			this.delegate = delegate;
			this.proxied = proxied;
		}

		/**
		 * Whether {@code failure} is a server refusing a handshake that offered x25519 alone; if so, this
		 * pool's later handshakes offer the JDK's default groups, and the caller may send again.
		 */
		boolean x25519Refused(Throwable failure) {
			if (x25519Only && KeyExchange.refusedByServer(failure)) {
				x25519Only = false;
				return true;
			}
			return false;
		}

		private <S extends Socket> S track(S socket) {
			if (x25519Only && socket instanceof SSLSocket ssl) {
				KeyExchange.offerX25519Alone(ssl);
			}
			Transport.InFlight inFlight = Transport.InFlight.current();
			if (inFlight != null) {
				inFlight.track(socket);
			}
			return socket;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return delegate.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return track(delegate.createSocket());
		}

		@Override
		public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
			track(s);
			return track(delegate.createSocket(s, host, port, autoClose));
		}

		@Override
		public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
			track(s);
			return track(delegate.createSocket(s, consumed, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			direct();
			return track(delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			direct();
			return track(delegate.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			direct();
			return track(delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			direct();
			return track(delegate.createSocket(address, port, localAddress, localPort));
		}

		private void direct() throws IOException {
			if (proxied) {
				throw new IOException("no direct connection while a proxy is set");
			}
		}

	}

}
