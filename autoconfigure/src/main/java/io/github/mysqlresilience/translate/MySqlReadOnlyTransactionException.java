package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A write was attempted inside a {@code READ ONLY} transaction (1792, {@code READ_ONLY_TRANSACTION}): an application bug.
 *
 * @since 0.1.0
 */
public class MySqlReadOnlyTransactionException extends InvalidDataAccessApiUsageException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlReadOnlyTransactionException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
