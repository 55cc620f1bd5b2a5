package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The server refused the connection: too many connections (1040, 1203, {@code TOO_MANY_CONNECTIONS}). Safe to retry after a backoff.
 *
 * @since 0.1.0
 */
public class MySqlTooManyConnectionsException extends DataAccessResourceFailureException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlTooManyConnectionsException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
