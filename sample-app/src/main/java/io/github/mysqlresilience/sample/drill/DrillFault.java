package io.github.mysqlresilience.sample.drill;

/**
 * The faults of the drill, from the two articles, in the order they are injected.
 */
public enum DrillFault {

	/**
	 * The server restarts: every pooled connection is dead (the dead connection pool).
	 */
	RESTART("Server restart (dead connection pool)"),

	/**
	 * The server stops and starts again 3.5 s later, as a real MySQL restart takes
	 * seconds: callers whose retry deadline covers the wait should see nothing.
	 */
	LONG_RESTART("Server restart, down 3.5 s"),

	/**
	 * Every connection of the application is killed.
	 */
	KILL_CONNECTIONS("KILL of every connection"),

	/**
	 * The running statements are killed: the starter translates them, it does not retry
	 * them (a query killer would kill them again).
	 */
	KILL_QUERIES("KILL QUERY"),

	/**
	 * For 1 s, the server sends MySQL's 1053 "Server shutdown in progress" to every
	 * connection and closes it (idle ones at once, busy ones after their answer), and
	 * answers every new statement so, as a MySQL server shutting down does (injected on the
	 * wire by the test kit's protocol-aware proxy: MariaDB words its shutdown
	 * differently).
	 */
	SERVER_SHUTDOWN("MySQL server shutdown (1053)"),

	/**
	 * The server is down for a while.
	 */
	OUTAGE("Outage"),

	/**
	 * An export reads a large table with a slow consumer (a pause longer than
	 * {@code net_write_timeout}).
	 */
	SLOW_EXPORT("Slow streaming export"),

	/**
	 * The primary becomes read-only and new connections go to the other server.
	 */
	FAILOVER("Failover to another server"),

	/**
	 * Contention: 4 pairs of extra callers transfer between the same two accounts in
	 * opposite orders, as fast as they can, so that their transactions deadlock and wait
	 * for each other's locks.
	 */
	CONTENTION("Deadlock storm (opposite transfers)");

	private final String title;

	DrillFault(String title) {
		this.title = title;
	}

	/**
	 * Return the title of the fault.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

}
