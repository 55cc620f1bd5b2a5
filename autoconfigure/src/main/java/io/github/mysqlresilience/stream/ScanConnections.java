package io.github.mysqlresilience.stream;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.support.JdbcAccessor;
import org.springframework.util.ClassUtils;

/**
 * The connections of a scan: how many a parallel scan may hold at once (no more than the
 * HikariCP pool behind its {@link JdbcOperations} can give; unknown pools are not
 * limited), and how to discard one whose streamed chunk failed half read, which the
 * driver leaves unusable ("Streaming result set ... is still active") although no pool
 * sees a reason to evict it.
 */
final class ScanConnections {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariConfigMXBean",
			ScanConnections.class.getClassLoader());

	private ScanConnections() {
	}

	static int threads(JdbcOperations jdbc, int wanted) {
		if (!HIKARI_PRESENT || !(jdbc instanceof JdbcAccessor accessor) || accessor.getDataSource() == null) {
			return wanted;
		}
		return Math.min(wanted, Hikari.maximumPoolSize(accessor.getDataSource(), wanted));
	}

	/**
	 * Make sure the pool never hands out this connection again.
	 */
	static void discard(JdbcOperations jdbc, Connection connection) {
		// JdbcTemplate hands callbacks a proxy that suppresses close(): the pool knows the one below
		Connection pooled = (connection instanceof ConnectionProxy proxy) ? proxy.getTargetConnection() : connection;
		try {
			if (HIKARI_PRESENT && jdbc instanceof JdbcAccessor accessor && accessor.getDataSource() != null
					&& Hikari.evict(accessor.getDataSource(), pooled)) {
				return;
			}
			pooled.abort(Runnable::run);
		}
		catch (SQLException | RuntimeException ex) {
			// Already gone
		}
	}

	private static final class Hikari {

		static boolean evict(DataSource dataSource, Connection connection) throws SQLException {
			HikariDataSource pool = (dataSource instanceof HikariDataSource hikari) ? hikari
					: dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
			if (pool == null) {
				return false;
			}
			pool.evictConnection(connection);
			return true;
		}

		static int maximumPoolSize(DataSource dataSource, int otherwise) {
			try {
				if (dataSource instanceof HikariConfigMXBean pool) {
					return pool.getMaximumPoolSize();
				}
				if (dataSource.isWrapperFor(HikariConfigMXBean.class)) {
					return dataSource.unwrap(HikariConfigMXBean.class).getMaximumPoolSize();
				}
			}
			catch (SQLException ex) {
				// Not a HikariCP pool we can see into
			}
			return otherwise;
		}

	}

}
