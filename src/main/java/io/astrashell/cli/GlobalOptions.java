package io.astrashell.cli;

import java.util.List;
import java.util.Map;

import io.astrashell.output.OutputFormat;

/**
 * The options every command takes, spelled as the original Astra CLI spells them. They may stand
 * before the command ({@code astra --env local org}) or after it.
 * <p>
 * The one place a global option is declared: its spec here (in {@link #ALL} and read in
 * {@link #values}), its typed value in {@link Globals}. The parser, Tab, help pages, the bash and zsh
 * scripts and the launcher ({@link LaunchGrammar}) all read them from here.
 */
public final class GlobalOptions {

	public static final List<String> ENVIRONMENTS = List.of("PROD", "DEV", "TEST", "LOCAL");

	public static final List<String> FORMATS = List.of("human", "json", "csv");

	/** An Astra environment. */
	public static final ValueKind ENVIRONMENT = ValueKind.choice("ENVIRONMENT", "environment", ENVIRONMENTS);

	/** An output format. */
	public static final ValueKind FORMAT = ValueKind.choice("FORMAT", "output format", FORMATS);

	/** A section of the configuration file: Tab reads the file the line names. */
	public static final ValueKind PROFILE = ValueKind.of("PROFILE", "profile");

	public static final OptionSpec TOKEN = OptionSpec.value("token", null, "AUTH_TOKEN",
			"Key to use authenticate each call.", ValueKind.TEXT);

	public static final OptionSpec CONFIG_FILE = OptionSpec.value("config-file", "cf", "CONFIG_FILE",
			"Configuration file (default = ~/.astrarc)", ValueKind.FILE);

	public static final OptionSpec CONFIG = OptionSpec.value("config", "conf", "CONFIG_SECTION",
			"Section in configuration file (default = default)", PROFILE);

	public static final OptionSpec ENV = OptionSpec
		.value("env", null, "Environment", "Astra Environment to use: PROD, DEV, TEST or LOCAL", ENVIRONMENT);

	public static final OptionSpec LOCAL_ENDPOINT = OptionSpec.value("local-endpoint", null, "URL",
			"With --env local: the DevOps API at URL instead of the embedded sandbox", ValueKind.TEXT);

	public static final OptionSpec OUTPUT = OptionSpec
		.value("output", "o", "FORMAT", "Output format, valid values are: human,json,csv", FORMAT);

	public static final OptionSpec NO_COLOR = OptionSpec.flag("no-color", null, "Remove all colors in output");

	public static final OptionSpec VERBOSE = OptionSpec.flag("verbose", "v", "Verbose mode with log in console");

	public static final OptionSpec HELP = OptionSpec.flag("help", "h", "Show the help of this command");

	/** In the order the original help pages list them. */
	public static final List<OptionSpec> ALL = List.of(CONFIG_FILE, CONFIG, ENV, LOCAL_ENDPOINT, NO_COLOR, OUTPUT,
			TOKEN, VERBOSE);

	private GlobalOptions() {
	}

	/** The values of the global options among parsed options (by long name; the last one given wins). */
	public static Globals values(Map<String, List<String>> options) {
		return new Globals(last(options, TOKEN), last(options, CONFIG_FILE), last(options, CONFIG), last(options, ENV),
				last(options, LOCAL_ENDPOINT), OutputFormat.parse(last(options, OUTPUT)).orElse(null),
				bool(last(options, NO_COLOR)), bool(last(options, VERBOSE)));
	}

	private static Boolean bool(String value) {
		return value == null ? null : Boolean.valueOf(value);
	}

	private static String last(Map<String, List<String>> options, OptionSpec spec) {
		List<String> values = options.get(spec.longName());
		return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
	}

	public static boolean isGlobal(String longName) {
		return ALL.stream().anyMatch(o -> o.longName().equals(longName)) || HELP.longName().equals(longName);
	}

}
