package io.github.mysqlresilience.error;

/**
 * The few kinds of MySQL failure that an application handles differently. Both servers
 * (MySQL and MariaDB) and both drivers (MySQL Connector/J and MariaDB Connector/J) are
 * normalised to these categories; see {@code docs/errors.md} for the codes of each.
 *
 * @since 0.1.0
 */
public enum MySqlErrorCategory {

	/**
	 * No connection could be obtained: refused, unknown host, timed out before or
	 * during the handshake, or the pool timed out waiting for one.
	 */
	CANNOT_CONNECT,

	/**
	 * An open connection was lost: the server stopped, crashed or failed over, the
	 * connection was killed, or the network failed.
	 */
	CONNECTION_LOST,

	/**
	 * The server is shutting down (1053): the connection is as good as lost.
	 */
	SERVER_SHUTDOWN,

	/**
	 * The statement was killed with {@code KILL QUERY} (1317); the transaction and the
	 * connection are intact.
	 */
	QUERY_KILLED,

	/**
	 * The statement ran longer than {@code max_execution_time}, {@code max_statement_time}
	 * or the driver's query timeout.
	 */
	QUERY_TIMEOUT,

	/**
	 * The server is read-only (1290, 1836): usually a failover in progress.
	 */
	READ_ONLY,

	/**
	 * A write inside a {@code READ ONLY} transaction (1792): an application bug.
	 */
	READ_ONLY_TRANSACTION,

	/**
	 * A unique or primary key already holds the value (1062, 1586, 1022).
	 */
	DUPLICATE_KEY,

	/**
	 * A foreign key constraint failed (1451, 1452, 1216, 1217).
	 */
	FOREIGN_KEY,

	/**
	 * Another constraint on the data failed: {@code NOT NULL}, a value too long or out of
	 * range, a check constraint.
	 */
	DATA_INTEGRITY,

	/**
	 * The transaction was chosen as a deadlock victim and rolled back (1213), or rolled
	 * back by group replication at commit (3101).
	 */
	DEADLOCK,

	/**
	 * A lock wait timed out (1205). Only the statement is rolled back by default; the
	 * transaction stays open.
	 */
	LOCK_WAIT_TIMEOUT,

	/**
	 * A lock could not be taken at once and the statement asked {@code NOWAIT} (3572).
	 */
	LOCK_NOWAIT,

	/**
	 * Too many connections (1040, 1203).
	 */
	TOO_MANY_CONNECTIONS,

	/**
	 * Access denied (1044, 1045, 1142, 1227, 1698).
	 */
	ACCESS_DENIED,

	/**
	 * Bad SQL: a syntax error, or an unknown column, table or database.
	 */
	BAD_SQL,

	/**
	 * The connection failed while a streaming result set was being read, typically
	 * because the consumer was slower than {@code net_write_timeout}.
	 */
	STREAM_ABORTED,

	/**
	 * Any other MySQL or MariaDB error.
	 */
	OTHER

}
