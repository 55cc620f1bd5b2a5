package io.github.mysqlresilience.retry;

import java.time.Duration;

/**
 * How often and how long to retry one call.
 *
 * @param maxRetries retries after the first attempt
 * @param initialDelay the delay cap of the first retry
 * @param multiplier how much the delay cap grows with each retry
 * @param maxDelay the largest delay cap
 * @param deadline the longest a call may take, retries included
 * @param retryKilledReads whether a read-only call whose query was killed (1317) is
 * retried
 * @since 0.1.0
 */
public record RetrySettings(long maxRetries, Duration initialDelay, double multiplier, Duration maxDelay,
		Duration deadline, boolean retryKilledReads) {

	/**
	 * The defaults: 2 retries, 100 ms growing by 2 up to 1 s, a 5 s deadline.
	 */
	public static final RetrySettings DEFAULTS = new RetrySettings(2, Duration.ofMillis(100), 2.0,
			Duration.ofSeconds(1), Duration.ofSeconds(5), false);

	/**
	 * Return these settings with another number of retries.
	 * @param maxRetries retries after the first attempt
	 * @return new settings
	 */
	public RetrySettings withMaxRetries(long maxRetries) {
		return new RetrySettings(maxRetries, this.initialDelay, this.multiplier, this.maxDelay, this.deadline,
				this.retryKilledReads);
	}

}
