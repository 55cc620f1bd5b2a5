package io.github.mysqlresilience.retry;

/**
 * How a call made through the MySQL-aware retry ended.
 *
 * @since 0.1.0
 */
public enum RetryOutcome {

	/**
	 * The first attempt succeeded.
	 */
	SUCCESS_WITHOUT_RETRY,

	/**
	 * An attempt after a retry succeeded.
	 */
	SUCCESS_AFTER_RETRY,

	/**
	 * The call failed with a failure that is not safe to retry (or not a failure the
	 * call retries at all).
	 */
	FAILED_NOT_RETRYABLE,

	/**
	 * The call failed with a lost connection whose outcome is unknown (a write whose
	 * commit may have happened), and it is neither idempotent nor read-only: retrying could
	 * do it twice.
	 */
	FAILED_OUTCOME_UNKNOWN,

	/**
	 * Every allowed retry failed.
	 */
	FAILED_RETRIES_EXHAUSTED,

	/**
	 * The retry budget was spent: the call failed fast instead of retrying.
	 */
	FAILED_BUDGET_EXHAUSTED,

	/**
	 * The next retry would have passed the deadline.
	 */
	FAILED_DEADLINE;

	/**
	 * Return the tag value of this outcome, such as {@code success_after_retry}.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
