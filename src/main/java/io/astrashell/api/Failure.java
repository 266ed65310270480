package io.astrashell.api;

import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.astrashell.api.ApiException.Unreachable.Kind;

/**
 * Why a request got no answer, in plain words (no Java class names): refused, unknown host, timeout,
 * a certificate not trusted, a proxy that refused.
 */
record Failure(Kind kind, String what) {

	static Failure describe(Throwable cause, Throwable whole, Proxies.Route route, HttpSettings settings) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable t = whole; t != null && !chain.contains(t); t = t.getCause()) {
			chain.add(t);
		}
		if (!chain.contains(cause)) {
			chain.add(cause);
		}
		String proxy = route.isProxied() ? "the proxy " + route : null;
		for (Throwable t : chain) {
			if (t instanceof CertificateExpiredException) {
				return tls("it has expired" + after(t.getMessage(), "NotAfter: "));
			}
			if (t instanceof CertificateNotYetValidException) {
				return tls("it is not valid yet" + after(t.getMessage(), "NotBefore: "));
			}
		}
		for (Throwable t : chain) {
			String m = message(t);
			if (m.contains("No subject alternative") || m.contains("No name matching")) {
				return tls("it is made out to another host name");
			}
			if (t instanceof CertPathBuilderException || m.contains("unable to find valid certification path")
					|| m.contains("PKIX path building failed")) {
				return tls("no authority this Java trusts vouches for it (a self-signed certificate, or a proxy of "
						+ "your company that inspects TLS?)");
			}
		}
		for (Throwable t : chain) {
			String m = message(t);
			if (m.startsWith("Unable to tunnel through proxy")) {
				String answer = between(m, '"');
				String auth = "";
				if (answer.contains(" 407")) {
					auth = route.hasCredentials() ? ": " + refused(route)
							: ": it asks for a user and password; give them in " + route.variable()
									+ " (user:password@ before its host)";
				}
				return new Failure(answer.contains(" 407") ? Kind.PROXY_AUTH : Kind.PROXY, (proxy == null ? "the proxy"
						: proxy) + " did not connect to the server: it answered " + (answer.isEmpty() ? m : answer) + auth);
			}
			if (m.startsWith("no direct connection while a proxy is set")) {
				return new Failure(Kind.PROXY, (proxy == null ? "the proxy" : proxy) + " failed, and no direct "
						+ "connection is made while a proxy is set");
			}
			if (t instanceof HttpRetryException && proxy != null) { // a 407 to a request with a body
				return new Failure(Kind.PROXY_AUTH, proxy + " answered 407 Proxy Authentication Required: "
						+ (route.hasCredentials() ? refused(route) : "it asks for a user and password; give them in "
								+ route.variable() + " (user:password@ before its host)"));
			}
		}
		for (Throwable t : chain) {
			String m = message(t);
			if (t instanceof SSLException) {
				if (m.contains("Unsupported or unrecognized SSL message")) {
					return new Failure(Kind.TLS, "the server does not speak TLS at this address (an http:// URL given "
							+ "as https://?)");
				}
				return new Failure(Kind.TLS, "the TLS connection failed" + (m.isEmpty() ? "" : ": " + m));
			}
			if (t instanceof ConnectException) {
				return proxy != null ? new Failure(Kind.PROXY, "connection refused by " + proxy)
						: new Failure(Kind.REFUSED, "connection refused");
			}
			if (t instanceof UnknownHostException) {
				return proxy != null ? new Failure(Kind.PROXY, "unknown host " + m + " of " + proxy)
						: new Failure(Kind.UNKNOWN_HOST, "unknown host " + m);
			}
			if (t instanceof SocketTimeoutException) {
				return m.toLowerCase(Locale.ROOT).contains("connect")
						? new Failure(Kind.TIMEOUT, "no connection within the timeout ("
								+ ApiException.duration(settings.connectTimeout()) + ", astra.http.connect-timeout)"
								+ (proxy == null ? "" : " to " + proxy))
						: new Failure(Kind.TIMEOUT, "no answer within the timeout ("
								+ ApiException.duration(settings.readTimeout()) + ", astra.http.read-timeout)");
			}
		}
		String m = message(cause);
		String lower = m.toLowerCase(Locale.ROOT);
		if (lower.contains("connection reset")) {
			return new Failure(Kind.OTHER, "the connection was reset");
		}
		if (lower.contains("unexpected end of file") || lower.contains("end of stream")) {
			return new Failure(Kind.OTHER, "the server closed the connection without a complete answer");
		}
		if (lower.contains("socket closed") || lower.contains("aborted")) {
			return new Failure(Kind.OTHER, "the connection was closed");
		}
		return new Failure(Kind.OTHER, "the connection failed" + (m.isEmpty() ? "" : ": " + m));
	}

	/** What a proxy that answered 407 to the credentials given did, and that they are not sent again. */
	static String refused(Proxies.Route route) {
		return "it refused the user and password given in " + route.variable() + " (they were sent once, and are "
				+ "not sent again by this shell: a proxy may lock the account after a few failures)";
	}

	/** Why a request through a proxy that refused the credentials before is not sent. */
	static String refusedBefore(Proxies.Route route) {
		return "the proxy " + route + " refused the user and password given in " + route.variable() + " earlier in "
				+ "this session; they are not sent again: a proxy may lock the account after a few failures";
	}

	private static Failure tls(String why) {
		return new Failure(Kind.TLS, "the server's certificate is not trusted: " + why);
	}

	private static String message(Throwable t) {
		return t == null || t.getMessage() == null ? "" : t.getMessage().strip();
	}

	/** {@code " (NotAfter: Tue Jan 01 ...)"}: the text after a label, to the end or a comma. */
	private static String after(String message, String label) {
		if (message == null || !message.contains(label)) {
			return "";
		}
		String rest = message.substring(message.indexOf(label) + label.length());
		int end = rest.indexOf(',');
		return " (" + (end < 0 ? rest : rest.substring(0, end)).strip() + ")";
	}

	/** The text between the first two {@code quote} characters, or "". */
	private static String between(String s, char quote) {
		int a = s.indexOf(quote);
		int b = a < 0 ? -1 : s.indexOf(quote, a + 1);
		return b < 0 ? "" : s.substring(a + 1, b);
	}

}
