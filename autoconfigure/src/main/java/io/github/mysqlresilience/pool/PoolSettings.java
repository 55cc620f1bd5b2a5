package io.github.mysqlresilience.pool;

import java.time.Duration;

/**
 * How a pool reacts to MySQL going away.
 *
 * @param evictionDebounce the shortest time between two pool-wide evictions
 * @param deadPoolQuietPeriod how long after the last lost connection a successful borrow
 * ends a dead-pool episode
 * @param outageEnabled whether callers fail fast while the server is unreachable
 * @param outageAfter how long the server must have been unreachable before callers fail
 * fast (a restart shorter than that is waited for)
 * @param probeInterval how often the probe knocks on the server (a TCP connection that
 * waits for its greeting) while it is suspected gone
 * @param maxLoginInterval the longest time between two probe logins that no knock called
 * for
 * @param probeTimeout how long one probe may take to connect
 * @param outageWaiters most callers of retried calls that may wait at once for the
 * server's return during an outage, or 0 for 4 times the pool's maximum size
 * @param readOnlyEvictionDebounce the shortest time between two pool-wide evictions for
 * read-only errors
 * @since 0.1.0
 */
public record PoolSettings(Duration evictionDebounce, Duration deadPoolQuietPeriod, boolean outageEnabled,
		Duration outageAfter, Duration probeInterval, Duration maxLoginInterval, Duration probeTimeout, int outageWaiters,
		Duration readOnlyEvictionDebounce) {

	/**
	 * The defaults: 1 s debounce, 2 s quiet period, outage mode on after 2 s of
	 * unreachable server, knocking every 100 ms, logging in at least every 5 s, with a 1 s
	 * timeout.
	 */
	public static final PoolSettings DEFAULTS = new PoolSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), true,
			Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1), 0,
			Duration.ofMillis(200));

	/**
	 * Return how many callers may wait at once for the server's return.
	 * @param maximumPoolSize the pool's maximum size
	 * @return the cap
	 */
	public int maxWaiters(int maximumPoolSize) {
		return (this.outageWaiters > 0) ? this.outageWaiters : 4 * Math.max(1, maximumPoolSize);
	}

}
