package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * A foreign key constraint failed (1451, 1452, 1216, 1217, {@code FOREIGN_KEY}).
 *
 * @since 0.1.0
 */
public class MySqlForeignKeyViolationException extends DataIntegrityViolationException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlForeignKeyViolationException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
