package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.RecoverableDataAccessException;

/**
 * An open connection to MySQL was lost: the server stopped, crashed or failed over, or the connection was killed ({@code CONNECTION_LOST}). Whether the work was done is unknown unless the transaction was still open.
 *
 * @since 0.1.0
 */
public class MySqlConnectionLostException extends RecoverableDataAccessException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlConnectionLostException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
