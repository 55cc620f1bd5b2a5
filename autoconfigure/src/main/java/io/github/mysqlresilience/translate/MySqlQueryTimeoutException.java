package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.QueryTimeoutException;

/**
 * The statement ran past {@code max_execution_time} (3024), {@code max_statement_time} (1969) or the driver's query timeout ({@code QUERY_TIMEOUT}).
 *
 * @since 0.1.0
 */
public class MySqlQueryTimeoutException extends QueryTimeoutException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlQueryTimeoutException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
