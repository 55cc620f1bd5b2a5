package io.github.mysqlresilience.pool;

import io.github.mysqlresilience.error.MySqlErrorCategory;

/**
 * An eviction done because of a MySQL failure.
 *
 * @param pool the pool's name
 * @param scope whether the whole pool or one connection was evicted
 * @param reason the failure that caused it
 * @since 0.1.0
 */
public record PoolEviction(String pool, Scope scope, MySqlErrorCategory reason) {

	/**
	 * What was evicted.
	 */
	public enum Scope {

		/**
		 * Every connection of the pool, softly: idle ones now, busy ones when returned.
		 */
		POOL,

		/**
		 * One connection that HikariCP would otherwise have kept.
		 */
		CONNECTION

	}

}
