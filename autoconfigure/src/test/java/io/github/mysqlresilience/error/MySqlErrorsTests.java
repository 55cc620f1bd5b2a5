package io.github.mysqlresilience.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static io.github.mysqlresilience.error.ConnectorJErrors.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link MySqlErrors} on exceptions made by Connector/J's own factory, and on
 * the shapes the drivers, HikariCP and Spring give them.
 */
class MySqlErrorsTests {

	static Stream<Arguments> serverErrors() {
		return Stream.of(
				arguments(1062, "Duplicate entry 'alice@example.com' for key 'users.email'",
						MySqlErrorCategory.DUPLICATE_KEY, RetrySafety.NEVER),
				arguments(1586, "Duplicate entry '7' for key 'PRIMARY'", MySqlErrorCategory.DUPLICATE_KEY,
						RetrySafety.NEVER),
				arguments(1022, "Can't write; duplicate key in table 't'", MySqlErrorCategory.DUPLICATE_KEY,
						RetrySafety.NEVER),
				arguments(1451, "Cannot delete or update a parent row: a foreign key constraint fails",
						MySqlErrorCategory.FOREIGN_KEY, RetrySafety.NEVER),
				arguments(1452, "Cannot add or update a child row: a foreign key constraint fails",
						MySqlErrorCategory.FOREIGN_KEY, RetrySafety.NEVER),
				arguments(1048, "Column 'name' cannot be null", MySqlErrorCategory.DATA_INTEGRITY, RetrySafety.NEVER),
				arguments(3819, "Check constraint 'positive' is violated.", MySqlErrorCategory.DATA_INTEGRITY,
						RetrySafety.NEVER),
				arguments(1213, "Deadlock found when trying to get lock; try restarting transaction",
						MySqlErrorCategory.DEADLOCK, RetrySafety.TRANSACTION_ROLLED_BACK),
				arguments(3101, "Plugin instructed the server to rollback the current transaction.",
						MySqlErrorCategory.DEADLOCK, RetrySafety.TRANSACTION_ROLLED_BACK),
				arguments(1205, "Lock wait timeout exceeded; try restarting transaction",
						MySqlErrorCategory.LOCK_WAIT_TIMEOUT, RetrySafety.TRANSACTION_ROLLED_BACK),
				arguments(3572,
						"Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.",
						MySqlErrorCategory.LOCK_NOWAIT, RetrySafety.NEVER),
				arguments(1317, "Query execution was interrupted", MySqlErrorCategory.QUERY_KILLED, RetrySafety.NEVER),
				arguments(3024, "Query execution was interrupted, maximum statement execution time exceeded",
						MySqlErrorCategory.QUERY_TIMEOUT, RetrySafety.NEVER),
				arguments(1969, "Query execution was interrupted (max_statement_time exceeded)",
						MySqlErrorCategory.QUERY_TIMEOUT, RetrySafety.NEVER),
				arguments(1290,
						"The MySQL server is running with the --read-only option so it cannot execute this statement",
						MySqlErrorCategory.READ_ONLY, RetrySafety.SAFE),
				arguments(1290,
						"The MySQL server is running with the --super-read-only option so it cannot execute this statement",
						MySqlErrorCategory.READ_ONLY, RetrySafety.SAFE),
				arguments(1290,
						"The MySQL server is running with the --secure-file-priv option so it cannot execute this statement",
						MySqlErrorCategory.OTHER, RetrySafety.NEVER),
				arguments(1836, "Running in read-only mode", MySqlErrorCategory.READ_ONLY, RetrySafety.SAFE),
				arguments(1792, "Cannot execute statement in a READ ONLY transaction.",
						MySqlErrorCategory.READ_ONLY_TRANSACTION, RetrySafety.NEVER),
				arguments(1053, "Server shutdown in progress", MySqlErrorCategory.SERVER_SHUTDOWN,
						RetrySafety.OUTCOME_UNKNOWN),
				arguments(4031,
						"The client was disconnected by the server because of inactivity. See wait_timeout and interactive_timeout for configuring this behavior.",
						MySqlErrorCategory.CONNECTION_LOST, RetrySafety.SAFE),
				arguments(1927, "Connection was killed", MySqlErrorCategory.CONNECTION_LOST,
						RetrySafety.OUTCOME_UNKNOWN),
				arguments(1040, "Too many connections", MySqlErrorCategory.TOO_MANY_CONNECTIONS, RetrySafety.SAFE),
				arguments(1045, "Access denied for user 'app'@'localhost' (using password: YES)",
						MySqlErrorCategory.ACCESS_DENIED, RetrySafety.NEVER),
				arguments(1142, "INSERT command denied to user 'app'@'localhost' for table 't'",
						MySqlErrorCategory.ACCESS_DENIED, RetrySafety.NEVER),
				arguments(1064, "You have an error in your SQL syntax", MySqlErrorCategory.BAD_SQL, RetrySafety.NEVER),
				arguments(1146, "Table 'app.missing' doesn't exist", MySqlErrorCategory.BAD_SQL, RetrySafety.NEVER),
				arguments(1129, "Host '10.0.0.1' is blocked because of many connection errors",
						MySqlErrorCategory.CANNOT_CONNECT, RetrySafety.SAFE),
				arguments(1366, "Incorrect integer value: 'abc' for column 'n' at row 1",
						MySqlErrorCategory.DATA_INTEGRITY, RetrySafety.NEVER),
				arguments(1234, "Incorrect usage of something", MySqlErrorCategory.OTHER, RetrySafety.NEVER));
	}

