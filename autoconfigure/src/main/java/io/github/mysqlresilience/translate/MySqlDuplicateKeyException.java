package io.github.mysqlresilience.translate;

import io.github.mysqlresilience.error.MySqlError;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;

/**
 * A unique or primary key already holds the value (1062, 1586, 1022,
 * {@code DUPLICATE_KEY}). Often not an error at all: an idempotency key that is already
 * there means the work was already done. The duplicated value is redacted from the
 * message unless {@code mysql.resilience.errors.include-values=true}.
 *
 * @since 0.1.0
 */
public class MySqlDuplicateKeyException extends DuplicateKeyException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlDuplicateKeyException(String message, MySqlError mySqlError, Throwable cause) {
		super(message, cause);
		this.mySqlError = mySqlError;
	}

	/**
	 * Return the name of the duplicated key, such as {@code PRIMARY} or {@code email}
	 * (without the table prefix MySQL 8 adds).
	 * @return the key name, or {@code null} if the message does not name it
	 */
	public @Nullable String getKeyName() {
		return this.mySqlError.keyName();
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
