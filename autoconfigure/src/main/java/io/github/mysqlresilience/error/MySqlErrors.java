package io.github.mysqlresilience.error;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Static entry points to the error model: what a MySQL failure is, and whether it can be
 * retried. Messages are redacted; use a {@link MySqlErrorClassifier} to keep values.
 *
 * <pre class="code">
 * catch (DataAccessException ex) {
 *     if (MySqlErrors.classify(ex).map(MySqlError::category).orElse(null) == MySqlErrorCategory.DUPLICATE_KEY) {
 *         return alreadyDone();
 *     }
 *     throw ex;
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class MySqlErrors {

	private static final MySqlErrorClassifier classifier = new MySqlErrorClassifier();

	private MySqlErrors() {
	}

	/**
	 * Classify a failure, walking its causes, next exceptions and suppressed exceptions.
	 * Never throws.
	 * @param failure the failure
	 * @return the MySQL error, or empty if it is not a MySQL error
	 */
	public static Optional<MySqlError> classify(@Nullable Throwable failure) {
		return classifier.classify(failure);
	}

	/**
	 * Return whether retrying the whole call (at its transaction boundary) is safe
	 * whatever the call does: {@code true} for {@link RetrySafety#SAFE} and
	 * {@link RetrySafety#TRANSACTION_ROLLED_BACK}. Unlike go-mysql's {@code CanRetry}, an
	 * outcome-unknown failure (a lost connection during a write) is not retryable here:
	 * only the caller knows whether the call is idempotent.
	 * @param failure the failure
	 * @return whether a retry is safe
	 */
	public static boolean canRetry(@Nullable Throwable failure) {
		return classify(failure).map((error) -> error.retrySafety().allowsRetry()).orElse(false);
	}

	/**
	 * Return whether the error model knows this code (it has a category other than
	 * {@code OTHER}).
	 * @param code a MySQL or MariaDB error code
	 * @return whether the code is known
	 */
	public static boolean isKnownCode(int code) {
		return ErrorCodes.isKnown(code);
	}

	/**
	 * Return the vendor code of the first MySQL error in the chain.
	 * @param failure the failure
	 * @return the code, or {@code 0} if there is none
	 */
	public static int errorCode(@Nullable Throwable failure) {
		try {
			for (Throwable node : ExceptionGraph.walk(failure)) {
				int code = ExceptionGraph.errorCode(node);
				if (code > 0) {
					return code;
				}
			}
			return 0;
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return 0;
		}
	}

}
