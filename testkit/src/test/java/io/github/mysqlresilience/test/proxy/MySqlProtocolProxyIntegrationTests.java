package io.github.mysqlresilience.test.proxy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlCredentials;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link MySqlProtocolProxy} in front of a real server, with both drivers: an error packet
 * the server never sent reaches the application through the driver's own parsing, and a
 * statement cut after the server executed it is applied on the server while the client
 * sees a lost connection, every time.
 */
@WithMySqlServer
@Timeout(60)
class MySqlProtocolProxyIntegrationTests {

	private final MySqlTestServer server;

	private MySqlProtocolProxy proxy;

	MySqlProtocolProxyIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start(MySqlProtocolProxy proxy) {
		this.proxy = proxy;
		this.server.execute("DROP TABLE IF EXISTS app.cut", "CREATE TABLE app.cut (id INT PRIMARY KEY)");
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

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void anIdleConnectionGetsAnUnsolicitedErrorAndIsClosed(JdbcDriver driver) throws SQLException {
		try (Connection connection = connect(driver)) {
			assertThat(query(connection, "SELECT 1")).isEqualTo(1);
			assertThat(this.proxy.disconnectClients(MySqlErrorPacket.IDLE_DISCONNECT)).as("idle connections closed")
				.isEqualTo(1);
			SQLException failure = catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT 2"));
			assertLastWords(driver, failure, "inactivity");
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aBusyConnectionGetsItsAnswerBeforeTheUnsolicitedError(JdbcDriver driver) throws Exception {
		try (Connection connection = connect(driver)) {
			CompletableFuture<Integer> sleeping = CompletableFuture
				.supplyAsync(() -> uncheckedQuery(connection, "SELECT 3 + SLEEP(0.5)"));
			await().atMost(Duration.ofSeconds(5)).until(() -> this.proxy.idleConnections() == 0);
			assertThat(this.proxy.disconnectClients(MySqlErrorPacket.SERVER_SHUTDOWN)).as("idle connections").isZero();
			assertThat(sleeping.get(5, TimeUnit.SECONDS)).as("the answer under way").isEqualTo(3);
			SQLException failure = catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT 4"));
			assertLastWords(driver, failure, "Server shutdown in progress");
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aServerErrorIsRewrittenIntoAnother(JdbcDriver driver) throws SQLException {
		// 1146 no such table, rewritten into MySQL's --super-read-only refusal
		this.proxy.rewriteError(1146, MySqlErrorPacket.SUPER_READ_ONLY, 1);
		try (Connection connection = connect(driver)) {
			SQLException failure = catchThrowableOfType(SQLException.class,
					() -> query(connection, "SELECT * FROM app.no_such_table"));
			assertThat(failure.getErrorCode()).isEqualTo(1290);
			assertThat((Throwable) failure).hasMessageContaining("--super-read-only");
			failure = catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT * FROM app.no_such_table"));
			assertThat(failure.getErrorCode()).as("once only").isEqualTo(1146);
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aServerPreparedStatementIsMatchedByItsText(JdbcDriver driver) throws SQLException {
		MySqlProtocolProxy.Rule rule = this.proxy.answerWithError("SELECT \\? \\+ 40", MySqlErrorPacket.QUERY_TIMEOUT, 1,
				false);
		try (Connection connection = connect(driver, "useServerPrepStmts=true");
				PreparedStatement statement = connection.prepareStatement("SELECT ? + 40")) {
			statement.setInt(1, 2);
			SQLException failure = catchThrowableOfType(SQLException.class, statement::executeQuery);
			assertThat(failure.getErrorCode()).isEqualTo(3024);
			try (ResultSet result = statement.executeQuery()) {
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isEqualTo(42);
			}
			assertThat(rule.matched()).isEqualTo(1);
		}
	}

	/**
	 * MariaDB Connector/J sends a prepare and its execute in one write: the prepare must
	 * reach the server although the execute is answered by the proxy (a hang, once).
	 */
	@RepeatedTest(20)
	void aPipelinedPrepareReachesTheServerWhenItsExecuteIsAnswered() throws SQLException {
		this.proxy.answerWithError("SELECT \\? \\+ 41", MySqlErrorPacket.QUERY_TIMEOUT, 1, false);
		try (Connection connection = connect(JdbcDriver.MARIADB_CONNECTOR_J, "useServerPrepStmts=true");
				PreparedStatement statement = connection.prepareStatement("SELECT ? + 41")) {
			statement.setInt(1, 1);
			SQLException failure = catchThrowableOfType(SQLException.class, statement::executeQuery);
			assertThat(failure.getErrorCode()).isEqualTo(3024);
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void answersAreFollowedToTheirEnd(JdbcDriver driver) throws SQLException {
		try (Connection connection = connect(driver, "useServerPrepStmts=true&allowMultiQueries=true")) {
			// A text result set of many packets
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT seq, REPEAT('x', 200) FROM seq_1_to_5000")) {
				int rows = 0;
				while (result.next()) {
					rows++;
				}
				assertThat(rows).isEqualTo(5000);
			}
			assertThat(this.proxy.idleConnections()).as("idle after a text result set").isEqualTo(1);
			// A binary result set of a server-prepared statement
			try (PreparedStatement statement = connection.prepareStatement("SELECT seq FROM seq_1_to_3000 WHERE seq > ?")) {
				statement.setInt(1, 1000);
				try (ResultSet result = statement.executeQuery()) {
					int rows = 0;
					while (result.next()) {
						rows++;
					}
					assertThat(rows).isEqualTo(2000);
				}
			}
			assertThat(this.proxy.idleConnections()).as("idle after a binary result set").isEqualTo(1);
			// Several result sets in one answer, then an error
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1; SELECT 2; DO 3");
				while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
					// drain
				}
			}
			assertThat(this.proxy.idleConnections()).as("idle after multiple result sets").isEqualTo(1);
			assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT * FROM app.none")))
				.isNotNull();
			assertThat(this.proxy.idleConnections()).as("idle after an error").isEqualTo(1);
			this.proxy.cutAfterExecution("SELECT 77", 1);
			assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> query(connection, "SELECT 77")))
				.as("the rule acts on the answer of its own statement").isNotNull();
		}
	}

	private Connection connect(JdbcDriver driver, String options) throws SQLException {
		MySqlCredentials credentials = this.server.applicationCredentials();
		return DriverManager.getConnection(
				driver.url(this.proxy.host(), this.proxy.port(), this.server.database()) + "?" + options,
				credentials.username(), credentials.password());
	}

	/**
	 * What a client makes of the error a server sends before it closes a connection the
	 * client is not using: MariaDB Connector/J reads it as the answer to its next command;
	 * Connector/J clears what is pending on the socket before it sends a command, so the
	 * server's last words are discarded and it finds the connection closed.
	 */
	private static void assertLastWords(JdbcDriver driver, SQLException failure, String words) {
		if (driver == JdbcDriver.MYSQL_CONNECTOR_J) {
			assertThat(failure.getSQLState()).isEqualTo("08S01");
		}
		else {
			assertThat((Throwable) failure).hasMessageContaining(words);
		}
	}

	private static int uncheckedQuery(Connection connection, String sql) {
		try {
			return query(connection, sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
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
