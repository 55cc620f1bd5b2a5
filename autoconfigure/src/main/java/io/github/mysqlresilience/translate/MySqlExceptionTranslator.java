package io.github.mysqlresilience.translate;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.error.MySqlErrorListener;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.AbstractFallbackSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * {@link org.springframework.jdbc.support.SQLExceptionTranslator} for MySQL and MariaDB,
 * with either driver: every failure the error model knows becomes the most specific
 * Spring exception, carrying its {@link MySqlError} (see {@link MySqlDataAccessFailure}).
 * What it does not know goes to the fallback, Spring's default
 * ({@link SQLExceptionSubclassTranslator}), so nothing is lost.
 * <p>
 * Every exception it returns is an instance of what Spring's default returns for the same
 * Connector/J exception, so existing {@code catch} blocks keep working, except where that
 * answer is {@code UncategorizedSQLException} or plainly wrong (see
 * {@code docs/errors.md}).
 *
 * @since 0.1.0
 */
public class MySqlExceptionTranslator extends AbstractFallbackSQLExceptionTranslator {

	/**
	 * Server errors that close the connection with an error packet (SQLState 08S01):
	 * Galera not ready, and the network errors the server reports.
	 */
	private static final Set<Integer> SERVER_ABORT_CODES = Set.of(1047, 1152, 1153, 1154, 1155, 1156, 1157, 1158,
			1159, 1160, 1161);

	private final MySqlErrorClassifier classifier;

	private final List<MySqlErrorListener> listeners;

	/**
	 * Create a translator that redacts user data from messages, with Spring's default
	 * translator as its fallback.
	 */
	public MySqlExceptionTranslator() {
		this(new MySqlErrorClassifier());
	}

	/**
	 * Create a translator with the given classifier, with Spring's default translator as
	 * its fallback.
	 * @param classifier the classifier
	 */
	public MySqlExceptionTranslator(MySqlErrorClassifier classifier) {
		this(classifier, List.of());
	}

	/**
	 * Create a translator with the given classifier, telling the given listeners of each
	 * failure it translates, with Spring's default translator as its fallback.
	 * @param classifier the classifier
	 * @param listeners the listeners
	 */
	public MySqlExceptionTranslator(MySqlErrorClassifier classifier, List<MySqlErrorListener> listeners) {
		this.classifier = classifier;
		this.listeners = List.copyOf(listeners);
		setFallbackTranslator(new SQLExceptionSubclassTranslator());
	}

	@Override
	protected @Nullable DataAccessException doTranslate(String task, @Nullable String sql, SQLException ex) {
		return this.classifier.classify(ex).map((error) -> {
			for (MySqlErrorListener listener : this.listeners) {
				listener.onError(error, ex, null);
			}
			return translate(task, sql, ex, error);
		}).orElse(null);
	}

	private @Nullable DataAccessException translate(String task, @Nullable String sql, SQLException ex,
			MySqlError error) {
		// The task may quote the driver's message (Hibernate's does): redact it too
		String message = this.classifier.redact(task) + "; " + ((sql != null) ? "SQL [" + sql + "]; " : "")
				+ error.message();
		return switch (error.category()) {
			case CANNOT_CONNECT -> new MySqlCannotConnectException(message, error, ex);
			case CONNECTION_LOST -> isServerAbort(error) ? new MySqlConnectionAbortedException(message, error, ex)
					: new MySqlConnectionLostException(message, error, ex);
			case SERVER_SHUTDOWN -> new MySqlServerShutdownException(message, error, ex);
			case TOO_MANY_CONNECTIONS -> new MySqlTooManyConnectionsException(message, error, ex);
			case ACCESS_DENIED -> new MySqlAccessDeniedException(message, error, ex);
			case QUERY_KILLED -> new MySqlQueryInterruptedException(message, error, ex);
			case QUERY_TIMEOUT -> new MySqlQueryTimeoutException(message, error, ex);
			case READ_ONLY -> new MySqlReadOnlyException(message, error, ex);
			case READ_ONLY_TRANSACTION -> new MySqlReadOnlyTransactionException(message, error, ex);
			case DUPLICATE_KEY -> new MySqlDuplicateKeyException(message, error, ex);
			case FOREIGN_KEY -> new MySqlForeignKeyViolationException(message, error, ex);
			case DATA_INTEGRITY -> new MySqlDataIntegrityViolationException(message, error, ex);
			case DEADLOCK -> new MySqlDeadlockException(message, error, ex);
			case LOCK_WAIT_TIMEOUT -> new MySqlLockWaitTimeoutException(message, error, ex);
			case LOCK_NOWAIT -> new MySqlLockNowaitException(message, error, ex);
			case BAD_SQL -> new MySqlBadSqlGrammarException(task, sql, error, ex);
			case STREAM_ABORTED -> new MySqlStreamAbortedException(message, error, ex);
			case OTHER -> null;
		};
	}

	private static boolean isServerAbort(MySqlError error) {
		return SERVER_ABORT_CODES.contains(error.code());
	}

}
