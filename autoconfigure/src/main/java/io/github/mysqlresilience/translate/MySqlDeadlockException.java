package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.CannotAcquireLockException;

/**
 * The transaction was a deadlock victim and was rolled back (1213, 3101, {@code DEADLOCK}): retry the whole transaction.
 *
 * @since 0.1.0
 */
public class MySqlDeadlockException extends CannotAcquireLockException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlDeadlockException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
