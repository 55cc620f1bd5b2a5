package io.github.mysqlresilience.pool;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;

import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A busy pool is not an outage: on a healthy server, a borrow from a saturated pool waits
 * as HikariCP does, in one wait, so HikariCP's own timeout counter and acquire timer say
 * what really happened.
 */
@WithMySqlServer
class BusyPoolIntegrationTests {

	private final MySqlTestServer server;

	BusyPoolIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@Test
	void aSaturatedPoolTimesOutOnceAsHikariCpWould() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MySqlPoolAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + this.server.jdbcUrl(),
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + this.server.applicationCredentials().password(),
					"spring.datasource.hikari.maximum-pool-size=1", "spring.datasource.hikari.connection-timeout=1200")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource).isInstanceOf(ResilientHikariDataSource.class);
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				dataSource.setMetricRegistry(registry);
				try (Connection held = dataSource.getConnection()) {
					assertThatExceptionOfType(SQLTransientConnectionException.class)
						.isThrownBy(dataSource::getConnection);
				}
				assertThat(registry.get("hikaricp.connections.timeout").counter().count())
					.as("one borrow timed out, once").isEqualTo(1);
				assertThat(registry.get("hikaricp.connections.acquire").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
					.as("the acquire timer saw the whole wait").isGreaterThanOrEqualTo(1000);
			});
	}

}
