package io.github.mysqlresilience.error;

import org.jspecify.annotations.Nullable;

/**
 * Told of each classified MySQL failure, by the pool guard (with the pool's name) and by
 * the exception translator. A failure may be reported more than once (by the pool, then
 * by the translator): listeners that count should count each failure once.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MySqlErrorListener {

	/**
	 * Called for a classified failure.
	 * @param error the classification
	 * @param failure the failure
	 * @param pool the name of the connection pool it happened on, if known
	 */
	void onError(MySqlError error, Throwable failure, @Nullable String pool);

}
