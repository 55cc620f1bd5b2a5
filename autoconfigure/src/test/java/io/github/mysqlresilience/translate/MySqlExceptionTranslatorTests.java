package io.github.mysqlresilience.translate;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.mysql.cj.jdbc.exceptions.MySQLTimeoutException;
import com.mysql.cj.jdbc.exceptions.MysqlDataTruncation;
import com.mysql.cj.jdbc.exceptions.SQLError;
import io.github.mysqlresilience.error.ConnectorJErrors;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link MySqlExceptionTranslator}, run beside Spring's default translator on
 * the exceptions Connector/J raises, to enforce the rule of DESIGN.md §5: every result is
 * an instance of what Spring's default returns, unless that is
 * {@code UncategorizedSQLException} (null here) or plainly wrong.
 */
class MySqlExceptionTranslatorTests {

	/**
	 * Codes for which Spring's default answer is plainly wrong: Connector/J reports these
	 * access and limit errors with SQLState 42000, which Spring reads as bad grammar.
	 */
	private static final Set<Integer> PLAINLY_WRONG = Set.of(1044, 1142, 1143, 1227, 1203);

	private final SQLExceptionTranslator spring = new SQLExceptionSubclassTranslator();

	private final SQLExceptionTranslator translator = new MySqlExceptionTranslator();

