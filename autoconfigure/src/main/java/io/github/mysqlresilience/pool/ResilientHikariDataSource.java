package io.github.mysqlresilience.pool;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
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

	private @Nullable PoolGuard guard;

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
			return super.getConnection();
		}
		guard.beforeBorrow();
		try {
			Connection connection = validDuringDeadPoolEpisode(super.getConnection(), guard);
			guard.onBorrowed();
			return connection;
		}
		catch (SQLException ex) {
			guard.onBorrowFailed(ex);
			throw ex;
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
			candidate = super.getConnection();
		}
		return candidate;
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
