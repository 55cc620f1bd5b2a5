package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.CannotAcquireLockException;

/**
 * A lock wait timed out (1205, {@code LOCK_WAIT_TIMEOUT}). Only the statement was rolled back, the transaction is still open: retry the whole transaction, at its boundary.
 *
 * @since 0.1.0
 */
public class MySqlLockWaitTimeoutException extends CannotAcquireLockException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlLockWaitTimeoutException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
