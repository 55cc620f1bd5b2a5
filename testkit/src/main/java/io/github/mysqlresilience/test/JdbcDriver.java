package io.github.mysqlresilience.test;

/**
 * The JDBC drivers a {@link MySqlTestServer} hands out URLs for.
 *
 * @since 0.1.0
 */
public enum JdbcDriver {

	/**
	 * MySQL Connector/J ({@code com.mysql.cj.jdbc.Driver}).
	 */
	MYSQL_CONNECTOR_J("jdbc:mysql://", "com.mysql.cj.jdbc.Driver"),

	/**
	 * MariaDB Connector/J ({@code org.mariadb.jdbc.Driver}).
	 */
	MARIADB_CONNECTOR_J("jdbc:mariadb://", "org.mariadb.jdbc.Driver");

	private final String urlPrefix;

	private final String driverClassName;

	JdbcDriver(String urlPrefix, String driverClassName) {
		this.urlPrefix = urlPrefix;
		this.driverClassName = driverClassName;
	}

	/**
	 * Return the JDBC URL prefix of this driver, such as {@code jdbc:mysql://}.
	 * @return the URL prefix
	 */
	public String urlPrefix() {
		return this.urlPrefix;
	}

	/**
	 * Return the fully qualified class name of this driver's {@link java.sql.Driver}.
	 * @return the driver class name
	 */
	public String driverClassName() {
		return this.driverClassName;
	}

	/**
	 * Build a JDBC URL for this driver.
	 * @param host the host
	 * @param port the port
	 * @param database the database
	 * @return the JDBC URL
	 */
	public String url(String host, int port, String database) {
		return this.urlPrefix + host + ":" + port + "/" + database;
	}

}
