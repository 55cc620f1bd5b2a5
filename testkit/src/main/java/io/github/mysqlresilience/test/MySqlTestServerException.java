package io.github.mysqlresilience.test;

/**
 * Thrown when the test kit cannot start, stop or administer a {@link MySqlTestServer}.
 *
 * @since 0.1.0
 */
public class MySqlTestServerException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public MySqlTestServerException(String message, Throwable cause) {
		super(message, cause);
	}

}
