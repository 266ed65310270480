package io.astrashell;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.astrashell.api.HttpSettings;
import io.astrashell.session.AstraHome;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Every tunable of astra shell, bound from {@code application.yml} (prefix {@code astra}). The jar
 * carries the top-level application.yml as its defaults; the launcher points the shell at the
 * top-level file so an edit there takes effect at once.
 *
 * <p>Each setting is declared once, in {@link Setting}: its key, its default and its kind. Reading,
 * checking and the message of a wrong value all come from that declaration; the record's components
 * are where the shell reads the values. A new setting is one {@code Setting} constant and the
 * component that carries it.
 */
public record AstraSettings(Environments environments, HttpSettings http, Path home, Path configFile,
		Sandbox sandbox, Completion completion, Daemon daemon) {

	/** The kinds of value a setting may have: each reads its text and says what a wrong one should be. */
	enum Kind {

		/** Text that must be there. */
		TEXT,
		/** {@code 5s}, {@code 250ms}, {@code 1m}, or ISO-8601 ({@code PT5S}). */
		DURATION,
		/** A duration longer than zero. */
		POSITIVE_DURATION,
		WHOLE_NUMBER,
		/** A size in bytes: {@code 32MB}, {@code 512KB}, {@code 1GB} (units of 1024), or a number of bytes. */
		SIZE,
		/** {@code true} or {@code false}. */
		BOOLEAN,
		/** A path, {@code ~} meaning the user's home; {@link Setting#variable} sets it from the environment. */
		PATH

	}

	/** The settings, in the order they are read (the first wrong one is reported). */
	enum Setting {

		PROD("astra.environments.prod", null, Kind.TEXT),
		DEV("astra.environments.dev", null, Kind.TEXT),
		TEST("astra.environments.test", null, Kind.TEXT),
		CONNECT_TIMEOUT("astra.http.connect-timeout", "5s", Kind.DURATION),
		READ_TIMEOUT("astra.http.read-timeout", "30s", Kind.DURATION),
		RETRIES("astra.http.retries", "2", Kind.WHOLE_NUMBER),
		MAX_RETRY_WAIT("astra.http.max-retry-wait", "10s", Kind.DURATION),
		DEADLINE("astra.http.deadline", "35s", Kind.POSITIVE_DURATION),
		MAX_RESPONSE_SIZE("astra.http.max-response-size", "32MB", Kind.SIZE),
		HOME("astra.home", null, Kind.PATH, "ASTRA_HOME", "~/.astra"),
		CONFIG_FILE("astra.config-file", null, Kind.PATH, "ASTRARC", "~/.astrarc"),
		SANDBOX_PORT("astra.sandbox.port", "0", Kind.WHOLE_NUMBER),
		COMPLETION_TTL("astra.completion.ttl", "60s", Kind.DURATION),
		FIRST_FETCH_WAIT("astra.completion.first-fetch-wait", "250ms", Kind.DURATION),
		DAEMON_START_ON_FIRST_USE("astra.daemon.start-on-first-use", "false", Kind.BOOLEAN),
		DAEMON_IDLE("astra.daemon.idle", "15m", Kind.DURATION);

		final String key;

		/** The value when application.yml has none (null: application.yml must give it). */
		final String defaultValue;

		final Kind kind;

		/** For a path: the environment variable that sets it, and where the jar's file points it. */
		final String variable;

		final String usualPath;

		Setting(String key, String defaultValue, Kind kind) {
			this(key, defaultValue, kind, null, null);
		}

		Setting(String key, String defaultValue, Kind kind, String variable, String usualPath) {
			this.key = key;
			this.defaultValue = defaultValue;
			this.kind = kind;
			this.variable = variable;
			this.usualPath = usualPath;
		}

	}

	/**
	 * Reads the settings from the environment (application.yml, overridden by system properties and
	 * environment variables). Read from {@link Setting} rather than by Spring Boot's binder into a
	 * {@code @ConfigurationProperties} record: this runs on every one-shot command, and the binder
	 * with its conversion service cost 86 ms of CPU time on the HTTPS one-shot (A/B, 90% interval 82
	 * to 96 ms; see {@link io.astrashell.startup}).
	 */
	public static AstraSettings from(Environment env) {
		Map<Setting, Object> v = new EnumMap<>(Setting.class);
		for (Setting setting : Setting.values()) {
			v.put(setting, read(env, setting));
		}
		return new AstraSettings(
				new Environments((String) v.get(Setting.PROD), (String) v.get(Setting.DEV), (String) v.get(Setting.TEST)),
				new HttpSettings((Duration) v.get(Setting.CONNECT_TIMEOUT), (Duration) v.get(Setting.READ_TIMEOUT),
						(Integer) v.get(Setting.RETRIES), (Duration) v.get(Setting.MAX_RETRY_WAIT),
						(Duration) v.get(Setting.DEADLINE), (Long) v.get(Setting.MAX_RESPONSE_SIZE)),
				(Path) v.get(Setting.HOME), (Path) v.get(Setting.CONFIG_FILE),
				new Sandbox((Integer) v.get(Setting.SANDBOX_PORT)),
				new Completion((Duration) v.get(Setting.COMPLETION_TTL), (Duration) v.get(Setting.FIRST_FETCH_WAIT)),
				new Daemon((Boolean) v.get(Setting.DAEMON_START_ON_FIRST_USE), (Duration) v.get(Setting.DAEMON_IDLE)));
	}

	/** One setting's value, of its kind; {@link Invalid} says what is wrong with it. */
	static Object read(Environment env, Setting s) {
		String key = s.key;
		if (s.kind == Kind.PATH) {
			return path(env, s);
		}
		String value = s.defaultValue == null ? required(env, key) : text(env, key, s.defaultValue).trim();
		switch (s.kind) {
			case DURATION, POSITIVE_DURATION -> {
				Duration d;
				try {
					d = DurationStyle.detectAndParse(value);
				}
				catch (IllegalArgumentException e) {
					throw new Invalid("application.yml: '" + key + "' is not a duration such as 5s or 250ms: " + value);
				}
				if (s.kind == Kind.POSITIVE_DURATION && (d.isNegative() || d.isZero())) {
					throw new Invalid("application.yml: '" + key + "' must be longer than zero: " + value);
				}
				return d;
			}
			case BOOLEAN -> {
				if (!value.equals("true") && !value.equals("false")) {
					throw new Invalid("application.yml: '" + key + "' is neither true nor false: " + value);
				}
				return Boolean.valueOf(value);
			}
			case WHOLE_NUMBER -> {
				try {
					return Integer.parseInt(value);
				}
				catch (NumberFormatException e) {
					throw new Invalid("application.yml: '" + key + "' is not a whole number: " + value);
				}
			}
			case SIZE -> {
				long bytes;
				try {
					bytes = DataSize.parse(value).toBytes();
				}
				catch (IllegalArgumentException e) {
					throw new Invalid("application.yml: '" + key + "' is not a size such as 32MB or 512KB: " + value);
				}
				if (bytes <= 0) {
					throw new Invalid("application.yml: '" + key + "' must be more than zero bytes: " + value);
				}
				return bytes;
			}
			default -> {
				return value;
			}
		}
	}

	/** A setting's text, its {@code ${...}} placeholders resolved. */
	private static String text(Environment env, String key, String defaultValue) {
		try {
			return env.getProperty(key, defaultValue);
		}
		catch (IllegalArgumentException e) { // a placeholder with no value and no default
			throw new Invalid("application.yml: '" + key + "': " + e.getMessage()
					+ ": set that variable, or give a default as in ${NAME:default}");
		}
	}

	/**
	 * A path setting, {@code ~} meaning the user's home ({@code $HOME}, else the JVM's
	 * {@code user.home}). Its environment variable set but empty is refused by name rather than
	 * taken as the current directory.
	 */
	private static Path path(Environment env, Setting s) {
		String home = AstraHome.userHome(text(env, "HOME", null));
		String raw = text(env, s.key, null);
		String set = text(env, s.variable, null);
		if (raw != null && raw.isBlank() && set != null && set.isBlank()) {
			throw new Invalid(s.variable + " is set but empty: set it to a path, or unset it (unset " + s.variable
					+ ") to use the default, " + AstraHome.expandHome(s.usualPath, home) + ".");
		}
		String value = required(env, s.key);
		try {
			return Path.of(AstraHome.expandHome(value, home));
		}
		catch (InvalidPathException e) {
			throw new Invalid("application.yml: '" + s.key + "' is not a usable path: " + value);
		}
	}

	/**
	 * These settings with their paths taken from a working folder ({@code resolve}: a relative
	 * {@code ASTRA_HOME} or {@code ASTRARC} means the same as from a shell started there).
	 */
	public AstraSettings in(UnaryOperator<Path> resolve) {
		return new AstraSettings(environments, http, resolve.apply(home), resolve.apply(configFile), sandbox, completion,
				daemon);
	}

	private static String required(Environment env, String key) {
		String value = text(env, key, null);
		if (value == null || value.isBlank()) {
			throw new Invalid("application.yml lacks '" + key + "': add it, or copy it from the jar's application.yml");
		}
		return value.trim();
	}

	/** application.yml cannot be read, or holds a value that is not of its setting's kind. */
	public static final class Invalid extends RuntimeException {

		public Invalid(String message) {
			super(message);
		}

	}

	/** The DevOps API base URL of each environment (paths {@code /v2/...} are appended). */
	public record Environments(String prod, String dev, String test) {
	}

	/** The embedded sandbox: the port {@code --env local} serves on (0 = a free port). */
	public record Sandbox(int port) {
	}

	/**
	 * The resident session: whether a cold one-shot command starts one in the background when none
	 * runs (off by default), and the idle limit of a session started so.
	 */
	public record Daemon(boolean startOnFirstUse, Duration idle) {
	}

	/** The completion cache of the prompt. */
	public record Completion(Duration ttl, Duration firstFetchWait) {
	}

}
