package io.github.mysqlresilience.test.spring;

import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlTestServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Registers Spring Boot's {@code spring.datasource.*} properties for a
 * {@link MySqlTestServer}, from a {@code @DynamicPropertySource} method:
 *
 * <pre class="code">
 * &#64;DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     MySqlTestServerProperties.register(registry, MySqlTestServers.shared());
 * }
 * </pre>
 *
 * @since 0.1.0
 * @see MySqlTestServerConnectionDetails
 */
public final class MySqlTestServerProperties {

	private MySqlTestServerProperties() {
	}

	/**
	 * Register the application user's connection properties, for MySQL Connector/J.
	 * @param registry the registry
	 * @param server the server
	 */
	public static void register(DynamicPropertyRegistry registry, MySqlTestServer server) {
		register(registry, server, JdbcDriver.MYSQL_CONNECTOR_J);
	}

	/**
	 * Register the application user's connection properties for the given driver.
	 * @param registry the registry
	 * @param server the server
	 * @param driver the driver
	 */
	public static void register(DynamicPropertyRegistry registry, MySqlTestServer server, JdbcDriver driver) {
		registry.add("spring.datasource.url", () -> server.jdbcUrl(driver));
		registry.add("spring.datasource.username", () -> server.applicationCredentials().username());
		registry.add("spring.datasource.password", () -> server.applicationCredentials().password());
		registry.add("spring.datasource.driver-class-name", driver::driverClassName);
	}

}
