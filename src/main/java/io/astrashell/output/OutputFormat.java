package io.astrashell.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The three output formats of {@code -o/--output}. */
public enum OutputFormat {

	HUMAN, JSON, CSV;

	public static Optional<OutputFormat> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		for (OutputFormat f : values()) {
			if (f.name().equalsIgnoreCase(value.trim())) {
				return Optional.of(f);
			}
		}
		return Optional.empty();
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static String allowed() {
		return Arrays.stream(values()).map(OutputFormat::label).collect(Collectors.joining(", "));
	}

}
