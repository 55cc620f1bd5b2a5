package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * A constraint on the data failed: {@code NOT NULL}, too long, out of range, a check constraint ({@code DATA_INTEGRITY}).
 *
 * @since 0.1.0
 */
public class MySqlDataIntegrityViolationException extends DataIntegrityViolationException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlDataIntegrityViolationException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
