package io.github.mysqlresilience.pool;

import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.util.ClassUtils;

/**
 * Tells MySQL and MariaDB data sources from others, by the JDBC URL of a HikariCP pool;
 * a data source whose URL cannot be seen counts as MySQL.
 *
 * @since 0.2.0
 */
public final class MySqlDataSources {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			MySqlDataSources.class.getClassLoader());

	private MySqlDataSources() {
	}

	/**
	 * Return whether a data source may be a MySQL or MariaDB one.
	 * @param dataSource the data source
	 * @return {@code false} only for a pool whose JDBC URL names another database
	 */
	public static boolean isMySql(DataSource dataSource) {
		if (HIKARI_PRESENT && dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
			String url = pool.getJdbcUrl().toLowerCase(Locale.ROOT);
			return url.startsWith("jdbc:mysql") || url.startsWith("jdbc:mariadb") || url.startsWith("jdbc:aws-wrapper:mysql")
					|| url.contains(":mysql:");
		}
		return true;
	}

}
