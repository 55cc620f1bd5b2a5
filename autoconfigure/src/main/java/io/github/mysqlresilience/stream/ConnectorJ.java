package io.github.mysqlresilience.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How to read rows one by one as they arrive: Connector/J streams a result set only with
 * a fetch size of {@code Integer.MIN_VALUE}; other drivers take a fetch size.
 */
final class ConnectorJ {

	private ConnectorJ() {
	}

	/**
	 * Make the statement read its rows as they arrive instead of buffering them all.
	 * @param connection the statement's connection
	 * @param statement the statement
	 * @param otherDriversFetchSize the fetch size for drivers other than Connector/J, or
	 * 0 to leave it to the driver
	 */
	static void streamRows(Connection connection, PreparedStatement statement, int otherDriversFetchSize)
			throws SQLException {
		if (connection.getMetaData().getDriverName().contains("MySQL Connector")) {
			statement.setFetchSize(Integer.MIN_VALUE);
		}
		else if (otherDriversFetchSize > 0) {
			statement.setFetchSize(otherDriversFetchSize);
		}
	}

}
