package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.CannotAcquireLockException;

/**
 * A lock could not be taken at once and the statement asked {@code NOWAIT} (3572, {@code LOCK_NOWAIT}).
 *
 * @since 0.1.0
 */
public class MySqlLockNowaitException extends CannotAcquireLockException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlLockNowaitException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
