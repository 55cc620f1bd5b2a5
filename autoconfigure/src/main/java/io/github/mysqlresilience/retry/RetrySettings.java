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
 * @param maxSafeRetries retries of a MySQL failure that is safe to retry (a conflict, a
 * connection lost before the commit, a read-only server after the pool's eviction) when
 * {@code maxRetries} is lower: a safety net under the deadline, which is their real bound
 * @since 0.1.0
 */
public record RetrySettings(long maxRetries, Duration initialDelay, double multiplier, Duration maxDelay,
		Duration deadline, boolean retryKilledReads, long maxSafeRetries) {

	/**
	 * The default number of retries of a MySQL failure that is safe to retry.
	 */
	public static final long DEFAULT_MAX_SAFE_RETRIES = 10;

	/**
	 * The defaults: 2 retries, 100 ms growing by 2 up to 1 s, a 5 s deadline, killed reads
	 * retried, safe MySQL failures retried up to 10 times within the deadline.
	 */
	public static final RetrySettings DEFAULTS = new RetrySettings(2, Duration.ofMillis(100), 2.0,
			Duration.ofSeconds(1), Duration.ofSeconds(5), true);

	/**
	 * Create settings with the default number of conflict retries.
	 * @param maxRetries retries after the first attempt
	 * @param initialDelay the delay cap of the first retry
	 * @param multiplier how much the delay cap grows with each retry
	 * @param maxDelay the largest delay cap
	 * @param deadline the longest a call may take, retries included
	 * @param retryKilledReads whether a read-only call whose query was killed is retried
	 */
	public RetrySettings(long maxRetries, Duration initialDelay, double multiplier, Duration maxDelay,
			Duration deadline, boolean retryKilledReads) {
		this(maxRetries, initialDelay, multiplier, maxDelay, deadline, retryKilledReads, DEFAULT_MAX_SAFE_RETRIES);
	}

	/**
	 * Return how many times a MySQL failure that is safe to retry may be retried.
	 * @return the larger of {@code maxRetries} and {@code maxSafeRetries}
	 */
	public long safeRetries() {
		return Math.max(this.maxRetries, this.maxSafeRetries);
	}

	/**
	 * Return these settings with another number of retries.
	 * @param maxRetries retries after the first attempt
	 * @return new settings
	 */
	public RetrySettings withMaxRetries(long maxRetries) {
		return new RetrySettings(maxRetries, this.initialDelay, this.multiplier, this.maxDelay, this.deadline,
				this.retryKilledReads, this.maxSafeRetries);
	}

}
