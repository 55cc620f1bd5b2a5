package io.github.mysqlresilience.commit;

/**
 * What became of a transaction whose COMMIT was lost in flight.
 *
 * @since 0.1.0
 */
public enum CommitOutcome {

	/**
	 * The marker is there: the transaction committed, and the call succeeds.
	 */
	COMMITTED,

	/**
	 * The old session is gone and the marker is not there: the transaction did not
	 * commit, and it may be run again.
	 */
	NOT_COMMITTED,

	/**
	 * The resolver could not tell within the call's deadline (the server unreachable, or
	 * another server after a failover): the call fails with the marker id, and a
	 * background resolver reports the answer later.
	 */
	UNRESOLVED

}
