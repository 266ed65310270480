package io.astrashell.command;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/** A duration given to an option ({@code --idle}, {@code --latency}): Spring Boot's forms (100ms, 15m, PT1S), or 0. */
final class DurationOption {

	private DurationOption() {
	}

	/** The duration {@code value} names, or null when it names none or a negative one. */
	static Duration parse(String value) {
		try {
			Duration d = value.trim().equals("0") ? Duration.ZERO : DurationStyle.detectAndParse(value.trim());
			return d.isNegative() ? null : d;
		}
		catch (RuntimeException e) {
			return null;
		}
	}

}
