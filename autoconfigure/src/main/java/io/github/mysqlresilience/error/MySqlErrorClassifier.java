package io.github.mysqlresilience.error;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Classifies a failure by walking its whole exception graph, never by the outer
 * exception's type: JdbcTemplate, JPA, jOOQ, Spring Data and pool wrappers all hide the
 * driver's {@link java.sql.SQLException} at different depths. It never throws and never
 * loops, whatever it is given.
 * <p>
 * A failure already classified by the layer that first saw it (a
 * {@link ClassifiedFailure} in the graph, the outermost one) keeps that classification.
 * <p>
 * The classifier assumes the failure came from MySQL or MariaDB: it reads vendor codes
 * as MySQL codes.
 *
 * @since 0.1.0
 * @see MySqlErrors
 */
public final class MySqlErrorClassifier {

	private static final Set<MySqlErrorCategory> KEPT_WHEN_CONNECTING = EnumSet.of(MySqlErrorCategory.ACCESS_DENIED,
			MySqlErrorCategory.TOO_MANY_CONNECTIONS, MySqlErrorCategory.BAD_SQL);

	private final boolean includeValues;

	/**
	 * Create a classifier that redacts user data from messages.
	 */
	public MySqlErrorClassifier() {
		this(false);
	}

	/**
	 * Create a classifier.
	 * @param includeValues whether messages keep user data such as the duplicated value
	 */
	public MySqlErrorClassifier(boolean includeValues) {
		this.includeValues = includeValues;
	}

	/**
	 * Classify a failure.
	 * @param failure the failure, possibly wrapped any number of times
	 * @return the MySQL error, or empty if the failure is not a MySQL error
	 */
	public Optional<MySqlError> classify(@Nullable Throwable failure) {
		try {
			List<Throwable> nodes = ExceptionGraph.walk(failure);
			for (Throwable node : nodes) {
				if (node instanceof ClassifiedFailure classified) {
					return Optional.of(classified.getMySqlError());
				}
			}
			return Optional.ofNullable(classify(FailureSignals.read(nodes)));
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			return Optional.empty();
		}
	}

	/**
	 * Redact user data from a text that may quote a MySQL message, such as the message
	 * of a Hibernate exception, unless this classifier keeps values.
	 * @param text the text
	 * @return the text without user data
	 */
	public String redact(@Nullable String text) {
		return MessageRedactor.redact(text, this.includeValues);
	}

	private @Nullable MySqlError classify(FailureSignals signals) {
		boolean connecting = signals.connectionNotObtained || signals.connectFailed;
		if (signals.coded != null) {
			MySqlErrorCategory category = categoryOf(signals.coded);
			if (connecting && !KEPT_WHEN_CONNECTING.contains(category)) {
				return error(MySqlErrorCategory.CANNOT_CONNECT, signals.coded);
			}
			return error(category, signals.coded);
		}
		Throwable reported = signals.firstSqlException;
		if (reported == null && !signals.connectionNotObtained) {
			// Not a database failure: a socket error of an HTTP client, say
			return null;
		}
		if (signals.streamAborted || (signals.connectionLost && StreamingReadScope.isActive())) {
			return error(MySqlErrorCategory.STREAM_ABORTED, reported);
		}
		if (connecting) {
			return error(MySqlErrorCategory.CANNOT_CONNECT, reported);
		}
		if (signals.streamStillActive) {
			// The driver refused the statement: an abandoned stream poisons the connection
			return error(MySqlErrorCategory.STREAM_ABORTED, reported, RetrySafety.SAFE);
		}
		if (signals.connectionLost) {
			return error(MySqlErrorCategory.CONNECTION_LOST, reported,
					signals.idleDisconnect ? RetrySafety.SAFE : RetrySafety.OUTCOME_UNKNOWN);
		}
		if (signals.timedOut) {
			return error(MySqlErrorCategory.QUERY_TIMEOUT, reported);
		}
		if (signals.firstWithCode != null) {
			return error(MySqlErrorCategory.OTHER, signals.firstWithCode);
		}
		return null;
	}

	private static MySqlErrorCategory categoryOf(Throwable coded) {
		int code = ExceptionGraph.errorCode(coded);
		MySqlErrorCategory category = ErrorCodes.category(code);
		if (category == null) {
			return MySqlErrorCategory.OTHER;
		}
		if (code == ErrorCodes.OPTION_PREVENTS_STATEMENT && !saysReadOnly(ExceptionGraph.message(coded))) {
			return MySqlErrorCategory.OTHER;
		}
		return category;
	}

	private static boolean saysReadOnly(@Nullable String message) {
		if (message == null) {
			return false;
		}
		String text = message.toLowerCase(Locale.ROOT);
		return text.contains("read-only") || text.contains("read_only");
	}

	private MySqlError error(MySqlErrorCategory category, @Nullable Throwable source) {
		int code = (source != null) ? ExceptionGraph.errorCode(source) : 0;
		RetrySafety safety = (code == ErrorCodes.IDLE_DISCONNECT) ? RetrySafety.SAFE : category.defaultRetrySafety();
		return error(category, source, safety);
	}

	private MySqlError error(MySqlErrorCategory category, @Nullable Throwable source, RetrySafety safety) {
		if (source == null) {
			return new MySqlError(category, 0, null, "", safety, null);
		}
		String rawMessage = ExceptionGraph.message(source);
		String keyName = (category == MySqlErrorCategory.DUPLICATE_KEY) ? MessageRedactor.duplicateKeyName(rawMessage)
				: null;
		return new MySqlError(category, Math.max(ExceptionGraph.errorCode(source), 0), ExceptionGraph.sqlState(source),
				MessageRedactor.redact(rawMessage, this.includeValues), safety, keyName);
	}

}
