package io.github.mysqlresilience.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The statements on the marker table: its DDL, the marker insert, the locking read that
 * finds a marker, and the clean-up of old markers in small batches.
 *
 * @since 0.1.0
 */
public final class CommitMarkers {

	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63})?");

	private final String table;

	/**
	 * Create the statements for a table.
	 * @param table the table's name, optionally with its schema
	 */
	public CommitMarkers(String table) {
		if (!TABLE_NAME.matcher(table).matches()) {
			throw new IllegalArgumentException(
					"mysql.resilience.commit-outcome.table must be a table name ([schema.]name of letters, digits and"
							+ " underscores), not '" + table + "'");
		}
		this.table = table;
	}

	/**
	 * Return the table's DDL, for users who create it themselves.
	 * @return the {@code CREATE TABLE IF NOT EXISTS} statement
	 */
	public String ddl() {
		return "CREATE TABLE IF NOT EXISTS " + this.table + " (id BINARY(16) NOT NULL PRIMARY KEY,"
				+ " created TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), KEY commit_marker_created (created))"
				+ " ENGINE=InnoDB";
	}

	void create(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(ddl());
		}
	}

	void insert(Connection connection, byte[] id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.table + " (id) VALUES (?)")) {
			statement.setBytes(1, id);
			statement.executeUpdate();
		}
	}

	/**
	 * Look for a marker with a locking read, which waits for a lock the marker's own
	 * transaction may still hold (while it rolls back).
	 */
	boolean exists(Connection connection, byte[] id) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT 1 FROM " + this.table + " WHERE id = ? LOCK IN SHARE MODE")) {
			statement.setBytes(1, id);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	/**
	 * Delete markers older than the retention, at most {@code batch} rows per statement.
	 * @return the rows deleted
	 */
	int deleteOlderThan(Connection connection, Duration retention, int batch) throws SQLException {
		int deleted = 0;
		int last;
		try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + this.table
				+ " WHERE created < NOW(6) - INTERVAL ? MICROSECOND ORDER BY created LIMIT ?")) {
			statement.setLong(1, retention.toNanos() / 1000);
			statement.setInt(2, batch);
			do {
				last = statement.executeUpdate();
				deleted += last;
			}
			while (last == batch);
		}
		return deleted;
	}

}
