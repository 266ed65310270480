package io.astrashell.cli;

import java.util.List;

/**
 * The options every command takes, spelled as the original Astra CLI spells them. They may stand
 * before the command ({@code astra --env local org}) or after it.
 */
public final class GlobalOptions {

	public static final List<String> ENVIRONMENTS = List.of("PROD", "DEV", "TEST", "LOCAL");

	public static final List<String> FORMATS = List.of("human", "json", "csv");

	public static final OptionSpec TOKEN = OptionSpec.value("token", null, "AUTH_TOKEN",
			"Key to use authenticate each call.", ValueKind.TEXT);

	public static final OptionSpec CONFIG_FILE = OptionSpec.value("config-file", "cf", "CONFIG_FILE",
			"Configuration file (default = ~/.astrarc)", ValueKind.FILE);

	public static final OptionSpec CONFIG = OptionSpec.value("config", "conf", "CONFIG_SECTION",
			"Section in configuration file (default = default)", ValueKind.PROFILE);

	public static final OptionSpec ENV = OptionSpec
		.value("env", null, "Environment", "Astra Environment to use: PROD, DEV, TEST or LOCAL", ValueKind.ENVIRONMENT)
		.allowed(ENVIRONMENTS);

	public static final OptionSpec LOCAL_ENDPOINT = OptionSpec.value("local-endpoint", null, "URL",
			"With --env local: the DevOps API at URL instead of the embedded sandbox", ValueKind.TEXT);

	public static final OptionSpec OUTPUT = OptionSpec
		.value("output", "o", "FORMAT", "Output format, valid values are: human,json,csv", ValueKind.FORMAT)
		.allowed(FORMATS);

	public static final OptionSpec NO_COLOR = OptionSpec.flag("no-color", null, "Remove all colors in output");

	public static final OptionSpec VERBOSE = OptionSpec.flag("verbose", "v", "Verbose mode with log in console");

	public static final OptionSpec HELP = OptionSpec.flag("help", "h", "Show the help of this command");

	/** In the order the original help pages list them. */
	public static final List<OptionSpec> ALL = List.of(CONFIG_FILE, CONFIG, ENV, LOCAL_ENDPOINT, NO_COLOR, OUTPUT,
			TOKEN, VERBOSE);

	private GlobalOptions() {
	}

	public static boolean isGlobal(String longName) {
		return ALL.stream().anyMatch(o -> o.longName().equals(longName)) || HELP.longName().equals(longName);
	}

}
