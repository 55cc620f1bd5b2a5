package io.github.mysqlresilience.error;

/**
 * A failure that carries its classification, made by the first layer that saw it (the
 * translator, the streaming reader, the keyset scanner), which knew what the failing
 * call was doing. {@link MySqlErrorClassifier} returns the error of the outermost such
 * failure in an exception graph instead of classifying again, so every later layer (the
 * retry policy, the pool, the meters) reads the same answer.
 *
 * @since 0.1.0
 */
public interface ClassifiedFailure {

	/**
	 * Return the classified MySQL error.
	 * @return the MySQL error
	 */
	MySqlError getMySqlError();

}
