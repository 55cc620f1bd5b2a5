package io.github.mysqlresilience.pool;

import java.net.ServerSocket;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outage mode wakes HikariCP's connection adder when the server is back, so that the pool
 * refills at once instead of after the adder's own backoff (up to 5 s). It finds the
 * adder by its thread name: this test fails if a HikariCP upgrade renames it.
 */
class ConnectionAdderTests {

	@Test
	void hikariCpsConnectionAdderIsFoundByItsName() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:mysql://127.0.0.1:" + closedPort + "/app?connectTimeout=200");
		config.setPoolName("adder-test");
		config.setMinimumIdle(2);
		config.setInitializationFailTimeout(-1);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> Thread.getAllStackTraces()
					.keySet()
					.stream()
					.anyMatch((thread) -> thread.getName().startsWith(OutageMode.connectionAdderName("adder-test"))));
		}
	}

}
