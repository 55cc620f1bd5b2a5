package io.github.mysqlresilience.translate;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.error.RetrySafety;
import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlCredentials;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Real failures of a real server, with both drivers: each is classified and translated
 * to the same category, retry safety and Spring type.
 */
@WithMySqlServer
class RealFailuresIntegrationTests {

	private static final String LONG_QUERY = "SELECT COUNT(*) FROM information_schema.COLUMNS a, "
			+ "information_schema.COLUMNS b, information_schema.COLUMNS c";

	private final MySqlTestServer server;

	private final MySqlExceptionTranslator translator = new MySqlExceptionTranslator();

	private final List<Connection> connections = new ArrayList<>();

	RealFailuresIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTables() {
		this.server.execute("DROP TABLE IF EXISTS app.child", "DROP TABLE IF EXISTS app.parent",
				"CREATE TABLE app.parent (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, balance INT NOT NULL,"
						+ " UNIQUE KEY email (email)) ENGINE=InnoDB",
				"CREATE TABLE app.child (id INT PRIMARY KEY, parent_id INT NOT NULL,"
						+ " CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES app.parent (id)) ENGINE=InnoDB",
				"INSERT INTO app.parent VALUES (1, 'alice@example.com', 100), (2, 'bob@example.com', 100)",
				"INSERT INTO app.child VALUES (10, 1)");
	}

