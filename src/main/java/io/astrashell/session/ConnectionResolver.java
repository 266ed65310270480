package io.astrashell.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.astrashell.AstraSettings;
import io.astrashell.api.Trace;
import io.astrashell.api.Urls;
import io.astrashell.cli.Globals;
import io.astrashell.error.AstraError;
import io.astrashell.sandbox.LocalSandbox;

/**
 * Turns the connection options of a command (a {@link Globals}), the process environment and the
 * profiles file into a {@link Connection}: token, environment and base URL, checked but not yet
 * used, with the one-line error of each way it can go wrong. It keeps no state of its own; the
 * session fills in its defaults before asking.
 *
 * <p>Where the token comes from, first match wins: {@code --token}; the section chosen with
 * {@code -conf}; the {@code ASTRA_DB_APPLICATION_TOKEN} environment variable; the {@code [default]}
 * section of the configuration file; with {@code --env local}, the sandbox's admin token (the
 * embedded sandbox's, or the one on disk when an endpoint is given).
 */
public final class ConnectionResolver {

	public static final String TOKEN_VARIABLE = "ASTRA_DB_APPLICATION_TOKEN";

	public static final String ENDPOINT_VARIABLE = "ASTRA_LOCAL_ENDPOINT";

	private final AstraSettings settings;

	private final AstraHome home;

	private final Map<String, String> environment;

	private final Trace trace;

	private final Supplier<LocalSandbox> embedded;

	private final UnaryOperator<Path> files;

	/**
	 * @param embedded the sandbox served inside this process, started when it is asked for (only for
	 * {@code --env local} without an endpoint)
	 * @param files takes a path given on the command line from the run's working folder
	 */
	public ConnectionResolver(AstraSettings settings, AstraHome home, Map<String, String> environment, Trace trace,
			Supplier<LocalSandbox> embedded, UnaryOperator<Path> files) {
		this.settings = settings;
		this.home = home;
		this.environment = environment;
		this.trace = trace;
		this.embedded = embedded;
		this.files = files;
	}

	/** Whether the environment gives a token ({@code ASTRA_DB_APPLICATION_TOKEN}, not blank). */
	public boolean tokenInEnvironment() {
		return notBlank(environment.get(TOKEN_VARIABLE));
	}

	/**
	 * The profiles file of these options: {@code -cf} if given (with {@code ~} expanded), else the one of
	 * the settings.
	 */
	public Path configFile(Globals globals) {
		String given = globals.configFile();
		if (given == null) {
			return settings.configFile();
		}
		if (given.isBlank()) {
			throw AstraError.missingInput("The value of -cf/--config-file is empty: give the profiles file, e.g. "
					+ "-cf ~/.astrarc.");
		}
		try {
			return files.apply(Path.of(AstraHome.expandHome(given, AstraHome.userHome(environment))));
		}
		catch (InvalidPathException e) {
			throw AstraError.invalidValue("Invalid value for -cf/--config-file: " + e.getReason()
					+ ". Give the path of the profiles file.");
		}
	}

	/** Turns options into a connection: token, environment and endpoint, checked but not yet used. */
	public Identity resolve(Globals g) {
		Path file = configFile(g);
		AstraRc rc = null;
		String token;
		String source;
		String section = null;
		if (g.token() != null) {
			token = TokenFormat.clean(g.token());
			source = "--token";
		}
		else if (g.profile() != null) {
			rc = AstraRc.read(file);
			section = g.profile();
			if (!rc.hasSection(section)) {
				throw rc.missingSection(section);
			}
			token = rc.value(section, AstraRc.TOKEN_KEY);
			source = "profile '" + section + "' of " + file;
			if (token == null) {
				throw AstraError.configuration("Profile '" + section + "' of " + file + " has no "
						+ AstraRc.TOKEN_KEY + ". Run 'astra config create " + section + " --token AstraCS:...'.");
			}
		}
		else if (notBlank(environment.get(TOKEN_VARIABLE))) {
			token = TokenFormat.clean(environment.get(TOKEN_VARIABLE));
			source = "the " + TOKEN_VARIABLE + " variable";
		}
		else {
			rc = AstraRc.read(file);
			section = AstraRc.DEFAULT_SECTION;
			token = rc.value(section, AstraRc.TOKEN_KEY);
			source = "profile 'default' of " + file;
		}

		String envName = g.env();
		AstraEnvironment env;
		if (envName != null) {
			env = AstraEnvironment.parse(envName)
				.orElseThrow(() -> AstraError.invalidValue("Invalid value '" + g.env()
						+ "' for --env: use one of PROD, DEV, TEST, LOCAL."));
		}
		else if (section != null && token != null && notBlank(rc.value(section, AstraRc.ENV_KEY))) {
			String written = rc.value(section, AstraRc.ENV_KEY);
			String profile = section;
			env = AstraEnvironment.parse(written)
				.orElseThrow(() -> AstraError.configuration("Profile '" + profile + "' of " + file + " has "
						+ AstraRc.ENV_KEY + "=" + written + ", which is not an environment: set it to one of PROD, DEV, "
						+ "TEST, LOCAL in that file (or give --env)."));
		}
		else {
			env = AstraEnvironment.PROD;
		}

		URI baseUrl;
		if (env == AstraEnvironment.LOCAL) {
			String endpoint = g.localEndpoint();
			String endpointSource = "--local-endpoint";
			if (endpoint == null && notBlank(environment.get(ENDPOINT_VARIABLE))) {
				endpoint = environment.get(ENDPOINT_VARIABLE);
				endpointSource = "the " + ENDPOINT_VARIABLE + " variable";
			}
			String fromProfile = null;
			if (endpoint == null && section != null && token != null) {
				endpoint = fromProfile = rc.value(section, AstraRc.ENDPOINT_KEY);
			}
			if (endpoint != null) {
				try {
					baseUrl = endpointUri(endpoint, endpointSource);
				}
				catch (AstraError e) {
					if (fromProfile == null) {
						throw e;
					}
					throw AstraError.configuration("Profile '" + section + "' of " + file + " has an "
							+ AstraRc.ENDPOINT_KEY + " that is not a URL: set it to one such as http://127.0.0.1:8181 in "
							+ "that file (or give --local-endpoint).");
				}
				if (token == null) {
					token = sandboxTokenOnDisk();
					source = "the sandbox state in " + home.path();
				}
			}
			else {
				LocalSandbox sandbox = embedded.get();
				baseUrl = sandbox.endpoint();
				if (token == null) {
					token = sandbox.adminToken();
					source = "the sandbox's admin token";
				}
			}
		}
		else {
			if (g.localEndpoint() != null) {
				throw AstraError.invalidInput("--local-endpoint goes with --env local (the environment here is "
						+ env + ").");
			}
			baseUrl = URI.create(switch (env) {
				case DEV -> settings.environments().dev();
				case TEST -> settings.environments().test();
				default -> settings.environments().prod();
			});
		}
		if (token == null) {
			throw AstraError.configuration(noTokenHint(file));
		}
		TokenFormat.check(token, source);
		Identity identity = new Identity(env, baseUrl, token, section, source);
		trace.log(() -> "connection: " + identity + " (token from " + identity.tokenSource() + ")");
		return identity;
	}

