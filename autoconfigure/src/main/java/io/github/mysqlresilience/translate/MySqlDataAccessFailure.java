package io.github.mysqlresilience.translate;

import java.util.Optional;

import io.github.mysqlresilience.error.ClassifiedFailure;
import io.github.mysqlresilience.error.MySqlError;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by every {@code DataAccessException} that {@link MySqlExceptionTranslator}
 * returns: the exception keeps its place in Spring's tree (so existing {@code catch}
 * blocks keep working) and carries its {@link MySqlError}.
 *
 * @since 0.1.0
 */
public interface MySqlDataAccessFailure extends ClassifiedFailure {

	/**
	 * Return the classified MySQL error.
	 * @return the MySQL error
	 */
	@Override
	MySqlError getMySqlError();

	/**
	 * Return the MySQL error carried by the given exception or one of its causes.
	 * @param failure the failure
	 * @return the MySQL error, or empty if no translated exception is in the chain
	 */
	static Optional<MySqlError> find(@Nullable Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 32; depth++) {
			if (current instanceof MySqlDataAccessFailure translated) {
				return Optional.of(translated.getMySqlError());
			}
			Throwable cause = current.getCause();
			current = (cause != current) ? cause : null;
		}
		return Optional.empty();
	}

}
