package io.github.mysqlresilience.error;

import java.sql.SQLException;

import com.mysql.cj.exceptions.MysqlErrorNumbers;
import com.mysql.cj.jdbc.exceptions.SQLError;

/**
 * Server errors made by Connector/J's own exception factory, which picks the class and
 * SQLState the driver would: for MySQL-only codes that MariaDB cannot produce.
 */
public final class ConnectorJErrors {

	private ConnectorJErrors() {
	}

	/**
	 * Create the exception Connector/J raises for a server error.
	 * @param code the server's error code
	 * @param message the server's message
	 * @return the exception
	 */
	public static SQLException serverError(int code, String message) {
		return SQLError.createSQLException(message, MysqlErrorNumbers.mysqlToSqlstate(code), code, null);
	}

}
