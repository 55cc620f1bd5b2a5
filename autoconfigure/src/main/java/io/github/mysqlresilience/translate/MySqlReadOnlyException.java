package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The server is read-only (1290, 1836, {@code READ_ONLY}), usually during a failover: wait and retry on a new connection.
 *
 * @since 0.1.0
 */
public class MySqlReadOnlyException extends TransientDataAccessResourceException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlReadOnlyException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
