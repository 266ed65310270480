package io.astrashell;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import io.astrashell.api.HttpSettings;
import io.astrashell.session.AstraHome;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Every tunable of astra shell, bound from {@code application.yml} (prefix {@code astra}). The jar
 * carries the top-level application.yml as its defaults; the launcher points the shell at the
 * top-level file so an edit there takes effect at once.
 */
public record AstraSettings(Environments environments, HttpSettings http, Path home, Path configFile,
		Sandbox sandbox, Completion completion) {

	/**
	 * Reads the settings from the environment (application.yml, overridden by system properties and
	 * environment variables). Read by hand rather than by Spring Boot's binder: this runs on every
	 * one-shot command and the binder's reflection costs more than the lines below.
	 */
	public static AstraSettings from(Environment env) {
		return new AstraSettings(
				new Environments(required(env, "astra.environments.prod"), required(env, "astra.environments.dev"),
						required(env, "astra.environments.test")),
				new HttpSettings(duration(env, "astra.http.connect-timeout", "5s"),
						duration(env, "astra.http.read-timeout", "30s"),
						integer(env, "astra.http.retries", "2"),
						duration(env, "astra.http.max-retry-wait", "10s"),
						positive(env, "astra.http.deadline", "35s"),
						size(env, "astra.http.max-response-size", "32MB")),
				path(env, "astra.home", "ASTRA_HOME"), path(env, "astra.config-file", "ASTRARC"),
				new Sandbox(integer(env, "astra.sandbox.port", "0")),
				new Completion(duration(env, "astra.completion.ttl", "60s"),
						duration(env, "astra.completion.first-fetch-wait", "250ms")));
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
	 * {@code user.home}). {@code variable} is the environment variable that sets it: one set but
	 * empty is refused by name rather than taken as the current directory.
	 */
	private static Path path(Environment env, String key, String variable) {
		String home = AstraHome.userHome(text(env, "HOME", null));
		String raw = text(env, key, null);
		String set = text(env, variable, null);
		if (raw != null && raw.isBlank() && set != null && set.isBlank()) {
			throw new Invalid(variable + " is set but empty: set it to a path, or unset it (unset " + variable
					+ ") to use the default, " + AstraHome.expandHome(variable.equals("ASTRARC") ? "~/.astrarc" : "~/.astra",
							home) + ".");
		}
		String value = required(env, key);
		try {
			return Path.of(AstraHome.expandHome(value, home));
		}
		catch (InvalidPathException e) {
			throw new Invalid("application.yml: '" + key + "' is not a usable path: " + value);
		}
	}

	private static String required(Environment env, String key) {
		String value = text(env, key, null);
		if (value == null || value.isBlank()) {
			throw new Invalid("application.yml lacks '" + key + "': add it, or copy it from the jar's application.yml");
		}
		return value.trim();
	}

	private static Duration duration(Environment env, String key, String defaultValue) {
		String value = text(env, key, defaultValue).trim();
		try {
			return DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException e) {
			throw new Invalid("application.yml: '" + key + "' is not a duration such as 5s or 250ms: " + value);
		}
	}

	private static Duration positive(Environment env, String key, String defaultValue) {
		Duration d = duration(env, key, defaultValue);
		if (d.isNegative() || d.isZero()) {
			throw new Invalid("application.yml: '" + key + "' must be longer than zero: " + text(env, key, defaultValue).trim());
		}
		return d;
	}

	/** A size in bytes: {@code 32MB}, {@code 512KB}, {@code 1GB} (units of 1024), or a number of bytes. */
	private static long size(Environment env, String key, String defaultValue) {
		String value = text(env, key, defaultValue).trim();
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

	private static int integer(Environment env, String key, String defaultValue) {
		String value = text(env, key, defaultValue).trim();
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException e) {
			throw new Invalid("application.yml: '" + key + "' is not a whole number: " + value);
		}
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

	/** The completion cache of the prompt. */
	public record Completion(Duration ttl, Duration firstFetchWait) {
	}

}
