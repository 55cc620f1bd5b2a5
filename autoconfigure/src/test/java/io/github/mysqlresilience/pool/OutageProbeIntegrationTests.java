package io.github.mysqlresilience.pool;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only an unreachable server is an outage: a closed port is one; a server that answers
 * the probe with an error (here 1045 access denied; 1040 too many connections likewise)
 * is there, so the outage ends and borrows go to the server again instead of failing
 * fast as if it were down.
 */
@WithMySqlServer
class OutageProbeIntegrationTests {

	private final MySqlTestServer server;

	OutageProbeIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@Test
	void aServerThatAnswersTheProbeWithAnErrorEndsTheOutage() {
		try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress(this.server.host(), this.server.port()))) {
			proxy.refuseConnections(true);
			runner("jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/app", "not-the-password").run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				PoolGuard guard = borrowFor(dataSource, Duration.ofSeconds(1));
				assertThat(guard.isOutage()).as("nothing listens: an outage").isTrue();
				proxy.refuseConnections(false);
				// The server is back, and answers every login with 1045 access denied
				await().atMost(Duration.ofSeconds(5)).until(() -> !guard.isOutage());
			});
		}
	}

	@Test
	void aClosedPortIsAnOutage() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		runner("jdbc:mysql://127.0.0.1:" + closedPort + "/app", "x").run((context) -> {
			PoolGuard guard = borrowFor(context.getBean(HikariDataSource.class), Duration.ofSeconds(2));
			assertThat(guard.isOutage()).isTrue();
		});
	}

	@Test
	void theRealServerAnswersAKnockAndAProxyInFrontOfAStoppedServerDoesNot() throws Exception {
		ServerKnock server = ServerKnock.forUrl(this.server.jdbcUrl(), new java.util.Properties()).orElseThrow();
		assertThat(server.answered(Duration.ofSeconds(1))).as("the server's greeting").isTrue();
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", closedPort))) {
			ServerKnock throughProxy = ServerKnock
				.forUrl("jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/app", new java.util.Properties())
				.orElseThrow();
			assertThat(throughProxy.answered(Duration.ofSeconds(1)))
				.as("the proxy accepts the connection, but no greeting comes")
				.isFalse();
			assertThat(proxy.acceptedConnections()).isOne();
		}
	}

	private static PoolGuard borrowFor(HikariDataSource dataSource, Duration duration) {
		PoolGuard guard = ((ResilientHikariDataSource) dataSource).getPoolGuard();
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			try (Connection connection = dataSource.getConnection()) {
				throw new AssertionError("connected");
			}
			catch (java.sql.SQLException ex) {
				// expected: the login is refused, or nothing listens
			}
		}
		return guard;
	}

	private ApplicationContextRunner runner(String url, String password) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MySqlPoolAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url,
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + password, "spring.datasource.hikari.initialization-fail-timeout=-1",
					"spring.datasource.hikari.connection-timeout=250", "mysql.resilience.pool.outage.after=300ms",
					"mysql.resilience.pool.outage.probe-interval=100ms");
	}

}
