package io.github.mysqlresilience.pool;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.error.MySqlErrorListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches one HikariCP pool. On the first lost connection or shutdown of an episode it
 * soft-evicts the whole pool once (debounced), so that the rest of the pool is never
 * handed out dead; on a read-only error it soft-evicts the pool (debounced the same way,
 * so a read-only server does not make the pool log in again on every error), so that a
 * retry after a failover reaches the new primary. It counts dead-pool episodes, and drives the pool's
 * {@link OutageMode}.
 * <p>
 * A dead-pool episode starts with a lost connection (or shutdown) while no episode is
 * open, and ends with the first successful borrow at least the quiet period after the
 * episode's last lost connection.
 *
 * @since 0.1.0
 */
public class PoolGuard {

	private static final Log logger = LogFactory.getLog(PoolGuard.class);


	private static final long NEVER = Long.MIN_VALUE / 2;

	private final HikariDataSource dataSource;

	private final PoolSettings settings;

	private final MySqlErrorClassifier classifier;

	private final List<MySqlPoolListener> listeners;

	private final List<MySqlErrorListener> errorListeners;

	private final LongSupplier clock;

	private final AtomicLong lastPoolEviction = new AtomicLong(NEVER);

	private final AtomicLong lastReadOnlyEviction = new AtomicLong(NEVER);

	private final AtomicLong lastLostConnection = new AtomicLong(NEVER);

	private volatile boolean episodeOpen;

	/**
	 * Opens an episode once: a lock, not a monitor, so that a virtual thread that lost its
	 * connection never holds its carrier (JDK 21 to 23).
	 */
	private final Lock episodeLock = new ReentrantLock();

	private volatile @Nullable Instant lastDeadPoolEpisode;

	private volatile boolean announced;

	private final @Nullable OutageMode outageMode;

	/**
	 * Create a guard.
	 * @param dataSource the pool
	 * @param settings how to react
	 * @param classifier the error classifier
	 * @param listeners the listeners to notify
	 */
	public PoolGuard(HikariDataSource dataSource, PoolSettings settings, MySqlErrorClassifier classifier,
			List<MySqlPoolListener> listeners, List<MySqlErrorListener> errorListeners) {
		this(dataSource, settings, classifier, listeners, errorListeners, System::nanoTime);
	}

