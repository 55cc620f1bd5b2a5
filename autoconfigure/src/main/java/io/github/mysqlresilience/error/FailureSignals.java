package io.github.mysqlresilience.error;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the throwables of one failure say, read once: the first coded MySQL error and the
 * signals of failures that carry no code (a lost or refused connection, a pool timeout,
 * a streaming abort). Text and SQLState signals are read only from the driver's and the
 * pool's own exceptions, never from a server error (whose message and SQLState can carry
 * user text) nor from wrappers that quote one.
 */
final class FailureSignals {

	private static final List<String> CONNECTION_NOT_OBTAINED_TYPES = List.of(
			"org.springframework.jdbc.CannotGetJdbcConnectionException",
			"org.springframework.transaction.CannotCreateTransactionException");

	private static final String HIKARI_BORROW_TIMEOUT = "Connection is not available, request timed out after";

	private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

	private static final String MARIADB_CONNECT_FAILURE = "Socket fail to connect";

	private static final String STREAMING_READ_FAILURE = "Error retrieving record";

	private static final String CONNECTOR_J_STREAMING_FAILURE = "Application was streaming results when the connection failed";

	private static final String MARIADB_STREAMING_FAILURE = "Error while streaming resultSet data";

	private static final String STREAMING_STILL_ACTIVE = "is still active";

	private static final String IDLE_DISCONNECT = "disconnected by the server because of inactivity";

	@Nullable Throwable coded;

	@Nullable Throwable firstSqlException;

	@Nullable Throwable firstWithCode;

	boolean connectionNotObtained;

	boolean connectFailed;

	boolean connectionLost;

	boolean streamAborted;

	boolean streamStillActive;

	boolean timedOut;

	boolean idleDisconnect;

	private FailureSignals() {
	}

	static FailureSignals read(List<Throwable> nodes) {
		FailureSignals signals = new FailureSignals();
		for (Throwable node : nodes) {
			signals.read(node);
		}
		return signals;
	}

	private void read(Throwable node) {
		if (CONNECTION_NOT_OBTAINED_TYPES.contains(node.getClass().getName())) {
			this.connectionNotObtained = true;
		}
		if (node instanceof ConnectException || node instanceof UnknownHostException
				|| node instanceof NoRouteToHostException) {
			this.connectFailed = true;
		}
		if (node instanceof SocketException || node instanceof EOFException
				|| node instanceof SocketTimeoutException) {
			this.connectionLost = true;
		}
		if (node instanceof SQLException) {
			readSqlException(node, ExceptionGraph.message(node));
		}
	}

	private void readSqlException(Throwable node, @Nullable String message) {
		if (this.firstSqlException == null) {
			this.firstSqlException = node;
		}
		int code = ExceptionGraph.errorCode(node);
		String sqlState = ExceptionGraph.sqlState(node);
		if (code > 0 && this.firstWithCode == null) {
			this.firstWithCode = node;
		}
		if (this.coded == null && ErrorCodes.isKnown(code)) {
			this.coded = node;
		}
		if (isServerError(code)) {
			// The server's message and SQLState can carry user text (a duplicated value, a
			// SIGNAL's MESSAGE_TEXT and SQLSTATE): the code alone speaks for a server error
			return;
		}
		if (contains(message, MARIADB_CONNECT_FAILURE)) {
			this.connectFailed = true;
		}
		if (contains(message, HIKARI_BORROW_TIMEOUT)) {
			this.connectionNotObtained = true;
		}
		if (isConnectionState(sqlState) || contains(message, HIKARI_CLOSED_CONNECTION)) {
			this.connectionLost = true;
		}
		if (("S1000".equals(sqlState) && contains(message, STREAMING_READ_FAILURE))
				|| contains(message, CONNECTOR_J_STREAMING_FAILURE) || contains(message, MARIADB_STREAMING_FAILURE)) {
			this.streamAborted = true;
		}
		if (contains(message, "Streaming result set") && contains(message, STREAMING_STILL_ACTIVE)) {
			this.streamStillActive = true;
		}
		if (contains(message, IDLE_DISCONNECT)) {
			this.idleDisconnect = true;
		}
		if (node instanceof SQLTimeoutException) {
			this.timedOut = true;
		}
	}

	/**
	 * Whether a vendor code is the server's (its own errors, 1000 and up, and a proxy's
	 * such as ProxySQL's 9001), not a client library's (Connector/J's 2000 to 2999, or none).
	 */
	private static boolean isServerError(int code) {
		return code >= 1000 && (code < 2000 || code >= 3000);
	}

	private static boolean isConnectionState(@Nullable String sqlState) {
		return sqlState != null && sqlState.startsWith("08");
	}

	private static boolean contains(@Nullable String message, String text) {
		return message != null && message.contains(text);
	}

}
