package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.RecoverableDataAccessException;

/**
 * No connection to MySQL could be obtained: refused, unknown host, timed out, or the pool timed out waiting ({@code CANNOT_CONNECT}). Safe to retry.
 *
 * @since 0.1.0
 */
public class MySqlCannotConnectException extends RecoverableDataAccessException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlCannotConnectException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