	@ParameterizedTest(name = "{0} {2}")
	@MethodSource("serverErrors")
	void classifiesServerErrors(int code, String message, MySqlErrorCategory category, RetrySafety safety) {
		SQLException exception = serverError(code, message);
		MySqlError error = MySqlErrors.classify(exception).orElseThrow();
		assertThat(error.category()).isEqualTo(category);
		assertThat(error.retrySafety()).isEqualTo(safety);
		assertThat(error.code()).isEqualTo(code);
		assertThat(error.sqlState()).isEqualTo(exception.getSQLState());
		assertThat(MySqlErrors.errorCode(exception)).isEqualTo(code);
		assertThat(MySqlErrors.canRetry(exception)).isEqualTo(safety.allowsRetry());
	}

	@Test
	void classifiesThroughSpringAndPoolWrappersAtAnyDepth() {
		SQLException driver = serverError(1213, "Deadlock found when trying to get lock");
		RuntimeException wrapped = new IllegalStateException("service",
				new DataIntegrityViolationException("outer", new RuntimeException("middle", driver)));
		assertThat(MySqlErrors.classify(wrapped)).map(MySqlError::category).contains(MySqlErrorCategory.DEADLOCK);
		assertThat(MySqlErrors.errorCode(wrapped)).isEqualTo(1213);
	}

	@Test
	void readsNextExceptionsAndSuppressedExceptions() {
		SQLException batch = new SQLException("Batch entry 2 failed");
		batch.setNextException(serverError(1062, "Duplicate entry '1' for key 'PRIMARY'"));
		assertThat(MySqlErrors.classify(batch)).map(MySqlError::category).contains(MySqlErrorCategory.DUPLICATE_KEY);
		RuntimeException withSuppressed = new RuntimeException("close failed");
		withSuppressed.addSuppressed(serverError(1205, "Lock wait timeout exceeded"));
		assertThat(MySqlErrors.classify(withSuppressed)).map(MySqlError::category)
			.contains(MySqlErrorCategory.LOCK_WAIT_TIMEOUT);
	}

	@Test
	void redactsTheDuplicatedValueAndParsesTheKeyForBothServers() {
		MySqlError mysql = MySqlErrors
			.classify(serverError(1062, "Duplicate entry 'alice@example.com' for key 'users.email'"))
			.orElseThrow();
		assertThat(mysql.message()).isEqualTo("Duplicate entry '?' for key 'users.email'").doesNotContain("alice");
		assertThat(mysql.keyName()).isEqualTo("email");
		SQLException mariaDbDriver = new java.sql.SQLIntegrityConstraintViolationException(
				"(conn=42) Duplicate entry 'it's alice' for key 'email'", "23000", 1062);
		MySqlError mariadb = MySqlErrors.classify(mariaDbDriver).orElseThrow();
		assertThat(mariadb.message()).isEqualTo("Duplicate entry '?' for key 'email'");
		assertThat(mariadb.keyName()).isEqualTo("email");
	}

	@Test
	void redactsIncorrectValues() {
		MySqlError error = MySqlErrors
			.classify(serverError(1366, "Incorrect integer value: 'secret' for column 'n' at row 1"))
			.orElseThrow();
		assertThat(error.message()).isEqualTo("Incorrect integer value: '?' for column 'n' at row 1");
	}

	@Test
	void keepsValuesWhenAskedTo() {
		MySqlError error = new MySqlErrorClassifier(true)
			.classify(serverError(1062, "Duplicate entry 'alice@example.com' for key 'users.email'"))
			.orElseThrow();
		assertThat(error.message()).contains("alice@example.com");
	}

	@Test
	void connectionLostWithoutCodeFromEitherDriver() {
		SQLException connectorJ = com.mysql.cj.jdbc.exceptions.SQLError
			.createCommunicationsException("Communications link failure", new SocketException("Connection reset"), null);
		assertThat(MySqlErrors.classify(connectorJ)).map(MySqlError::category)
			.contains(MySqlErrorCategory.CONNECTION_LOST);
		SQLException mariaDb = new SQLNonTransientConnectionException(
				"(conn=7) Socket error: Connection reset", "08000", -1);
		MySqlError error = MySqlErrors.classify(mariaDb).orElseThrow();
		assertThat(error.category()).isEqualTo(MySqlErrorCategory.CONNECTION_LOST);
		assertThat(error.code()).isZero();
		assertThat(error.retrySafety()).isEqualTo(RetrySafety.OUTCOME_UNKNOWN);
	}

