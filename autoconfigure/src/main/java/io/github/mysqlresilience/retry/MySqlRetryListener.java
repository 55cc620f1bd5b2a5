package io.github.mysqlresilience.retry;

import io.github.mysqlresilience.error.MySqlError;

/**
 * Callbacks of the MySQL-aware retry, for metrics and logs. Declare beans of this type;
 * callbacks run on the caller's thread and must be quick and must not throw.
 *
 * @since 0.1.0
 */
public interface MySqlRetryListener {

	/**
	 * Called before each retry is taken.
	 * @param error the MySQL error of the failed attempt
	 * @param retry the number of the retry, from 1
	 */
	default void onRetry(MySqlError error, int retry) {
	}

	/**
	 * Called once a call has ended.
	 * @param outcome how it ended
	 */
	default void onCallEnded(RetryOutcome outcome) {
	}

}
