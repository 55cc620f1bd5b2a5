package io.github.mysqlresilience.pool;

/**
 * Callbacks of the pool guard, for metrics and logs. Declare beans of this type;
 * callbacks must be quick and must not throw.
 *
 * @since 0.1.0
 */
public interface MySqlPoolListener {

	/**
	 * Called once a pool has handed out its first connection, when its name is known.
	 * @param pool the pool's name
	 */
	default void onPoolStarted(String pool) {
	}

	/**
	 * Called for each eviction.
	 * @param eviction the eviction
	 */
	default void onEviction(PoolEviction eviction) {
	}

	/**
	 * Called when a dead-pool episode starts: the first lost connection after the pool
	 * was healthy.
	 * @param pool the pool's name
	 */
	default void onDeadPoolEpisode(String pool) {
	}

	/**
	 * Called when outage mode starts or ends.
	 * @param pool the pool's name
	 * @param active whether outage mode is now on
	 */
	default void onOutageMode(String pool, boolean active) {
	}

	/**
	 * Called for each try of the server by the outage probe.
	 * @param pool the pool's name
	 * @param kind a knock or a login
	 */
	default void onProbe(String pool, ProbeKind kind) {
	}

}
