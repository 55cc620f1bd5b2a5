package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The MySQL server is shutting down (1053, {@code SERVER_SHUTDOWN}): the connection is as good as lost.
 *
 * @since 0.1.0
 */
public class MySqlServerShutdownException extends DataAccessResourceFailureException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlServerShutdownException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
