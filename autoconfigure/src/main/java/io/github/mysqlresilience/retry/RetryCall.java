package io.github.mysqlresilience.retry;

/**
 * What the retry needs to know of one call to decide whether a failure may be retried.
 *
 * @param idempotent whether doing the call twice has the effect of doing it once
 * @param readOnly whether the call runs in a read-only transaction
 * @param ownTransaction whether the caller expects the call to start its own transaction;
 * a hint only: whether a transaction was really begun, committed or rolled back is told
 * by the transaction managers ({@link TransactionRecorder}), per transaction
 * @since 0.1.0
 */
public record RetryCall(boolean idempotent, boolean readOnly, boolean ownTransaction) {

	/**
	 * A call that is neither idempotent nor read-only and starts no transaction of its
	 * own: only failures where nothing ran, or where the server rolled back, are retried.
	 */
	public static final RetryCall DEFAULT = new RetryCall(false, false, false);

}
