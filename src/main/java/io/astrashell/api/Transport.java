package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * The connections of one client: Spring's {@link SimpleClientHttpRequestFactory} (the JDK's
 * {@link HttpURLConnection}), set up here with the proxy of the environment and its credentials, no
 * redirect followed by the JDK, and every request run by an {@link InFlight} thread that the caller
 * waits for. The caller stops waiting at once when it is interrupted or when the deadline passes; the
 * request's connection is then closed from another thread.
 */
final class Transport extends SimpleClientHttpRequestFactory {

	/**
	 * The proxies (with their credentials) that refused the credentials given in this run. They are
	 * never sent to them again: a corporate proxy locks an account after a few failures.
	 */
	private final Set<Proxies.Route> refused;

	private final Proxies.Route route;

	private final Authenticator authenticator;

	private final String proxyAuthorization;

	private final SSLSocketFactory tls;

	/** This client's TLS connections: those of its route and TLS settings, in this process. */
	private volatile TlsPool.Factory tracking;

	Transport(HttpSettings settings, Proxies.Route route, SSLSocketFactory tls, Set<Proxies.Route> refused) {
		this.route = route;
		this.refused = refused;
		this.tls = tls;
		setConnectTimeout(settings.connectTimeout());
		setReadTimeout(settings.readTimeout());
		if (route.hasCredentials()) {
			this.authenticator = new ProxyCredentials(route, refused);
			this.proxyAuthorization = "Basic " + Base64.getEncoder()
				.encodeToString((route.user() + ":" + route.password()).getBytes(StandardCharsets.UTF_8));
		}
		else {
			this.authenticator = null;
			this.proxyAuthorization = null;
		}
	}

	Proxies.Route route() {
		return route;
	}

	/** Whether the proxy refused the credentials of this route earlier in this process. */
	boolean credentialsRefused() {
		return route.hasCredentials() && refused.contains(route);
	}

	/** Notes that the proxy refused the credentials of this route: they are not sent again. */
	void refuseCredentials() {
		if (route.hasCredentials()) {
			refused.add(route);
		}
	}

	@Override
	protected HttpURLConnection openConnection(URL url, Proxy ignored) throws IOException {
		InFlight inFlight = InFlight.current();
		if (inFlight != null) {
			inFlight.checkNotAborted();
		}
		return (HttpURLConnection) (route.proxy() == null ? url.openConnection() : url.openConnection(route.proxy()));
	}

