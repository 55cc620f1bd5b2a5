package io.github.mysqlresilience.error;

import org.jspecify.annotations.Nullable;

/**
 * A classified MySQL or MariaDB failure.
 *
 * @param category what kind of failure it is
 * @param code the server's (or client's) error code, {@code 0} when the failure has none
 * (a lost connection reported by the driver, for example)
 * @param sqlState the SQLState, if any
 * @param message the server's message with user data (such as the duplicated value)
 * redacted, unless values were asked for
 * @param retrySafety whether a retry is safe
 * @param keyName for {@link MySqlErrorCategory#DUPLICATE_KEY}, the name of the key
 * ({@code PRIMARY}, {@code email}), without the table prefix MySQL 8 adds; otherwise
 * {@code null}
 * @since 0.1.0
 * @see MySqlErrors#classify(Throwable)
 */
public record MySqlError(MySqlErrorCategory category, int code, @Nullable String sqlState, String message,
		RetrySafety retrySafety, @Nullable String keyName) {

	@Override
	public String toString() {
		return this.category + " (" + this.code + ((this.sqlState != null) ? ", " + this.sqlState : "") + ", "
				+ this.retrySafety + "): " + this.message;
	}

}
