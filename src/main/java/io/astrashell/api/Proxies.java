package io.astrashell.api;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP proxy of each request, from the environment variables curl and most command-line tools
 * read: {@code https_proxy}/{@code HTTPS_PROXY} for https URLs, {@code http_proxy}/{@code HTTP_PROXY}
 * for http ones (the lower-case name first), and {@code no_proxy}/{@code NO_PROXY} for the hosts to
 * reach directly (see {@link NoProxy}). A proxy is {@code http://[user:password@]host[:port]} (the
 * scheme may be left out; the port defaults to 80); https URLs go through it with {@code CONNECT}.
 *
 * <p>Loopback hosts ({@code localhost}, 127.0.0.0/8, {@code ::1}) are always reached directly: a
 * proxy elsewhere cannot reach this machine's loopback, and the local sandbox lives there. Without any
 * of these variables the JDK's own proxy settings apply ({@code -Dhttps.proxyHost=...} in
 * {@code ASTRA_JAVA_OPTS}).
 */
public final class Proxies {

	/** No proxy variable at all. */
	public static final Proxies NONE = new Proxies(null, null, null, null, NoProxy.NONE, null);

	private final String httpsValue;

	private final String httpsVariable;

	private final String httpValue;

	private final String httpVariable;

	private final NoProxy noProxy;

	private final String noProxyVariable;

	/**
	 * The routes (proxy and credentials) whose proxy refused the credentials given in this run (a
	 * one-shot command, the prompt's session, a call a resident session serves): they are never sent
	 * to it again in the run, as a corporate proxy locks an account after a few failures.
	 */
	private final Set<Route> refused = ConcurrentHashMap.newKeySet();

	private Proxies(String httpsValue, String httpsVariable, String httpValue, String httpVariable, NoProxy noProxy,
			String noProxyVariable) {
		this.httpsValue = httpsValue;
		this.httpsVariable = httpsVariable;
		this.httpValue = httpValue;
		this.httpVariable = httpVariable;
		this.noProxy = noProxy;
		this.noProxyVariable = noProxyVariable;
	}

	/**
	 * The JDK refuses Basic proxy authentication for {@code CONNECT} tunnels unless told otherwise,
	 * reading this once, when its HTTP client is first used. It is cleared (unless given) when a proxy
	 * variable holds credentials: that is the user asking for them to be sent to that proxy, as curl
	 * does; they go to that proxy alone.
	 */
	static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

	/**
	 * The proxy settings of these environment variables (nothing is checked until a route is asked
	 * for). Read before the shell's first request.
	 */
	public static Proxies fromEnvironment(Map<String, String> env) {
		String https = first(env, "https_proxy", "HTTPS_PROXY");
		String http = first(env, "http_proxy", "HTTP_PROXY");
		String no = first(env, "no_proxy", "NO_PROXY");
		if (https == null && http == null) {
			return NONE;
		}
		if ((https != null && env.get(https).contains("@")) || (http != null && env.get(http).contains("@"))) {
			if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
				System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
			}
		}
		return new Proxies(https == null ? null : env.get(https), https, http == null ? null : env.get(http), http,
				no == null ? NoProxy.NONE : NoProxy.parse(env.get(no)), no);
	}

	private static String first(Map<String, String> env, String... names) {
		for (String name : names) {
			String value = env.get(name);
			if (value != null && !value.isBlank()) {
				return name;
			}
		}
		return null;
	}

	/**
	 * How requests to {@code target} go.
	 * @throws Invalid when the variable that applies does not hold a usable proxy URL
	 */
	/** See {@link #refused}. */
	Set<Route> refused() {
		return refused;
	}

	public Route route(URI target) {
		String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
		String value = scheme.equals("https") ? httpsValue : httpValue;
		String variable = scheme.equals("https") ? httpsVariable : httpVariable;
		String host = target.getHost();
		if (host != null && Urls.isLoopback(host)) {
			return Route.direct("direct: a loopback address is never proxied");
		}
		if (value == null) {
			return Route.DEFAULT;
		}
		int port = target.getPort() > 0 ? target.getPort() : scheme.equals("https") ? 443 : 80;
		if (host != null && noProxy.matches(host, port)) {
			return Route.direct("direct: " + host + " is in " + noProxyVariable);
		}
		return proxy(variable, value.trim());
	}

	private static Route proxy(String variable, String value) {
		String text = value.contains("://") ? value : "http://" + value;
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException e) {
			throw invalid(variable, value, "it is not a URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http")) {
			throw invalid(variable, value, scheme.equals("https")
					? "a proxy spoken to over TLS (https://) is not supported: give its http:// address"
					: "'" + scheme + "://' proxies are not supported: give an http:// proxy");
		}
		if (uri.getHost() == null) {
			throw invalid(variable, value, "it names no valid host");
		}
		int port = uri.getPort() < 0 ? 80 : uri.getPort();
		if (port < 1 || port > 65535) {
			throw invalid(variable, value, "the port " + port + " is out of range (1 to 65535)");
		}
		String user = null;
		String password = null;
		String info = uri.getRawUserInfo();
		if (info != null) {
			int colon = info.indexOf(':');
			user = decode(colon < 0 ? info : info.substring(0, colon));
			password = colon < 0 ? "" : decode(info.substring(colon + 1));
		}
		String shown = "http://" + (user == null ? "" : user + (password.isEmpty() ? "" : ":" + Urls.MASK) + "@")
				+ uri.getRawAuthority().substring(info == null ? 0 : info.length() + 1);
		Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
		return new Route(proxy, uri.getHost(), port, user, password, variable, shown + " (" + variable + ")");
	}

	private static String decode(String s) {
		try {
			return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return s;
		}
	}

	private static Invalid invalid(String variable, String value, String why) {
		return new Invalid("The proxy in " + variable + " cannot be used (" + why + "): " + Urls.masked(value)
				+ ". Give one such as http://proxy.example.com:3128 (a user and password go before the host: "
				+ "user:password@proxy.example.com),"
				+ " or unset " + variable + ".");
	}

	/** A proxy variable that does not hold a usable proxy URL. */
	public static final class Invalid extends IllegalArgumentException {

		Invalid(String message) {
			super(message);
		}

	}

	/**
	 * How requests go: {@link #proxy()} null for the JDK's default (its system properties), else
	 * {@link Proxy#NO_PROXY} or an HTTP proxy, with its credentials when the URL gave some.
	 * {@link #description()} is for {@code -v} and errors, its password masked.
	 */
	public record Route(Proxy proxy, String host, int port, String user, String password, String variable,
			String description) {

		static final Route DEFAULT = new Route(null, null, 0, null, null, null, "no proxy variable set");

		static Route direct(String why) {
			return new Route(Proxy.NO_PROXY, null, 0, null, null, null, why);
		}

		/** Whether requests go through an HTTP proxy of the environment. */
		public boolean isProxied() {
			return variable != null;
		}

		public boolean hasCredentials() {
			return user != null;
		}

		@Override
		public String toString() {
			return description;
		}

	}

}
