package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.PermissionDeniedDataAccessException;

/**
 * Access denied (1044, 1045, 1142, 1227, 1698, {@code ACCESS_DENIED}).
 *
 * @since 0.1.0
 */
public class MySqlAccessDeniedException extends PermissionDeniedDataAccessException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlAccessDeniedException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
