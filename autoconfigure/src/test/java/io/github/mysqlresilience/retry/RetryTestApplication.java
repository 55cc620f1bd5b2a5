package io.github.mysqlresilience.retry;

import java.util.stream.Collectors;
import java.util.stream.Stream;

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

	/**
	 * Create the {@link BankService}'s accounts table afresh with the first {@code count}
	 * of its two accounts, alice (1) and bob (2), 1,000 each.
	 */
	static void createAccounts(MySqlTestServer server, int count) {
		String rows = Stream.of("(1, 'alice@example.com', 1000)", "(2, 'bob@example.com', 1000)")
			.limit(count)
			.collect(Collectors.joining(", "));
		server.execute("DROP TABLE IF EXISTS app.account", "CREATE TABLE app.account (id BIGINT PRIMARY KEY,"
				+ " email VARCHAR(100), balance INT NOT NULL) ENGINE=InnoDB", "INSERT INTO app.account VALUES " + rows);
	}

	static String paymentSchema() {
		return "CREATE TABLE IF NOT EXISTS app.payment (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
				+ " idempotency_key VARCHAR(50) NOT NULL, amount INT NOT NULL,"
				+ " UNIQUE KEY idempotency_key (idempotency_key)) ENGINE=InnoDB";
	}

}