	/** What to do when there is no token at all. */
	public static String noTokenHint(Path file) {
		return "No token: pass --token AstraCS:..., set " + TOKEN_VARIABLE + ", or run 'astra setup' to save one in "
				+ file + ". To try the shell without an Astra account, add --env local.";
	}

	private String sandboxTokenOnDisk() {
		try {
			String token = LocalSandbox.adminTokenOf(home.path());
			if (token == null) {
				throw AstraError.configuration("No token for the local endpoint: pass --token AstraCS:... (the "
						+ "token 'astra sandbox serve' printed).");
			}
			return token;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** {@link #endpointUri(String, String)} of an endpoint given with {@code --local-endpoint}. */
	public static URI endpointUri(String endpoint) {
		return endpointUri(endpoint, "--local-endpoint");
	}

	/**
	 * The base URL of a local endpoint, checked before any request: {@code http} or {@code https} (in
	 * any case), a host, a port from 1 to 65535 if one is given, a path at most (no query string, no
	 * fragment: the shell appends {@code /v2/...}). A password in it is masked in the error.
	 * @param source where the endpoint came from, for the error ({@code --local-endpoint}, a variable, a profile)
	 * @throws AstraError exit 13 when the endpoint is not usable
	 */
	public static URI endpointUri(String endpoint, String source) {
		String text = endpoint.trim();
		String problem;
		URI uri = null;
		try {
			uri = new URI(text);
			problem = text.contains("://") ? endpointProblem(uri) : "it has no http:// or https:// in front";
		}
		catch (URISyntaxException e) {
			problem = !text.contains("://") ? "it has no http:// or https:// in front"
					: "it is not a URL (" + (e.getIndex() >= 0 && e.getIndex() < text.length() && text.indexOf('@') < 0
							? "'" + text.charAt(e.getIndex()) + "' at position " + (e.getIndex() + 1) : e.getReason())
							+ ")";
		}
		if (problem != null) {
			throw AstraError.invalidValue("Invalid local endpoint '" + Urls.masked(text)
					+ "' from " + source + ": " + problem + ". Give a URL such as http://127.0.0.1:8181 (the path "
					+ "/v2/... is appended).");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
		return URI.create(scheme + "://" + uri.getRawAuthority() + path);
	}

	/** What makes a URL unusable as a local endpoint, or null. */
	private static String endpointProblem(URI uri) {
		String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme == null || uri.isOpaque()) {
			return "it has no http:// or https:// in front";
		}
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "its scheme is '" + uri.getScheme() + "', not http or https";
		}
		if (uri.getRawQuery() != null) {
			return "it has a query string ('?" + uri.getRawQuery() + "'), which the API's paths cannot follow";
		}
		if (uri.getRawFragment() != null) {
			return "it has a fragment ('#" + uri.getRawFragment() + "')";
		}
		if (uri.getHost() == null) {
			String authority = uri.getRawAuthority();
			if (authority != null && uri.toString().indexOf('@') < 0) { // else the text may be part of a password
				String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
				int colon = hostPort.lastIndexOf(':');
				String port = colon < 0 || hostPort.endsWith("]") ? "" : hostPort.substring(colon + 1);
				if (!port.isEmpty() && port.chars().allMatch(Character::isDigit)) {
					if (port.length() > 5 || Integer.parseInt(port) > 65535 || Integer.parseInt(port) == 0) {
						return "the port " + port + " is out of range (1 to 65535)";
					}
				}
				else if (!port.isEmpty()) {
					return "the port '" + port + "' is not a number";
				}
			}
			return "it names no valid host";
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			return "the port " + uri.getPort() + " is out of range (1 to 65535)";
		}
		return null;
	}

	private static boolean notBlank(String s) {
		return s != null && !s.isBlank();
	}

}
