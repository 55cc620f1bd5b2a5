package io.github.mysqlresilience.retry;

/**
 * Lets a lower layer that settled a failed COMMIT tell the retried call under way on
 * this thread what really happened to it (the commit-outcome resolution does).
 *
 * @since 0.1.0
 */
public final class TransactionFacts {

	private TransactionFacts() {
	}

	/**
	 * The COMMIT that failed was found applied: the transaction committed.
	 */
	public static void commitApplied() {
		CallTransactions.committed();
	}

	/**
	 * The COMMIT that failed was found not applied: the transaction counts as rolled back.
	 */
	public static void commitNotApplied() {
		CallTransactions.rolledBack();
	}

}
