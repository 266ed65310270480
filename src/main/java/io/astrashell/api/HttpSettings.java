package io.astrashell.api;

import java.time.Duration;

/**
 * Timeouts, limits and retries of the client (application.yml {@code astra.http}). Retries apply to
 * GET, PUT and DELETE answered 429, 502, 503 or 504, never to POST.
 *
 * @param connectTimeout longest wait for a connection
 * @param readTimeout longest wait for the next bytes of an answer
 * @param retries how many times a retryable answer is retried
 * @param maxRetryWait longest wait before a retry
 * @param deadline longest one request may take as a whole, from connecting to the answer's last byte
 * (a server sending a byte now and then never trips the read timeout)
 * @param maxResponseSize the largest answer read, in bytes; a larger one is refused unread
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration maxRetryWait,
		Duration deadline, long maxResponseSize) {

	/** 100,000 users with a role each are a 19 MB listing. */
	public static final long DEFAULT_MAX_RESPONSE_SIZE = 32L * 1024 * 1024;

	public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 2,
			Duration.ofSeconds(10), Duration.ofSeconds(35), DEFAULT_MAX_RESPONSE_SIZE);

	/** The four original settings; the deadline is the read timeout plus 5 s, the size limit the default. */
	public HttpSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration maxRetryWait) {
		this(connectTimeout, readTimeout, retries, maxRetryWait, readTimeout.plusSeconds(5), DEFAULT_MAX_RESPONSE_SIZE);
	}

	public HttpSettings withDeadline(Duration deadline) {
		return new HttpSettings(connectTimeout, readTimeout, retries, maxRetryWait, deadline, maxResponseSize);
	}

	public HttpSettings withMaxResponseSize(long bytes) {
		return new HttpSettings(connectTimeout, readTimeout, retries, maxRetryWait, deadline, bytes);
	}

}
