package io.github.mysqlresilience.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.github.mysqlresilience.retry.RetryDeadline;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HikariDataSource} that tells its {@link PoolGuard} of every borrow, fails fast
 * while the guard is in outage mode, and checks each borrowed connection while a
 * dead-pool episode is open. The starter puts it in place of Spring Boot's
 * {@code HikariDataSource} before the pool starts, with the same configuration.
 *
 * @since 0.1.0
 */
public class ResilientHikariDataSource extends HikariDataSource {

	private static final long BORROW_SLICE_MILLIS = 250;

	private @Nullable PoolGuard guard;

	private @Nullable ConnectionDecorator decorator;

	/**
	 * Set the decorator of the connections this pool hands out.
	 * @param decorator the decorator, or {@code null} for none
	 */
	public void setConnectionDecorator(@Nullable ConnectionDecorator decorator) {
		this.decorator = decorator;
	}

	/**
	 * Set the guard of this pool.
	 * @param guard the guard
	 */
	public void setPoolGuard(PoolGuard guard) {
		this.guard = guard;
	}

	/**
	 * Return the guard of this pool.
	 * @return the guard, or {@code null} before it is set
	 */
	public @Nullable PoolGuard getPoolGuard() {
		return this.guard;
	}

	@Override
	public Connection getConnection() throws SQLException {
		PoolGuard guard = this.guard;
		if (guard == null) {
			return decorated(super.getConnection());
		}
		guard.beforeBorrow();
		try {
			Connection connection = validDuringDeadPoolEpisode(borrow(guard), guard);
			guard.onBorrowed();
			return decorated(connection);
		}
		catch (SQLException ex) {
			guard.onBorrowFailed(ex);
			throw ex;
		}
	}

	/**
	 * Borrow as HikariCP does, in one wait (bounded by the retried call's deadline, if
	 * any), while nothing says the server may be gone (a merely busy pool is no outage:
	 * its timeouts and acquire times are HikariCP's own).
	 * While a dead-pool episode is open, the probe is checking the server, or the pool
	 * holds no connection at all, borrow in short slices, so that a caller already
	 * waiting when outage mode starts fails fast too (or, inside a retried call, waits
	 * for the server's return), and a retried call never waits past its deadline.
	 */
	private Connection borrow(PoolGuard guard) throws SQLException {
		HikariPool pool = (HikariPool) getHikariPoolMXBean();
		if (pool == null) {
			return super.getConnection();
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(getConnectionTimeout());
		long callDeadline = guard.borrowDeadline(RetryDeadline.remaining()
			.map((left) -> System.nanoTime() + left.toNanos())
			.orElse(Long.MAX_VALUE));
		if (!guard.isServerSuspect() && pool.getTotalConnections() > 0) {
			// One wait, as HikariCP's own, but never past the call's deadline: the server may go
			// away while this caller waits, and nothing would release it before then
			long remaining = TimeUnit.NANOSECONDS.toMillis(Math.min(deadline, callDeadline) - System.nanoTime());
			return pool.getConnection(Math.max(1, remaining));
		}
		while (true) {
			long now = System.nanoTime();
			long remaining = TimeUnit.NANOSECONDS.toMillis(Math.min(deadline, callDeadline) - now);
			try {
				return pool.getConnection(Math.max(1, Math.min(remaining, BORROW_SLICE_MILLIS)));
			}
			catch (SQLTransientConnectionException ex) {
				if (remaining <= BORROW_SLICE_MILLIS) {
					throw ex;
				}
				guard.beforeBorrow();
			}
		}
	}

	/**
	 * While connections are being lost, check each borrowed connection, however recently
	 * it was used: HikariCP hands out a connection used in the last 500 ms without a check,
	 * so every killed connection would fail once in its caller's hands.
	 */
	private Connection validDuringDeadPoolEpisode(Connection connection, PoolGuard guard) throws SQLException {
		Connection candidate = connection;
		for (int attempt = 0; guard.isDeadPoolEpisodeOpen() && attempt < getMaximumPoolSize(); attempt++) {
			if (candidate.isValid(1)) {
				return candidate;
			}
			evictConnection(candidate);
			guard.beforeBorrow();
			candidate = borrow(guard);
		}
		return candidate;
	}

	private Connection decorated(Connection connection) {
		ConnectionDecorator decorator = this.decorator;
		return (decorator != null) ? decorator.decorate(connection, this) : connection;
	}

	@Override
	public void evictConnection(Connection connection) {
		ConnectionDecorator decorator = this.decorator;
		super.evictConnection((decorator != null) ? decorator.undecorate(connection) : connection);
	}

	@Override
	public void close() {
		try {
			super.close();
		}
		finally {
			if (this.guard != null) {
				this.guard.close();
			}
		}
	}

}
