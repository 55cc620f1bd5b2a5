package io.github.mysqlresilience.retry;

import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The retry test application ({@link RetryTestConfiguration}, a pool of 10) connected to
 * a server, directly or through a {@link FaultProxy}, as the application user.
 */
final class RetryTestApplication {

	private RetryTestApplication() {
	}

	static ApplicationContextRunner runner(MySqlTestServer server) {
		return runner(server, server.jdbcUrl());
	}

	static ApplicationContextRunner runner(MySqlTestServer server, FaultProxy proxy) {
		return runner(server, "jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/" + server.database()
				+ "?connectTimeout=2000");
	}

	static ApplicationContextRunner runner(MySqlTestServer server, MySqlProtocolProxy proxy) {
		return runner(server, "jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/" + server.database()
				+ "?connectTimeout=2000");
	}

	private static ApplicationContextRunner runner(MySqlTestServer server, String url) {
		return new ApplicationContextRunner().withUserConfiguration(RetryTestConfiguration.class)
			.withPropertyValues("spring.datasource.url=" + url,
					"spring.datasource.username=" + server.applicationCredentials().username(),
					"spring.datasource.password=" + server.applicationCredentials().password(),
					"spring.datasource.hikari.maximum-pool-size=10");
	}

	static String paymentSchema() {
		return "CREATE TABLE IF NOT EXISTS app.payment (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
				+ " idempotency_key VARCHAR(50) NOT NULL, amount INT NOT NULL,"
				+ " UNIQUE KEY idempotency_key (idempotency_key)) ENGINE=InnoDB";
	}

}
