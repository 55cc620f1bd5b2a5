package io.github.mysqlresilience.translate;

import java.sql.SQLException;

import io.github.mysqlresilience.error.MySqlError;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.BadSqlGrammarException;

/**
 * Bad SQL: a syntax error, an unknown column, table or database (1054, 1064, 1146,
 * 1049, {@code BAD_SQL}).
 *
 * @since 0.1.0
 */
public class MySqlBadSqlGrammarException extends BadSqlGrammarException implements MySqlDataAccessFailure {

	private final MySqlError mySqlError;

	/**
	 * Create a new instance.
	 * @param task the task that failed
	 * @param sql the SQL, if known
	 * @param mySqlError the classified error
	 * @param cause the driver's exception
	 */
	public MySqlBadSqlGrammarException(String task, @Nullable String sql, MySqlError mySqlError, SQLException cause) {
		super(task, (sql != null) ? sql : "", cause);
		this.mySqlError = mySqlError;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