	@Test
	void connectRefusedIsCannotConnect() {
		SQLException refused = com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(
				"Communications link failure", new ConnectException("Connection refused"), null);
		assertThat(MySqlErrors.classify(refused)).map(MySqlError::category).contains(MySqlErrorCategory.CANNOT_CONNECT);
		assertThat(MySqlErrors.canRetry(refused)).isTrue();
	}

	@Test
	void hikariBorrowFailureIsCannotConnectUnlessItsCauseSaysOtherwise() {
		SQLException lastConnectFailure = com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(
				"Communications link failure", new ConnectException("Connection refused"), null);
		SQLTransientConnectionException borrow = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 30000ms (total=0, active=0, idle=0, waiting=0)",
				lastConnectFailure.getSQLState(), lastConnectFailure.getErrorCode(), lastConnectFailure);
		borrow.setNextException(lastConnectFailure);
		assertThat(MySqlErrors.classify(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", borrow)))
			.map(MySqlError::category)
			.contains(MySqlErrorCategory.CANNOT_CONNECT);
		SQLException denied = serverError(1045, "Access denied for user 'app'@'localhost' (using password: YES)");
		SQLTransientConnectionException deniedBorrow = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 30000ms", denied.getSQLState(),
				denied.getErrorCode(), denied);
		assertThat(MySqlErrors.classify(new CannotCreateTransactionException("Could not open JDBC Connection",
				deniedBorrow)))
			.map(MySqlError::category)
			.contains(MySqlErrorCategory.ACCESS_DENIED);
		SQLException shutdown = serverError(1053, "Server shutdown in progress");
		assertThat(MySqlErrors.classify(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				shutdown)))
			.map(MySqlError::category)
			.contains(MySqlErrorCategory.CANNOT_CONNECT);
	}

	@Test
	void hikariClosedConnectionIsConnectionLost() {
		// HikariCP 7 raises it with neither SQLState nor code
		SQLException closed = new SQLException(
				"HikariProxyConnection@1 wrapping conn0: url=jdbc:mysql://db user=app Connection is closed");
		assertThat(MySqlErrors.classify(closed)).map(MySqlError::category).contains(MySqlErrorCategory.CONNECTION_LOST);
	}

	@Test
	void driverQueryTimeoutWithoutCodeIsQueryTimeout() {
		SQLException timeout = new com.mysql.cj.jdbc.exceptions.MySQLTimeoutException();
		assertThat(MySqlErrors.classify(timeout)).map(MySqlError::category).contains(MySqlErrorCategory.QUERY_TIMEOUT);
		SQLException mariaDbKill = new SQLTimeoutException("(conn=3) Query execution was interrupted", "70100", 1317);
		assertThat(MySqlErrors.classify(mariaDbKill)).map(MySqlError::category)
			.contains(MySqlErrorCategory.QUERY_KILLED);
	}

	@Test
	void connectorJStreamingAbortIsStreamAborted() {
		SQLException abort = com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(
				"Error retrieving record: Unexpected Exception: java.net.SocketException message given: Connection reset",
				"S1000", new SocketException("Connection reset"), null);
		MySqlError error = MySqlErrors.classify(abort).orElseThrow();
		assertThat(error.category()).isEqualTo(MySqlErrorCategory.STREAM_ABORTED);
		assertThat(error.retrySafety()).isEqualTo(RetrySafety.NEVER);
	}

	@Test
	void unknownFailuresAreNotMySqlErrors() {
		assertThat(MySqlErrors.classify(null)).isEmpty();
		assertThat(MySqlErrors.classify(new IllegalArgumentException("no"))).isEmpty();
		assertThat(MySqlErrors.classify(new IOException("http", new SocketException("Connection reset")))).isEmpty();
		assertThat(MySqlErrors.classify(new SQLException("no code, no state"))).isEmpty();
		assertThat(MySqlErrors.errorCode(null)).isZero();
		assertThat(MySqlErrors.canRetry(null)).isFalse();
	}

	@Test
	void survivesCyclesAndThrowingAccessors() {
		SQLException first = new SQLException("first");
		SQLException second = new SQLException("second", first);
		first.setNextException(second);
		first.addSuppressed(second);
		assertThat(MySqlErrors.classify(first)).isEmpty();
		SQLException hostile = new SQLException("hostile", "HY000", 1062) {

			@Override
			public String getMessage() {
				throw new IllegalStateException("no message for you");
			}

			@Override
			public synchronized Throwable getCause() {
				throw new IllegalStateException("no cause either");
			}

		};
		MySqlError error = MySqlErrors.classify(hostile).orElseThrow();
		assertThat(error.category()).isEqualTo(MySqlErrorCategory.DUPLICATE_KEY);
		assertThat(error.message()).isEmpty();
	}

}