	@Override
	protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
		super.prepareConnection(connection, httpMethod);
		connection.setInstanceFollowRedirects(false); // the client decides, and reports a redirect elsewhere
		InFlight current = InFlight.current();
		// Spring opens the output of a DELETE too, which the JDK then sends as an empty chunked body with a
		// form content type: a server reading by Content-Length takes those bytes for the next request on
		// the connection. Only a request that has a body opens it.
		connection.setDoOutput(current != null ? current.withBody
				: "POST".equals(httpMethod) || "PUT".equals(httpMethod) || "PATCH".equals(httpMethod));
		if (connection instanceof HttpsURLConnection https) {
			if (authenticator != null) {
				// the CONNECT of the tunnel: the JDK asks this for the credentials after each 407
				connection.setAuthenticator(authenticator);
			}
			https.setSSLSocketFactory(tracking(https.getSSLSocketFactory()));
		}
		else if (proxyAuthorization != null) {
			// plain http through the proxy: the credentials go with the request itself, so that a request
			// with a body is not refused once first (the JDK cannot resend a streamed body); no
			// authenticator, so that the JDK does not send them again by itself after a 407
			connection.setRequestProperty("Proxy-Authorization", proxyAuthorization);
		}
		if (current != null) {
			current.connection = connection;
		}
	}

	/**
	 * The socket factory of this client's route and TLS settings, shared by every client of this
	 * process that has the same ones: the JDK reuses a kept-alive TLS connection only for the same
	 * factory, so a resident session's calls reuse each other's connections.
	 */
	private SSLSocketFactory tracking(SSLSocketFactory fallback) {
		TlsPool.Factory t = tracking;
		if (t == null) {
			t = TlsPool.factory(route, tls != null ? tls : fallback);
			tracking = t;
		}
		return t;
	}

	/**
	 * Whether {@code failure} is a server refusing a handshake that offered x25519 alone; if so, this
	 * client's later handshakes offer the JDK's default groups, and the caller may send again.
	 */
	boolean x25519Refused(Throwable failure) {
		TlsPool.Factory t = tracking;
		return t != null && t.x25519Refused(failure);
	}

	/**
	 * The proxy's credentials, for the proxy alone, given once per request. The JDK asks again after
	 * every 407 of a {@code CONNECT} (up to 20 times): asked a second time for one request, the
	 * credentials were refused, and are given no more in this run ({@link #refused}).
	 */
	private static final class ProxyCredentials extends Authenticator {

		private final Proxies.Route route;

		private final Set<Proxies.Route> refused;

		ProxyCredentials(Proxies.Route route, Set<Proxies.Route> refused) {
			this.route = route;
			this.refused = refused;
		}

		@Override
		protected PasswordAuthentication getPasswordAuthentication() {
			if (getRequestorType() != RequestorType.PROXY || !route.host().equalsIgnoreCase(getRequestingHost())
					|| getRequestingPort() != route.port() || refused.contains(route)) {
				return null;
			}
			InFlight inFlight = InFlight.current();
			if (inFlight != null) {
				if (inFlight.proxyCredentialsGiven) {
					refused.add(route);
					return null;
				}
				inFlight.proxyCredentialsGiven = true;
			}
			return new PasswordAuthentication(route.user(), route.password().toCharArray());
		}

	}

	/**
	 * A request on its own thread. The caller waits for it with {@link #join(long)}, which an interrupt
	 * or the deadline ends at once; {@link #abort()} then closes its connection from a third thread
	 * (closing may block while the request thread reads) until the request thread is done.
	 */
	static final class InFlight extends Thread {

		private final Callable<Object> work;

		/** Whether the request sends a body: only then is the connection's output opened. */
		final boolean withBody;

		volatile HttpURLConnection connection;

		/** Whether the proxy's credentials were given for this request's tunnel already. */
		volatile boolean proxyCredentialsGiven;

		private final List<Socket> sockets = new ArrayList<>(2);

		private volatile boolean aborted;

		private Object result;

		private Throwable failure;

		InFlight(Callable<Object> work, boolean withBody) {
			super("astra-http");
			setDaemon(true);
			this.work = work;
			this.withBody = withBody;
		}

		static InFlight current() {
			return Thread.currentThread() instanceof InFlight f ? f : null;
		}

		@Override
		public void run() {
			try {
				result = work.call();
			}
			catch (Throwable t) {
				failure = t;
			}
			finally {
				if (aborted) {
					close();
				}
			}
		}

		/** What the request returned (after {@link #join} saw the thread end). */
		Object result() {
			return result;
		}

		/** What the request threw, or null. */
		Throwable failure() {
			return failure;
		}

		boolean isAborted() {
			return aborted;
		}

		void checkNotAborted() throws IOException {
			if (aborted) {
				throw new InterruptedIOException("the request was aborted");
			}
		}

		void track(Socket socket) {
			synchronized (sockets) {
				sockets.add(socket);
			}
			if (aborted) {
				close();
			}
		}

		/** Stops the request: its connection is closed now and again until the request thread ends. */
		void abort() {
			aborted = true;
			Thread closer = new Thread(() -> {
				do {
					close();
					try {
						join(100);
					}
					catch (InterruptedException e) {
						return;
					}
				}
				while (isAlive());
			}, "astra-http-abort");
			closer.setDaemon(true);
			closer.start();
		}

		private void close() {
			List<Socket> open;
			synchronized (sockets) {
				open = List.copyOf(sockets);
			}
			for (Socket s : open) {
				try {
					s.close();
				}
				catch (IOException | RuntimeException ignored) {
					// closed already
				}
			}
			HttpURLConnection c = connection;
			if (c != null) {
				c.disconnect();
			}
		}

	}

}
