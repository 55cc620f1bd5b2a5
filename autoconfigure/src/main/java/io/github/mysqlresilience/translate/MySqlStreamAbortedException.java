package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The connection failed while a streaming result set was being read ({@code STREAM_ABORTED}), typically after {@code net_write_timeout}. Never retried blindly: resume from the last key instead.
 *
 * @since 0.1.0
 */
public class MySqlStreamAbortedException extends TransientDataAccessResourceException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlStreamAbortedException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