	PoolGuard(HikariDataSource dataSource, PoolSettings settings, MySqlErrorClassifier classifier,
			List<MySqlPoolListener> listeners, List<MySqlErrorListener> errorListeners, LongSupplier clock) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.classifier = classifier;
		this.listeners = List.copyOf(listeners);
		this.errorListeners = List.copyOf(errorListeners);
		this.clock = clock;
		this.outageMode = (settings.outageEnabled() && dataSource.getJdbcUrl() != null)
				? new OutageMode(this::poolName, dataSource, settings, this.listeners) : null;
	}

	/**
	 * Return the pool's name.
	 * @return the name
	 */
	public String poolName() {
		String name = this.dataSource.getPoolName();
		return (name != null) ? name : "unnamed";
	}

	/**
	 * Return whether outage mode is on.
	 * @return whether callers fail fast
	 */
	public boolean isOutage() {
		return this.outageMode != null && this.outageMode.isActive();
	}

	/**
	 * Return whether the server may be gone: a dead-pool episode is open, or the probe is
	 * checking the server, or outage mode is on.
	 * @return whether borrows should watch for outage mode while they wait
	 */
	public boolean isServerSuspect() {
		return this.episodeOpen || (this.outageMode != null && this.outageMode.isProbing());
	}

	/**
	 * Return whether a dead-pool episode is open.
	 * @return whether the pool is recovering from lost connections
	 */
	public boolean isDeadPoolEpisodeOpen() {
		return this.episodeOpen;
	}

	/**
	 * Return when the last dead-pool episode started.
	 * @return the start of the last episode, or {@code null} if there was none
	 */
	public @Nullable Instant lastDeadPoolEpisode() {
		return this.lastDeadPoolEpisode;
	}

	/**
	 * Called for each MySQL failure on a pooled connection.
	 * @param error the failure
	 * @param failure the exception
	 */
	void onConnectionFailure(MySqlError error, SQLException failure) {
		reportError(error, failure);
		if (!error.category().evictsPool()) {
			return;
		}
		if (error.category() == MySqlErrorCategory.READ_ONLY) {
			// Every connection may still point at the old primary: evict them all, at most once
			// per read-only debounce period (short: connections made during a failover may
			// still reach the old primary; long enough that a server that stays read-only
			// does not make the pool log in again on every error)
			evictPoolDebounced(this.lastReadOnlyEviction, this.settings.readOnlyEvictionDebounce(), error.category());
			return;
		}
		onLostConnection();
		evictPoolDebounced(this.lastPoolEviction, this.settings.evictionDebounce(), error.category());
	}

	private void evictPoolDebounced(AtomicLong lastEviction, Duration debounce, MySqlErrorCategory reason) {
		long now = this.clock.getAsLong();
		long last = lastEviction.get();
		if (now - last >= debounce.toNanos() && lastEviction.compareAndSet(last, now)) {
			evictPool(reason);
		}
	}

	/**
	 * Called when a connection that HikariCP would have kept is evicted.
	 */
	void onConnectionEvicted(MySqlErrorCategory reason, SQLException exception) {
		String sqlState = exception.getSQLState();
		if (sqlState == null || !sqlState.startsWith("08")) {
			notify(new PoolEviction(poolName(), PoolEviction.Scope.CONNECTION, reason));
		}
	}

	/**
	 * Called before each borrow: fails fast during an outage.
	 * @throws SQLException in outage mode
	 */
	void beforeBorrow() throws SQLException {
		if (this.outageMode != null) {
			this.outageMode.checkAvailable();
		}
	}

	/**
	 * Return how long a borrow may wait, given the retried call's deadline (a little
	 * longer just after an outage, see {@link OutageMode#borrowDeadline(long)}).
	 * @param callDeadline the call's deadline ({@link System#nanoTime()}), or
	 * {@link Long#MAX_VALUE} for none
	 * @return the deadline of the borrow
	 */
	long borrowDeadline(long callDeadline) {
		return (this.outageMode != null) ? this.outageMode.borrowDeadline(callDeadline) : callDeadline;
	}

	/**
	 * Called after each successful borrow.
	 */
	void onBorrowed() {
		if (!this.announced) {
			this.announced = true;
			this.listeners.forEach((listener) -> listener.onPoolStarted(poolName()));
		}
		if (this.episodeOpen && this.clock.getAsLong() - this.lastLostConnection.get() >= this.settings
			.deadPoolQuietPeriod()
			.toNanos()) {
			this.episodeOpen = false;
			logger.info("MySQL pool " + poolName() + " recovered from lost connections");
		}
	}

	/**
	 * Called after each failed borrow.
	 * @param failure the failure
	 */
	void onBorrowFailed(SQLException failure) {
		this.classifier.classify(failure).ifPresent((error) -> {
			reportError(error, failure);
			if (this.outageMode != null && error.category() == MySqlErrorCategory.CANNOT_CONNECT) {
				this.outageMode.probeSoon();
			}
		});
	}

	private void reportError(MySqlError error, SQLException failure) {
		for (MySqlErrorListener listener : this.errorListeners) {
			listener.onError(error, failure, poolName());
		}
	}

	private void onLostConnection() {
		this.lastLostConnection.set(this.clock.getAsLong());
		if (!this.episodeOpen) {
			this.episodeLock.lock();
			try {
				if (!this.episodeOpen) {
					this.episodeOpen = true;
					this.lastDeadPoolEpisode = Instant.now();
					logger.warn("MySQL pool " + poolName() + " lost its connections: evicting the pool once");
					for (MySqlPoolListener listener : this.listeners) {
						listener.onDeadPoolEpisode(poolName());
					}
				}
			}
			finally {
				this.episodeLock.unlock();
			}
		}
		if (this.outageMode != null) {
			this.outageMode.probeSoon();
		}
	}

	private void evictPool(MySqlErrorCategory reason) {
		HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
		if (pool != null) {
			pool.softEvictConnections();
			notify(new PoolEviction(poolName(), PoolEviction.Scope.POOL, reason));
		}
	}

	private void notify(PoolEviction eviction) {
		for (MySqlPoolListener listener : this.listeners) {
			listener.onEviction(eviction);
		}
	}

	/**
	 * Stop the probe.
	 */
	void close() {
		if (this.outageMode != null) {
			this.outageMode.close();
		}
	}

}
