package io.github.mysqlresilience.pool;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Tells MySQL and MariaDB data sources from others, by the JDBC URL of a HikariCP pool
 * (a data source whose URL cannot be seen counts as MySQL), and finds the guard of a pool
 * behind any wrapper.
 *
 * @since 0.1.0
 */
public final class MySqlDataSources {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			MySqlDataSources.class.getClassLoader());

	private static final boolean BOOT_UNWRAPPER_PRESENT = ClassUtils
		.isPresent("org.springframework.boot.jdbc.DataSourceUnwrapper", MySqlDataSources.class.getClassLoader());

	private MySqlDataSources() {
	}

	/**
	 * Return whether a data source may be a MySQL or MariaDB one.
	 * @param dataSource the data source
	 * @return {@code false} only for a pool whose JDBC URL names another database
	 */
	public static boolean isMySql(DataSource dataSource) {
		HikariDataSource pool = HIKARI_PRESENT ? unwrap(dataSource, HikariDataSource.class) : null;
		return pool == null || pool.getJdbcUrl() == null || MySqlJdbcUrls.isMySql(pool.getJdbcUrl());
	}

	/**
	 * Return the guard of a pool guarded by the starter, looking through the wrappers a
	 * data source may have (Spring Boot's lazy connection fetch, datasource-micrometer,
	 * any decorator that implements {@link java.sql.Wrapper#unwrap}).
	 * @param dataSource the data source
	 * @return the guard, or {@code null}
	 */
	public static @Nullable PoolGuard guardOf(DataSource dataSource) {
		ResilientHikariDataSource pool = HIKARI_PRESENT ? unwrap(dataSource, ResilientHikariDataSource.class) : null;
		return (pool != null) ? pool.getPoolGuard() : null;
	}

	private static <T> @Nullable T unwrap(DataSource dataSource, Class<T> type) {
		if (type.isInstance(dataSource)) {
			return type.cast(dataSource);
		}
		if (BOOT_UNWRAPPER_PRESENT) {
			// Spring Boot's own rule: JDBC wrappers, Spring's DelegatingDataSource, AOP proxies
			T unwrapped = BootUnwrapper.unwrap(dataSource, type);
			if (unwrapped != null) {
				return unwrapped;
			}
		}
		try {
			return dataSource.isWrapperFor(type) ? dataSource.unwrap(type) : null;
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Spring Boot's {@code DataSourceUnwrapper}, in a class of its own so that Boot's jdbc
	 * module stays optional.
	 */
	private static final class BootUnwrapper {

		static <T> @Nullable T unwrap(DataSource dataSource, Class<T> type) {
			try {
				return org.springframework.boot.jdbc.DataSourceUnwrapper.unwrap(dataSource, type);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

}
