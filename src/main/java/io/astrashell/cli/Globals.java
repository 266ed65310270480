package io.astrashell.cli;

import java.util.Locale;

import io.astrashell.output.OutputFormat;

/**
 * The values of the global options of one command (null where not given), as
 * {@link GlobalOptions#values} reads them. At the prompt, the runner fills what a line leaves out
 * from the session's defaults with {@link #orElse(Globals)}. Build one from {@link #NONE} with the
 * {@code with...} methods, so that a new global option changes no caller.
 */
public record Globals(String token, String configFile, String profile, String env, String localEndpoint,
		OutputFormat output, Boolean noColor, Boolean verbose) {

	public static final Globals NONE = new Globals(null, null, null, null, null, null, null, null);

	public Globals withToken(String token) {
		return new Globals(token, configFile, profile, env, localEndpoint, output, noColor, verbose);
	}

	public Globals withConfigFile(String configFile) {
		return new Globals(token, configFile, profile, env, localEndpoint, output, noColor, verbose);
	}

	public Globals withProfile(String profile) {
		return new Globals(token, configFile, profile, env, localEndpoint, output, noColor, verbose);
	}

	public Globals withEnv(String env) {
		return new Globals(token, configFile, profile, env, localEndpoint, output, noColor, verbose);
	}

	public Globals withLocalEndpoint(String localEndpoint) {
		return new Globals(token, configFile, profile, env, localEndpoint, output, noColor, verbose);
	}

	/** Only the options that say how to print (output format, colour, verbosity). */
	public Globals outputOnly() {
		return new Globals(null, null, null, null, null, output, noColor, verbose);
	}

	/** The environment name upper-cased, or null. */
	public String envName() {
		return env == null ? null : env.toUpperCase(Locale.ROOT);
	}

	public OutputFormat format() {
		return output == null ? OutputFormat.HUMAN : output;
	}

	public boolean isVerbose() {
		return Boolean.TRUE.equals(verbose);
	}

	public boolean isNoColor() {
		return Boolean.TRUE.equals(noColor);
	}

	/** These values, with the blanks taken from {@code defaults}. */
	public Globals orElse(Globals defaults) {
		return new Globals(token != null ? token : defaults.token,
				configFile != null ? configFile : defaults.configFile, profile != null ? profile : defaults.profile,
				env != null ? env : defaults.env, localEndpoint != null ? localEndpoint : defaults.localEndpoint,
				output != null ? output : defaults.output, noColor != null ? noColor : defaults.noColor,
				verbose != null ? verbose : defaults.verbose);
	}

	/** Whether any option that chooses the connection (token, file, profile, env, endpoint) is set. */
	public boolean choosesConnection() {
		return token != null || configFile != null || profile != null || env != null || localEndpoint != null;
	}

	@Override
	public String toString() {
		return "Globals[token=" + (token == null ? null : "****") + ", configFile=" + configFile + ", profile="
				+ profile + ", env=" + env + ", localEndpoint=" + localEndpoint + ", output=" + output + ", noColor="
				+ noColor + ", verbose=" + verbose + "]";
	}

}
