package io.astrashell.api;

import java.time.Duration;

/**
 * Timeouts and retries of the client (application.yml {@code astra.http}). Retries apply to GET,
 * PUT and DELETE answered 429, 502, 503 or 504, never to POST.
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration maxRetryWait) {

	public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 2,
			Duration.ofSeconds(10));

}
