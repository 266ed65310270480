package io.astrashell.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Astra environments. A token is valid in one environment only. LOCAL is the sandbox. */
public enum AstraEnvironment {

	PROD, DEV, TEST, LOCAL;

	public static Optional<AstraEnvironment> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String v = value.trim().toUpperCase(Locale.ROOT);
		return Arrays.stream(values()).filter(e -> e.name().equals(v)).findFirst();
	}

}
