package io.astrashell.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults a served sandbox can play for benchmarks and tests ({@code sandbox serve --latency 100ms
 * --max-in-flight 2}): every answer comes after {@code latency}, as from a distant service; and beyond
 * {@code maxInFlight} requests at once, the sandbox answers 429 with {@code Retry-After} (seconds) in
 * the standard error form, as a throttling service does.
 *
 * @param latency how long each request waits before it is answered (zero: none)
 * @param maxInFlight the most requests served at once (0: no limit)
 * @param retryAfter the seconds a 429 names in its {@code Retry-After}
 */
public record SandboxFaults(Duration latency, int maxInFlight, int retryAfter) {

	/** No fault: every request answered at once. */
	public static final SandboxFaults NONE = new SandboxFaults(Duration.ZERO, 0, 1);

	public SandboxFaults {
		Objects.requireNonNull(latency, "latency");
		if (latency.isNegative() || maxInFlight < 0 || retryAfter < 0) {
			throw new IllegalArgumentException("negative fault: " + latency + ", " + maxInFlight + ", " + retryAfter);
		}
	}

	public SandboxFaults(Duration latency, int maxInFlight) {
		this(latency, maxInFlight, 1);
	}

	boolean any() {
		return !latency.isZero() || maxInFlight > 0;
	}

}
