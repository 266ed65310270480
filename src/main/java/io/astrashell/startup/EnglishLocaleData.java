package io.astrashell.startup;

/**
 * The shell writes English, with numbers and dates in fixed forms (ISO-8601, a '.' for decimals)
 * whatever the user's locale, since scripts read what it prints. So it needs none of the JDK's
 * locale data for some 900 locales (CLDR), whose list of locales alone costs tens of milliseconds
 * to build the first time a date or number format is made (HTTPS one-shot, A/B: 19 ms of CPU time,
 * 90% interval 14 to 27 ms; see {@link io.astrashell.startup}). It runs on the JDK's built-in English data instead
 * ({@code SPI}: only installed locale providers, of which there are none, then that built-in data).
 * An explicit {@code -Djava.locale.providers} is left alone.
 */
public final class EnglishLocaleData {

	private EnglishLocaleData() {
	}

	/** Called first thing by {@code main}, before any locale-sensitive class is used. */
	public static void apply() {
		if (System.getProperty("java.locale.providers") == null) {
			System.setProperty("java.locale.providers", "SPI");
		}
	}

}
