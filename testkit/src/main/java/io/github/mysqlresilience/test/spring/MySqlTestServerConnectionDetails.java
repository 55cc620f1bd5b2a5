package io.github.mysqlresilience.test.spring;

import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlTestServer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * {@link JdbcConnectionDetails} for a {@link MySqlTestServer}'s application user: declare
 * it as a bean and Spring Boot's DataSource connects to the test server.
 *
 * @since 0.1.0
 * @see MySqlTestServerProperties
 */
public class MySqlTestServerConnectionDetails implements JdbcConnectionDetails {

	private final MySqlTestServer server;

	private final JdbcDriver driver;

	/**
	 * Create details for MySQL Connector/J.
	 * @param server the server
	 */
	public MySqlTestServerConnectionDetails(MySqlTestServer server) {
		this(server, JdbcDriver.MYSQL_CONNECTOR_J);
	}

	/**
	 * Create details for the given driver.
	 * @param server the server
	 * @param driver the driver
	 */
	public MySqlTestServerConnectionDetails(MySqlTestServer server, JdbcDriver driver) {
		this.server = server;
		this.driver = driver;
	}

	@Override
	public String getUsername() {
		return this.server.applicationCredentials().username();
	}

	@Override
	public String getPassword() {
		return this.server.applicationCredentials().password();
	}

	@Override
	public String getJdbcUrl() {
		return this.server.jdbcUrl(this.driver);
	}

	@Override
	public String getDriverClassName() {
		return this.driver.driverClassName();
	}

}
