package io.github.mysqlresilience.stream;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.support.JdbcAccessor;
import org.springframework.util.ClassUtils;

/**
 * How many connections a parallel scan may hold at once: no more than the HikariCP pool
 * behind its {@link JdbcOperations} can give (unknown pools are not limited).
 */
final class PoolLimit {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariConfigMXBean",
			PoolLimit.class.getClassLoader());

	private PoolLimit() {
	}

	static int threads(JdbcOperations jdbc, int wanted) {
		if (!HIKARI_PRESENT || !(jdbc instanceof JdbcAccessor accessor) || accessor.getDataSource() == null) {
			return wanted;
		}
		return Math.min(wanted, Hikari.maximumPoolSize(accessor.getDataSource(), wanted));
	}

	private static final class Hikari {

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