	@AfterEach
	void closeConnections() {
		for (Connection connection : this.connections) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// already lost
			}
		}
		this.server.setReadOnly(false);
		this.server.execute("SET GLOBAL max_connections = 200");
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void duplicatePrimaryKey(JdbcDriver driver) throws SQLException {
		DataAccessException ex = failure(driver, "INSERT INTO app.parent VALUES (1, 'carol@example.com', 0)");
		assertThat(ex).isInstanceOf(MySqlDuplicateKeyException.class);
		assertThat(((MySqlDuplicateKeyException) ex).getKeyName()).isEqualTo("PRIMARY");
		assertError(ex, MySqlErrorCategory.DUPLICATE_KEY, RetrySafety.NEVER, 1062);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void duplicateSecondaryKeyIsRedacted(JdbcDriver driver) throws SQLException {
		DataAccessException ex = failure(driver, "INSERT INTO app.parent VALUES (3, 'alice@example.com', 0)");
		assertThat(ex).isInstanceOf(MySqlDuplicateKeyException.class);
		assertThat(((MySqlDuplicateKeyException) ex).getKeyName()).isEqualTo("email");
		assertThat(ex.getMessage()).contains("Duplicate entry '?' for key 'email'")
			.doesNotContain("Duplicate entry 'alice");
		assertThat(((MySqlDataAccessFailure) ex).getMySqlError().message())
			.isEqualTo("Duplicate entry '?' for key 'email'");
		assertError(ex, MySqlErrorCategory.DUPLICATE_KEY, RetrySafety.NEVER, 1062);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void userTextInADuplicateValueDecidesNothing(JdbcDriver driver) throws SQLException {
		String text = "Connection is closed; Socket fail to connect; Error retrieving record";
		this.server.execute("INSERT INTO app.parent VALUES (3, '" + text + "', 0)");
		SQLException duplicate = failureOf(connect(driver), "INSERT INTO app.parent VALUES (4, '" + text + "', 0)");
		assertThat(MySqlErrors.classify(duplicate)).get()
			.extracting(MySqlError::category)
			.isEqualTo(MySqlErrorCategory.DUPLICATE_KEY);
		// a wrapper that quotes the server's message (Spring's, Hibernate's) changes nothing
		RuntimeException quoting = new RuntimeException("could not execute statement: " + duplicate.getMessage(),
				duplicate);
		assertThat(MySqlErrors.classify(quoting)).get()
			.extracting(MySqlError::category)
			.isEqualTo(MySqlErrorCategory.DUPLICATE_KEY);
		DataAccessException ex = this.translator.translate("test", null, duplicate);
		assertThat(ex).isInstanceOf(MySqlDuplicateKeyException.class);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void userTextAndStateInASignalDecideNothing(JdbcDriver driver) throws SQLException {
		this.server.execute("DROP PROCEDURE IF EXISTS app.refuse",
				"CREATE PROCEDURE app.refuse(state CHAR(5), text VARCHAR(200)) BEGIN"
						+ " IF state = '08S01' THEN SIGNAL SQLSTATE '08S01' SET MESSAGE_TEXT = text;"
						+ " ELSE SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = text; END IF; END",
				"GRANT EXECUTE ON PROCEDURE app.refuse TO '" + this.server.applicationCredentials().username() + "'@'%'");
		Connection connection = connect(driver);
		for (String call : List.of("CALL app.refuse('08S01', 'Communications link failure: Connection is closed')",
				"CALL app.refuse('45000', 'Socket fail to connect to host')",
				"CALL app.refuse('45000', 'Error retrieving record')")) {
			SQLException signal = failureOf(connection, call);
			assertThat((Throwable) signal).as(call).isNotNull();
			assertThat(signal.getErrorCode()).isEqualTo(1644);
			assertThat(MySqlErrors.classify(signal)).as(call)
				.get()
				.satisfies((error) -> {
					assertThat(error.category()).isEqualTo(MySqlErrorCategory.OTHER);
					assertThat(error.retrySafety()).isEqualTo(RetrySafety.NEVER);
				});
		}
		assertThat((Throwable) failureOf(connection, "SELECT 1")).as("the connection is still good").isNull();
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void foreignKeys(JdbcDriver driver) throws SQLException {
		DataAccessException missingParent = failure(driver, "INSERT INTO app.child VALUES (11, 99)");
		assertThat(missingParent).isInstanceOf(MySqlForeignKeyViolationException.class);
		assertError(missingParent, MySqlErrorCategory.FOREIGN_KEY, RetrySafety.NEVER, 1452);
		DataAccessException parentInUse = failure(driver, "DELETE FROM app.parent WHERE id = 1");
		assertThat(parentInUse).isInstanceOf(MySqlForeignKeyViolationException.class);
		assertError(parentInUse, MySqlErrorCategory.FOREIGN_KEY, RetrySafety.NEVER, 1451);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void deadlock(JdbcDriver driver) throws Exception {
		Connection first = transaction(driver);
		Connection second = transaction(driver);
		execute(first, "UPDATE app.parent SET balance = balance - 1 WHERE id = 1");
		execute(second, "UPDATE app.parent SET balance = balance - 1 WHERE id = 2");
		CompletableFuture<SQLException> firstWaits = CompletableFuture
			.supplyAsync(() -> failureOf(first, "UPDATE app.parent SET balance = balance + 1 WHERE id = 2"));
		awaitLockWait();
		SQLException secondFailure = failureOf(second, "UPDATE app.parent SET balance = balance + 1 WHERE id = 1");
		SQLException firstFailure = firstWaits.get(30, TimeUnit.SECONDS);
		SQLException victim = (secondFailure != null) ? secondFailure : firstFailure;
		assertThat(secondFailure == null || firstFailure == null).as("only one victim").isTrue();
		DataAccessException ex = this.translator.translate("deadlock", null, victim);
		assertThat(ex).isInstanceOf(MySqlDeadlockException.class);
		assertError(ex, MySqlErrorCategory.DEADLOCK, RetrySafety.TRANSACTION_ROLLED_BACK, 1213);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void lockWaitTimeout(JdbcDriver driver) throws SQLException {
		Connection holder = transaction(driver);
		execute(holder, "UPDATE app.parent SET balance = 0 WHERE id = 1");
		Connection waiter = transaction(driver);
		execute(waiter, "SET SESSION innodb_lock_wait_timeout = 1");
		SQLException failure = failureOf(waiter, "UPDATE app.parent SET balance = 1 WHERE id = 1");
		DataAccessException ex = this.translator.translate("lock wait", null, failure);
		assertThat(ex).isInstanceOf(MySqlLockWaitTimeoutException.class);
		assertError(ex, MySqlErrorCategory.LOCK_WAIT_TIMEOUT, RetrySafety.TRANSACTION_ROLLED_BACK, 1205);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void killQuery(JdbcDriver driver) throws Exception {
		Connection connection = connect(driver);
		CompletableFuture<SQLException> query = CompletableFuture.supplyAsync(() -> failureOf(connection, LONG_QUERY));
		awaitRunningQuery();
		assertThat(this.server.killQueries(this.server.applicationCredentials().username())).isEqualTo(1);
		DataAccessException ex = this.translator.translate("query", LONG_QUERY, query.get(30, TimeUnit.SECONDS));
		assertThat(ex).isInstanceOf(MySqlQueryInterruptedException.class);
		assertError(ex, MySqlErrorCategory.QUERY_KILLED, RetrySafety.NEVER, 1317);
		execute(connection, "SELECT 1");
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void killConnection(JdbcDriver driver) throws SQLException {
		Connection connection = connect(driver);
		execute(connection, "SELECT 1");
		this.server.killConnections(this.server.applicationCredentials().username());
		DataAccessException ex = this.translator.translate("query", null, failureOf(connection, "SELECT 1"));
		assertThat(ex).isInstanceOf(MySqlConnectionLostException.class);
		assertError(ex, MySqlErrorCategory.CONNECTION_LOST, RetrySafety.OUTCOME_UNKNOWN, null);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void readOnlyServer(JdbcDriver driver) throws SQLException {
		this.server.setReadOnly(true);
		DataAccessException ex = failure(driver, "UPDATE app.parent SET balance = 0 WHERE id = 1");
		assertThat(ex).isInstanceOf(MySqlReadOnlyException.class);
		assertError(ex, MySqlErrorCategory.READ_ONLY, RetrySafety.SAFE, 1290);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void writeInReadOnlyTransaction(JdbcDriver driver) throws SQLException {
		Connection connection = connect(driver);
		execute(connection, "START TRANSACTION READ ONLY");
		DataAccessException ex = this.translator.translate("write", null,
				failureOf(connection, "UPDATE app.parent SET balance = 0 WHERE id = 1"));
		assertThat(ex).isInstanceOf(MySqlReadOnlyTransactionException.class);
		assertError(ex, MySqlErrorCategory.READ_ONLY_TRANSACTION, RetrySafety.NEVER, 1792);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	@RequiresServerControl
	void serverStoppedMidQuery(JdbcDriver driver) throws Exception {
		Connection connection = connect(driver);
		CompletableFuture<SQLException> query = CompletableFuture.supplyAsync(() -> failureOf(connection, LONG_QUERY));
		awaitRunningQuery();
		SQLException failure;
		try {
			this.server.stop();
			failure = query.get(30, TimeUnit.SECONDS);
		}
		finally {
			this.server.start();
		}
		DataAccessException ex = this.translator.translate("query", LONG_QUERY, failure);
		MySqlError error = MySqlDataAccessFailure.find(ex).orElseThrow();
		assertThat(error.category()).isIn(MySqlErrorCategory.CONNECTION_LOST, MySqlErrorCategory.SERVER_SHUTDOWN);
		assertThat(error.retrySafety()).isEqualTo(RetrySafety.OUTCOME_UNKNOWN);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void connectionRefused(JdbcDriver driver) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String url = driver.url("127.0.0.1", closedPort, "app") + "?connectTimeout=2000";
		SQLException failure = connectFailure(url, this.server.applicationCredentials());
		DataAccessException ex = this.translator.translate("connect", null, failure);
		assertThat(ex).isInstanceOf(MySqlCannotConnectException.class);
		assertError(ex, MySqlErrorCategory.CANNOT_CONNECT, RetrySafety.SAFE, null);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void wrongPassword(JdbcDriver driver) {
		MySqlCredentials wrong = new MySqlCredentials(this.server.applicationCredentials().username(), "wrong");
		DataAccessException ex = this.translator.translate("connect", null,
				connectFailure(this.server.jdbcUrl(driver), wrong));
		assertThat(ex).isInstanceOf(MySqlAccessDeniedException.class);
		assertError(ex, MySqlErrorCategory.ACCESS_DENIED, RetrySafety.NEVER, 1045);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void tooManyConnections(JdbcDriver driver) throws SQLException {
		this.server.execute("SET GLOBAL max_connections = 10");
		SQLException failure = null;
		for (int i = 0; i < 20 && failure == null; i++) {
			try {
				connect(driver);
			}
			catch (SQLException ex) {
				failure = ex;
			}
		}
		DataAccessException ex = this.translator.translate("connect", null, failure);
		assertThat(ex).isInstanceOf(MySqlTooManyConnectionsException.class);
		assertError(ex, MySqlErrorCategory.TOO_MANY_CONNECTIONS, RetrySafety.SAFE, 1040);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void maxStatementTime(JdbcDriver driver) throws SQLException {
		Connection connection = connect(driver);
		String sql = "SET STATEMENT max_statement_time = 0.5 FOR " + LONG_QUERY;
		DataAccessException ex = this.translator.translate("query", sql, failureOf(connection, sql));
		assertThat(ex).isInstanceOf(MySqlQueryTimeoutException.class);
		assertError(ex, MySqlErrorCategory.QUERY_TIMEOUT, RetrySafety.NEVER, 1969);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void driverQueryTimeout(JdbcDriver driver) throws SQLException {
		Connection connection = connect(driver);
		SQLException failure = null;
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(1);
			statement.executeQuery(LONG_QUERY);
			fail("the query should have timed out");
		}
		catch (SQLException ex) {
			failure = ex;
		}
		DataAccessException ex = this.translator.translate("query", LONG_QUERY, failure);
		assertThat(ex).isInstanceOf(MySqlQueryTimeoutException.class);
		MySqlError error = MySqlDataAccessFailure.find(ex).orElseThrow();
		assertThat(error.category()).isEqualTo(MySqlErrorCategory.QUERY_TIMEOUT);
		assertThat(error.retrySafety()).isEqualTo(RetrySafety.NEVER);
	}

	private DataAccessException failure(JdbcDriver driver, String sql) throws SQLException {
		SQLException failure = failureOf(connect(driver), sql);
		assertThat((Throwable) failure).as("failure of %s", sql).isNotNull();
		return this.translator.translate("test", sql, failure);
	}

	private static void assertError(DataAccessException ex, MySqlErrorCategory category, RetrySafety safety,
			Integer code) {
		assertThat(ex).isInstanceOf(MySqlDataAccessFailure.class);
		MySqlError error = ((MySqlDataAccessFailure) ex).getMySqlError();
		assertThat(error.category()).isEqualTo(category);
		assertThat(error.retrySafety()).isEqualTo(safety);
		if (code != null) {
			assertThat(error.code()).isEqualTo(code);
		}
	}

	private Connection connect(JdbcDriver driver) throws SQLException {
		MySqlCredentials credentials = this.server.applicationCredentials();
		Connection connection = DriverManager.getConnection(this.server.jdbcUrl(driver), credentials.username(),
				credentials.password());
		this.connections.add(connection);
		return connection;
	}

	private Connection transaction(JdbcDriver driver) throws SQLException {
		Connection connection = connect(driver);
		connection.setAutoCommit(false);
		return connection;
	}

	private static SQLException connectFailure(String url, MySqlCredentials credentials) {
		try (Connection connection = DriverManager.getConnection(url, credentials.username(),
				credentials.password())) {
			throw new AssertionError("connected to " + url);
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static SQLException failureOf(Connection connection, String sql) {
		try {
			execute(connection, sql);
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	private void awaitRunningQuery() {
		awaitProcess("COMMAND = 'Query' AND INFO LIKE 'SELECT COUNT(*)%'");
	}

	private void awaitLockWait() {
		awaitProcess("STATE LIKE '%lock%' OR STATE = 'Updating'");
	}

	private void awaitProcess(String condition) {
		String user = this.server.applicationCredentials().username();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.withAdminConnection((connection) -> {
			try (Statement statement = connection.createStatement();
					var result = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '"
							+ user + "' AND (" + condition + ")")) {
				result.next();
				return result.getInt(1) > 0;
			}
		}));
	}

}
