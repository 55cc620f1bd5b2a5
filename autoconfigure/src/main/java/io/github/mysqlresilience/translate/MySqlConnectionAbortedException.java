package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The server closed the connection with an error ({@code CONNECTION_LOST}): a Galera
 * node not ready (1047) or a network error the server reports (1152 to 1161). The
 * connection is lost; whether the work was done is unknown.
 *
 * @since 0.1.0
 * @see MySqlConnectionLostException
 */
public class MySqlConnectionAbortedException extends DataAccessResourceFailureException
		implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlConnectionAbortedException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
