package io.github.mysqlresilience.test.proxy;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlCredentials;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link MySqlProtocolProxy} in front of a real server, with both drivers: an error packet
 * the server never sent reaches the application through the driver's own parsing, and a
 * statement cut after the server executed it is applied on the server while the client
 * sees a lost connection, every time.
 */
@WithMySqlServer
class MySqlProtocolProxyIntegrationTests {

	private final MySqlTestServer server;

	private MySqlProtocolProxy proxy;

	MySqlProtocolProxyIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start() {
		this.proxy = MySqlProtocolProxy.start(new InetSocketAddress(this.server.host(), this.server.port()));
		this.server.execute("DROP TABLE IF EXISTS app.cut", "CREATE TABLE app.cut (id INT PRIMARY KEY)");
	}

	@AfterEach
	void stop() {
		this.proxy.close();
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void anInjectedMySqlOnlyErrorReachesTheApplicationAsTheServerWouldSendIt(JdbcDriver driver) throws SQLException {
		MySqlProtocolProxy.Rule rule = this.proxy.answerWithError("SELECT 42", MySqlErrorPacket.QUERY_TIMEOUT, 1, false);
		try (Connection connection = connect(driver)) {
			SQLException ex = catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT 42"));
			assertThat((Throwable) ex).isNotNull();
			assertThat(ex.getErrorCode()).isEqualTo(3024);
			assertThat(ex.getSQLState()).isEqualTo("HY000");
			assertThat(ex.getMessage()).contains("maximum statement execution time exceeded");
			assertThat(query(connection, "SELECT 42")).as("once: the next one reaches the server").isEqualTo(42);
		}
		assertThat(rule.matched()).isOne();
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aShutdownErrorThenCloseLosesTheConnection(JdbcDriver driver) throws SQLException {
		this.proxy.answerWithError("SELECT 7", MySqlErrorPacket.SERVER_SHUTDOWN, 1, true);
		try (Connection connection = connect(driver)) {
			SQLException ex = catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT 7"));
			assertThat(ex.getErrorCode()).isEqualTo(1053);
			assertThat(ex.getSQLState()).isEqualTo("08S01");
			assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT 1")))
				.as("the connection is gone").isNotNull();
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aWriteCutAfterTheServerAppliedItIsThereWhileTheClientSawALostConnection(JdbcDriver driver)
			throws SQLException {
		MySqlProtocolProxy.Rule rule = this.proxy.cutAfterExecution("INSERT INTO app.cut", -1);
		for (int i = 0; i < 100; i++) {
			int id = i;
			try (Connection connection = connect(driver)) {
				SQLException lost = catchThrowableOfType(SQLException.class,
						() -> update(connection, "INSERT INTO app.cut VALUES (" + id + ")"));
				assertThat((Throwable) lost).as("attempt %d: the client never got the answer", i).isNotNull();
			}
		}
		assertThat(rule.matched()).isEqualTo(100);
		try (Connection admin = this.server.adminDataSource().getConnection()) {
			assertThat(query(admin, "SELECT COUNT(*) FROM app.cut")).as("every INSERT was applied").isEqualTo(100);
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aDroppedAnswerLeavesTheClientToItsSocketTimeout(JdbcDriver driver) throws SQLException {
		this.proxy.delayAnswer("SELECT 5", null, 1);
		MySqlCredentials credentials = this.server.applicationCredentials();
		String url = driver.url(this.proxy.host(), this.proxy.port(), this.server.database()) + "?socketTimeout=500";
		try (Connection connection = DriverManager.getConnection(url, credentials.username(), credentials.password())) {
			long started = System.nanoTime();
			assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT 5")))
				.isNotNull();
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
				.as("the client gave up at its socket timeout, not at once")
				.isGreaterThanOrEqualTo(java.time.Duration.ofMillis(400));
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aDelayedAnswerArrivesLate(JdbcDriver driver) throws SQLException {
		this.proxy.delayAnswer("SELECT 6", java.time.Duration.ofMillis(300), 1);
		try (Connection connection = connect(driver)) {
			long started = System.nanoTime();
			assertThat(query(connection, "SELECT 6")).isEqualTo(6);
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
				.isGreaterThanOrEqualTo(java.time.Duration.ofMillis(300));
		}
	}

	private Connection connect(JdbcDriver driver) throws SQLException {
		MySqlCredentials credentials = this.server.applicationCredentials();
		return DriverManager.getConnection(driver.url(this.proxy.host(), this.proxy.port(), this.server.database()),
				credentials.username(), credentials.password());
	}

	private static int query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

	private static void update(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

}
