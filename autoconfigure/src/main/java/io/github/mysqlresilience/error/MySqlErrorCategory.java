package io.github.mysqlresilience.error;

/**
 * The few kinds of MySQL failure that an application handles differently. Both servers
 * (MySQL and MariaDB) and both drivers (MySQL Connector/J and MariaDB Connector/J) are
 * normalised to these categories; see {@code docs/errors.md} for the codes of each. Each
 * category declares, in one place, what a failure of it means for the retry, the
 * connection and the pool: no other table says it again.
 *
 * @since 0.1.0
 */
public enum MySqlErrorCategory {

	/**
	 * No connection could be obtained: refused, unknown host, timed out before or
	 * during the handshake, or the pool timed out waiting for one.
	 */
	CANNOT_CONNECT(RetrySafety.SAFE, ConnectionFate.POOL_DECIDES, false),

	/**
	 * An open connection was lost: the server stopped, crashed or failed over, the
	 * connection was killed, or the network failed.
	 */
	CONNECTION_LOST(RetrySafety.OUTCOME_UNKNOWN, ConnectionFate.EVICT, true),

	/**
	 * The server is shutting down (1053): the connection is as good as lost.
	 */
	SERVER_SHUTDOWN(RetrySafety.OUTCOME_UNKNOWN, ConnectionFate.EVICT, true),

	/**
	 * The statement was killed with {@code KILL QUERY} (1317); the transaction and the
	 * connection are intact.
	 */
	QUERY_KILLED(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * The statement ran longer than {@code max_execution_time}, {@code max_statement_time}
	 * or the driver's query timeout.
	 */
	QUERY_TIMEOUT(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * The server is read-only (1290, 1836): usually a failover in progress.
	 */
	READ_ONLY(RetrySafety.SAFE, ConnectionFate.KEEP, true),

	/**
	 * A write inside a {@code READ ONLY} transaction (1792): an application bug.
	 */
	READ_ONLY_TRANSACTION(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * A unique or primary key already holds the value (1062, 1586, 1022).
	 */
	DUPLICATE_KEY(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * A foreign key constraint failed (1451, 1452, 1216, 1217).
	 */
	FOREIGN_KEY(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * Another constraint on the data failed: {@code NOT NULL}, a value too long or out of
	 * range, a check constraint.
	 */
	DATA_INTEGRITY(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * The transaction was chosen as a deadlock victim and rolled back (1213), or rolled
	 * back by group replication at commit (3101).
	 */
	DEADLOCK(RetrySafety.TRANSACTION_ROLLED_BACK, ConnectionFate.KEEP, false),

	/**
	 * A lock wait timed out (1205). Only the statement is rolled back by default; the
	 * transaction stays open.
	 */
	LOCK_WAIT_TIMEOUT(RetrySafety.TRANSACTION_ROLLED_BACK, ConnectionFate.KEEP, false),

	/**
	 * A lock could not be taken at once and the statement asked {@code NOWAIT} (3572).
	 */
	LOCK_NOWAIT(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * Too many connections (1040, 1203).
	 */
	TOO_MANY_CONNECTIONS(RetrySafety.SAFE, ConnectionFate.POOL_DECIDES, false),

	/**
	 * Access denied (1044, 1045, 1142, 1227, 1698).
	 */
	ACCESS_DENIED(RetrySafety.NEVER, ConnectionFate.POOL_DECIDES, false),

	/**
	 * Bad SQL: a syntax error, or an unknown column, table or database.
	 */
	BAD_SQL(RetrySafety.NEVER, ConnectionFate.KEEP, false),

	/**
	 * The connection failed while a streaming result set was being read, typically
	 * because the consumer was slower than {@code net_write_timeout}.
	 */
	STREAM_ABORTED(RetrySafety.NEVER, ConnectionFate.EVICT, false),

	/**
	 * Any other MySQL or MariaDB error.
	 */
	OTHER(RetrySafety.NEVER, ConnectionFate.POOL_DECIDES, false);

	private final RetrySafety retrySafety;

	private final ConnectionFate connectionFate;

	private final boolean evictsPool;

	MySqlErrorCategory(RetrySafety retrySafety, ConnectionFate connectionFate, boolean evictsPool) {
		this.retrySafety = retrySafety;
		this.connectionFate = connectionFate;
		this.evictsPool = evictsPool;
	}

	/**
	 * Return the retry safety of a failure of this category when nothing more is known of
	 * the call (the classifier may refine it, the retry decides from what the call's
	 * transactions really did).
	 * @return the default retry safety
	 * @since 0.1.0
	 */
	public RetrySafety defaultRetrySafety() {
		return this.retrySafety;
	}

	/**
	 * Return what happens to the connection that failed.
	 * @return the fate of the connection
	 * @since 0.1.0
	 */
	public ConnectionFate connectionFate() {
		return this.connectionFate;
	}

	/**
	 * Return whether a failure of this category means the connection itself is gone:
	 * lost, shut down, or a streaming read aborted on it.
	 * @return whether the connection was lost
	 * @since 0.1.0
	 */
	public boolean losesConnection() {
		return this == CONNECTION_LOST || this == SERVER_SHUTDOWN || this == STREAM_ABORTED;
	}

	/**
	 * Return whether a failure of this category soft-evicts the whole pool (once per
	 * debounce period): every other connection is likely dead (a lost connection, a
	 * shutdown) or points at the wrong server (read-only after a failover).
	 * @return whether the pool is evicted
	 * @since 0.1.0
	 */
	public boolean evictsPool() {
		return this.evictsPool;
	}

	/**
	 * What happens to a pooled connection after a failure.
	 *
	 * @since 0.1.0
	 */
	public enum ConnectionFate {

		/**
		 * The connection is dead or unusable: evict it at once.
		 */
		EVICT,

		/**
		 * The connection is healthy (the server answered): keep it, whatever its SQLState.
		 */
		KEEP,

		/**
		 * Let the pool decide (no connection was obtained, or the failure says nothing of
		 * the connection).
		 */
		POOL_DECIDES

	}

}
