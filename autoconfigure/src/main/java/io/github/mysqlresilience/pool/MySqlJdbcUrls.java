package io.github.mysqlresilience.pool;

import java.util.List;
import java.util.Locale;

/**
 * Tells a MySQL or MariaDB JDBC URL from another database's: the one rule the
 * auto-configuration's condition and the pool guard both read.
 *
 * @since 0.1.0
 */
public final class MySqlJdbcUrls {

	private static final List<String> MYSQL_URL_MARKERS = List.of("jdbc:mysql:", "jdbc:mariadb:", ":mysql://",
			":mariadb://");

	private MySqlJdbcUrls() {
	}

	/**
	 * Return whether a JDBC URL names a MySQL or MariaDB server (Connector/J, MariaDB
	 * Connector/J, or a wrapper such as {@code jdbc:aws-wrapper:mysql://}).
	 * @param url the JDBC URL
	 * @return whether it is a MySQL or MariaDB URL
	 */
	public static boolean isMySql(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		return MYSQL_URL_MARKERS.stream().anyMatch(lower::contains);
	}

}
