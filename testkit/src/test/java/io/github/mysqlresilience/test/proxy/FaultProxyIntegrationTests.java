package io.github.mysqlresilience.test.proxy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.github.mysqlresilience.test.EmbeddedMySqlServer;
import io.github.mysqlresilience.test.MySqlCredentials;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Integration tests for {@link FaultProxy} in front of real servers.
 */
@WithMySqlServer
class FaultProxyIntegrationTests {

	private final MySqlTestServer server;

	private FaultProxy proxy;

	FaultProxyIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void startProxy() {
		this.proxy = FaultProxy.start(address(this.server));
	}

	@AfterEach
	void closeProxy() {
		this.proxy.close();
	}

	@Test
	void passesQueriesThrough() throws SQLException {
		try (Connection connection = connect(this.proxy, 0)) {
			assertThat(serverPort(connection)).isEqualTo(this.server.port());
		}
	}

	@Test
	void cutMakesAnOpenConnectionsNextQueryFail() throws SQLException {
		try (Connection connection = connect(this.proxy, 0)) {
			serverPort(connection);
			this.proxy.cutConnections();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> serverPort(connection))
				.withMessageContaining("Communications link failure");
		}
		try (Connection connection = connect(this.proxy, 0)) {
			assertThat(serverPort(connection)).isEqualTo(this.server.port());
		}
	}

	@Test
	void refuseMakesNewConnectionsFailToConnect() throws SQLException {
		this.proxy.refuseConnections(true);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(this.proxy, 0))
			.withRootCauseInstanceOf(ConnectException.class);
		this.proxy.refuseConnections(false);
		try (Connection connection = connect(this.proxy, 0)) {
			assertThat(serverPort(connection)).isEqualTo(this.server.port());
		}
	}

	@Test
	void blackHoleMakesAQueryTimeOutAfterTheSocketTimeout() throws SQLException {
		try (Connection connection = connect(this.proxy, 1000)) {
			serverPort(connection);
			this.proxy.blackHole(true);
			long started = System.nanoTime();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> serverPort(connection));
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
		}
	}

	@Test
	void latencyDelaysEveryRoundTrip() throws SQLException {
		try (Connection connection = connect(this.proxy, 0)) {
			this.proxy.latency(Duration.ofMillis(200));
			long started = System.nanoTime();
			serverPort(connection);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		}
	}

	@Test
	@RequiresServerControl
	void routeSendsNewConnectionsToTheOtherServer() throws SQLException {
		try (EmbeddedMySqlServer second = EmbeddedMySqlServer.launch();
				FaultProxy failover = FaultProxy.start(address(this.server), address(second))) {
			try (Connection before = connect(failover, 0)) {
				assertThat(serverPort(before)).isEqualTo(this.server.port());
				failover.routeTo(1);
				try (Connection after = connect(failover, 0)) {
					assertThat(serverPort(after)).isEqualTo(second.port());
				}
				assertThat(serverPort(before)).isEqualTo(this.server.port());
			}
		}
	}

	private Connection connect(FaultProxy proxy, int socketTimeoutMillis) throws SQLException {
		MySqlCredentials credentials = this.server.applicationCredentials();
		String url = "jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/" + this.server.database()
				+ "?connectTimeout=5000&socketTimeout=" + socketTimeoutMillis;
		return DriverManager.getConnection(url, credentials.username(), credentials.password());
	}

	private static int serverPort(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT @@port")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static InetSocketAddress address(MySqlTestServer server) {
		return new InetSocketAddress(server.host(), server.port());
	}

}
