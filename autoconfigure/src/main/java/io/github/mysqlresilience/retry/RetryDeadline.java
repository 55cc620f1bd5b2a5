package io.github.mysqlresilience.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * The time left to the retried call under way on this thread (a {@code @Retryable}
 * method, a {@link MySqlRetryTemplate} call, a keyset scan's chunk): a borrow that finds
 * the server unreachable may wait for it this long, since failing fast would only spend
 * the call's retries. Calls without a deadline (plain JDBC outside any retry) have none.
 *
 * @since 0.1.0
 */
public final class RetryDeadline {

	private RetryDeadline() {
	}

	/**
	 * Return the time left before the deadline of the retried call under way on this
	 * thread (the earliest, when retried calls are nested).
	 * @return the time left (zero when spent), or empty when no retried call is under way
	 */
	public static Optional<Duration> remaining() {
		long nanos = CallTransactions.remainingNanos();
		return (nanos < 0) ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
	}

}
