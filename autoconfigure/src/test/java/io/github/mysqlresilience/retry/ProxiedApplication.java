package io.github.mysqlresilience.retry;

import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The retry test application, connected to a server through a {@link FaultProxy}.
 */
final class ProxiedApplication {

	private ProxiedApplication() {
	}

	static ApplicationContextRunner runner(MySqlTestServer server, FaultProxy proxy, String... properties) {
		return new ApplicationContextRunner().withUserConfiguration(RetryTestConfiguration.class)
			.withPropertyValues("spring.datasource.url=jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/"
					+ server.database() + "?connectTimeout=2000",
					"spring.datasource.username=" + server.applicationCredentials().username(),
					"spring.datasource.password=" + server.applicationCredentials().password(),
					"spring.datasource.hikari.maximum-pool-size=10")
			.withPropertyValues(properties);
	}

	static String schema() {
		return "CREATE TABLE IF NOT EXISTS app.payment (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
				+ " idempotency_key VARCHAR(50) NOT NULL, amount INT NOT NULL,"
				+ " UNIQUE KEY idempotency_key (idempotency_key)) ENGINE=InnoDB";
	}

}
