package io.astrashell.api;

import java.lang.reflect.Method;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The key exchange groups a TLS handshake offers. By default the JDK (25) sends key shares for both
 * x25519 and secp256r1, and generating a P-256 key pair cold (interpreted, in a JVM that has just
 * started) costs a one-shot command about 65 ms: so a handshake offers x25519 alone, which every
 * public API endpoint accepts. A server that does not accept it refuses the handshake before any
 * request is sent ({@link #refusedByServer}); the client then offers the JDK's default groups to that
 * server and sends the request again.
 *
 * <p>Choosing the groups of one connection takes {@code SSLParameters.setNamedGroups}, which JDK 20
 * added: on JDK 17 to 19 the defaults stay. A {@code jdk.tls.namedGroups} given to the JVM is left
 * to rule, as are {@code -Dastra.tls.x25519-first=false} and tests' own socket factories.
 */
final class KeyExchange {

	private static final Method SET_NAMED_GROUPS = namedGroupsSetter();

	/** Whether handshakes start with x25519 alone. */
	static final boolean X25519_FIRST = SET_NAMED_GROUPS != null
			&& System.getProperty("jdk.tls.namedGroups") == null
			&& !"false".equals(System.getProperty("astra.tls.x25519-first"));

	private static final String[] X25519 = { "x25519" };

	private KeyExchange() {
	}

	private static Method namedGroupsSetter() {
		try {
			return SSLParameters.class.getMethod("setNamedGroups", String[].class);
		}
		catch (NoSuchMethodException e) {
			return null; // JDK 17 to 19
		}
	}

	/** Makes {@code socket}'s handshake offer x25519 alone (nothing when this JDK cannot). */
	static void offerX25519Alone(SSLSocket socket) {
		try {
			SSLParameters parameters = socket.getSSLParameters();
			SET_NAMED_GROUPS.invoke(parameters, (Object) X25519);
			socket.setSSLParameters(parameters);
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			// the JDK's defaults then
		}
	}

	/**
	 * Whether a handshake failed because the server sent an alert (no group in common, most likely),
	 * rather than because this side refused the server (its certificate, say).
	 */
	static boolean refusedByServer(Throwable failure) {
		return failure instanceof SSLHandshakeException && failure.getMessage() != null
				&& failure.getMessage().contains("Received fatal alert");
	}

}
