package io.github.mysqlresilience.error;

/**
 * Whether a failed call can be retried without doing its work twice.
 *
 * @since 0.1.0
 */
public enum RetrySafety {

	/**
	 * Nothing ran, or the statement was rejected before it changed anything: retry the
	 * call.
	 */
	SAFE,

	/**
	 * The server rolled the whole transaction back: retry the whole transaction, from
	 * its start.
	 */
	TRANSACTION_ROLLED_BACK,

	/**
	 * The work may have been done (for example, the connection was lost during an
	 * autocommit write or a {@code COMMIT}): retry only what is idempotent or read-only.
	 */
	OUTCOME_UNKNOWN,

	/**
	 * The failure is deterministic: retrying cannot help.
	 */
	NEVER;

	/**
	 * Return whether a retry of the whole call, at a transaction boundary, is safe
	 * whatever the call does.
	 * @return {@code true} for {@link #SAFE} and {@link #TRANSACTION_ROLLED_BACK}
	 */
	public boolean allowsRetry() {
		return this == SAFE || this == TRANSACTION_ROLLED_BACK;
	}

}
