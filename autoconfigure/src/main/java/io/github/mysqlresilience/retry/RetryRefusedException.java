package io.github.mysqlresilience.retry;

/**
 * Added as a suppressed exception to a MySQL failure that the MySQL-aware retry chose not
 * to retry although the caller asked for retries, to say why: the outcome of the failed
 * attempt is unknown, the retry budget is spent, the call joined an outer transaction,
 * or the pool already waited its whole connection timeout.
 *
 * @since 0.1.0
 */
public class RetryRefusedException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message why the failure was not retried
	 */
	public RetryRefusedException(String message) {
		super(message, null, false, false);
	}

}
