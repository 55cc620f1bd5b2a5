package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.TransientDataAccessException;

/**
 * The statement was killed with {@code KILL QUERY} (1317, {@code QUERY_KILLED}); the transaction and the connection are intact. Not retried automatically: a query killer would kill it again.
 *
 * @since 0.1.0
 */
public class MySqlQueryInterruptedException extends TransientDataAccessException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlQueryInterruptedException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