	static Stream<Arguments> connectorJExceptions() {
		return Stream.of(
				arguments(server(1062, "Duplicate entry 'alice@example.com' for key 'users.email'"),
						MySqlDuplicateKeyException.class),
				arguments(server(1586, "Duplicate entry '1' for key 'PRIMARY'"), MySqlDuplicateKeyException.class),
				arguments(server(1022, "Can't write; duplicate key in table 't'"), MySqlDuplicateKeyException.class),
				arguments(server(1451, "Cannot delete or update a parent row"), MySqlForeignKeyViolationException.class),
				arguments(server(1452, "Cannot add or update a child row"), MySqlForeignKeyViolationException.class),
				arguments(server(1048, "Column 'name' cannot be null"), MySqlDataIntegrityViolationException.class),
				arguments(server(1364, "Field 'name' doesn't have a default value"),
						MySqlDataIntegrityViolationException.class),
				arguments(server(1366, "Incorrect integer value: 'x' for column 'n' at row 1"),
						MySqlDataIntegrityViolationException.class),
				arguments(server(3819, "Check constraint 'c' is violated."),
						MySqlDataIntegrityViolationException.class),
				arguments(new MysqlDataTruncation("Data too long for column 'name' at row 1", 1, false, false, 300, 20,
						1406),
						MySqlDataIntegrityViolationException.class),
				arguments(server(1213, "Deadlock found when trying to get lock; try restarting transaction"),
						MySqlDeadlockException.class),
				arguments(server(3101, "Plugin instructed the server to rollback the current transaction."),
						MySqlDeadlockException.class),
				arguments(withState(1205, "40001", "Lock wait timeout exceeded; try restarting transaction"),
						MySqlLockWaitTimeoutException.class),
				arguments(server(3572, "Statement aborted because lock(s) could not be acquired immediately"),
						MySqlLockNowaitException.class),
				arguments(server(1317, "Query execution was interrupted"), MySqlQueryInterruptedException.class),
				arguments(server(3024, "Query execution was interrupted, maximum statement execution time exceeded"),
						MySqlQueryTimeoutException.class),
				arguments(withState(1969, "70100", "Query execution was interrupted (max_statement_time exceeded)"),
						MySqlQueryTimeoutException.class),
				arguments(new MySQLTimeoutException(), MySqlQueryTimeoutException.class),
				arguments(server(1290, "The MySQL server is running with the --read-only option"),
						MySqlReadOnlyException.class),
				arguments(server(1290, "The MySQL server is running with the --super-read-only option"),
						MySqlReadOnlyException.class),
				arguments(server(1836, "Running in read-only mode"), MySqlReadOnlyException.class),
				arguments(server(1792, "Cannot execute statement in a READ ONLY transaction."),
						MySqlReadOnlyTransactionException.class),
				arguments(server(1053, "Server shutdown in progress"), MySqlServerShutdownException.class),
				arguments(withState(1927, "70100", "Connection was killed"), MySqlConnectionLostException.class),
				arguments(server(1047, "WSREP has not yet prepared node for application use"),
						MySqlConnectionAbortedException.class),
				arguments(server(1158, "Got an error reading communication packets"),
						MySqlConnectionAbortedException.class),
				arguments(SQLError.createCommunicationsException("Communications link failure",
						new SocketException("Connection reset"), null), MySqlConnectionLostException.class),
				arguments(SQLError.createCommunicationsException(
						"The client was disconnected by the server because of inactivity.", null, null),
						MySqlConnectionLostException.class),
				arguments(SQLError.createCommunicationsException("Communications link failure",
						new ConnectException("Connection refused"), null), MySqlCannotConnectException.class),
				arguments(server(1129, "Host '10.0.0.1' is blocked because of many connection errors"),
						MySqlCannotConnectException.class),
				arguments(server(1040, "Too many connections"), MySqlTooManyConnectionsException.class),
				arguments(server(1203, "User app already has more than 'max_user_connections' active connections"),
						MySqlTooManyConnectionsException.class),
				arguments(server(1045, "Access denied for user 'app'@'localhost' (using password: YES)"),
						MySqlAccessDeniedException.class),
				arguments(server(1044, "Access denied for user 'app'@'%' to database 'other'"),
						MySqlAccessDeniedException.class),
				arguments(server(1142, "INSERT command denied to user 'app'@'localhost' for table 't'"),
						MySqlAccessDeniedException.class),
				arguments(server(1143, "SELECT command denied to user 'app'@'localhost' for column 'secret' in table 't'"),
						MySqlAccessDeniedException.class),
				arguments(server(1227, "Access denied; you need (at least one of) the SUPER privilege(s)"),
						MySqlAccessDeniedException.class),
				arguments(server(1698, "Access denied for user 'root'@'localhost'"), MySqlAccessDeniedException.class),
				arguments(server(1064, "You have an error in your SQL syntax"), MySqlBadSqlGrammarException.class),
				arguments(server(1146, "Table 'app.missing' doesn't exist"), MySqlBadSqlGrammarException.class),
				arguments(server(1054, "Unknown column 'x' in 'field list'"), MySqlBadSqlGrammarException.class),
				arguments(SQLError.createSQLException(
						"Error retrieving record: Unexpected Exception: java.net.SocketException message given: Connection reset",
						"S1000", new SocketException("Connection reset"), null), MySqlStreamAbortedException.class),
				arguments(SQLError.createSQLException(
						"Streaming result set com.mysql.cj.protocol.a.result.ResultsetRowsStreaming@1 is still active.",
						"S1000", null), MySqlStreamAbortedException.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectorJExceptions")
	void translatesEveryConnectorJExceptionCompatiblyWithSpring(SQLException ex, Class<?> expected) {
		DataAccessException ours = this.translator.translate("task", "SELECT 1", ex);
		DataAccessException springDefault = this.spring.translate("task", "SELECT 1", ex);
		assertThat(ours).isInstanceOf(expected).isInstanceOf(MySqlDataAccessFailure.class);
		assertThat(ours.getCause()).isSameAs(ex);
		if (springDefault != null && !PLAINLY_WRONG.contains(ex.getErrorCode())) {
			assertThat(ours).isInstanceOf(springDefault.getClass());
		}
	}

	@Test
	void deadlockAndLockWaitTimeoutAreDistinct() {
		DataAccessException deadlock = this.translator.translate("task", null, server(1213, "Deadlock found"));
		DataAccessException lockWait = this.translator.translate("task", null,
				withState(1205, "40001", "Lock wait timeout exceeded"));
		assertThat(deadlock).isInstanceOf(MySqlDeadlockException.class)
			.isNotInstanceOf(MySqlLockWaitTimeoutException.class);
		assertThat(lockWait).isInstanceOf(MySqlLockWaitTimeoutException.class)
			.isNotInstanceOf(MySqlDeadlockException.class);
	}

	@Test
	void duplicateKeyMessageCarriesTheKeyButNotTheValue() {
		DataAccessException ex = this.translator.translate("INSERT", "INSERT INTO users (email) VALUES (?)",
				server(1062, "Duplicate entry 'alice@example.com' for key 'users.email'"));
		assertThat(ex).isInstanceOf(MySqlDuplicateKeyException.class);
		assertThat(ex.getMessage()).isEqualTo(
				"INSERT; SQL [INSERT INTO users (email) VALUES (?)]; Duplicate entry '?' for key 'users.email'");
		assertThat(((MySqlDuplicateKeyException) ex).getKeyName()).isEqualTo("email");
		assertThat(((MySqlDataAccessFailure) ex).getMySqlError().category()).isEqualTo(MySqlErrorCategory.DUPLICATE_KEY);
	}

	@Test
	void redactsATaskThatQuotesTheDriversMessage() {
		SQLException ex = server(1062, "Duplicate entry 'alice@example.com' for key 'users.email'");
		DataAccessException translated = this.translator.translate("Hibernate operation: could not execute statement ["
				+ ex.getMessage() + "] [insert into users (email) values (?)]", null, ex);
		assertThat(translated.getMessage()).doesNotContain("alice@example.com");
	}

	@Test
	void unknownFailuresGoToSpringsDefault() {
		SQLException other = server(1234, "Incorrect usage of UNION and ORDER BY");
		SQLException notMySql = new SQLException("no code, no state");
		for (SQLException ex : List.of(other, notMySql)) {
			DataAccessException ours = this.translator.translate("task", null, ex);
			DataAccessException springDefault = this.spring.translate("task", null, ex);
			assertThat(ours instanceof MySqlDataAccessFailure).isFalse();
			assertThat(typeOf(ours)).isEqualTo(typeOf(springDefault));
		}
	}

	@Test
	void findsTheMySqlErrorThroughWrappers() {
		DataAccessException ex = this.translator.translate("task", null, server(1290, "--read-only"));
		assertThat(MySqlDataAccessFailure.find(new IllegalStateException(ex))).map((error) -> error.category())
			.contains(MySqlErrorCategory.READ_ONLY);
		assertThat(MySqlDataAccessFailure.find(new IllegalStateException("no"))).isEmpty();
	}

	private static String typeOf(DataAccessException ex) {
		return (ex != null) ? ex.getClass().getName() : "null (UncategorizedSQLException)";
	}

	private static SQLException server(int code, String message) {
		return ConnectorJErrors.serverError(code, message);
	}

	/**
	 * A server error whose SQLState the server sends (and Connector/J keeps) differs
	 * from Connector/J's own table, as for 1205 (40001) and MariaDB's 1969 and 1927
	 * (70100).
	 */
	private static SQLException withState(int code, String sqlState, String message) {
		return SQLError.createSQLException(message, sqlState, code, null);
	}

}
