package io.github.mysqlresilience.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Checks, from the server's metadata, that the key of a keyset scan is a set of
 * {@code NOT NULL} columns of what it scans, covering a {@code PRIMARY} or {@code UNIQUE}
 * index of one table; for a query whose plan reads several tables or has a UNION, also
 * that no key repeats in its result (one query over the result, before the scan).
 */
final class KeyValidator {

	private static final String UNIQUE_INDEXES = "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
			+ " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0";

	private final JdbcOperations jdbc;

	KeyValidator(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	void validate(ScanSource source, KeyColumns key) {
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			Set<String> tables = new HashSet<>();
			Set<String> originalColumns = new HashSet<>();
			try (Statement statement = connection.createStatement()) {
				// No row is read: the metadata of the query as written names its tables
				statement.execute("SET SESSION sql_select_limit = 0");
				try (ResultSet result = statement.executeQuery(source.original())) {
					check(result.getMetaData(), source, key, tables, originalColumns);
				}
				finally {
					statement.execute("SET SESSION sql_select_limit = DEFAULT");
				}
			}
			requireUniqueIndex(connection, source, key, tables, originalColumns);
			if (!source.isTable() && readsMoreThanOneTable(connection, source)) {
				requireUniqueInResult(connection, source, key);
			}
			return null;
		});
	}

	private static void check(ResultSetMetaData metaData, ScanSource source, KeyColumns key, Set<String> tables,
			Set<String> originalColumns) throws SQLException {
		Map<String, Integer> columns = columns(metaData);
		for (String name : key.names()) {
			Integer index = columns.get(name.toLowerCase(Locale.ROOT));
			if (index == null) {
				throw new InvalidKeysetException("Key column '" + name + "' is not a column of " + source
						+ "; its columns are " + columns.keySet());
			}
			if (metaData.isNullable(index) != ResultSetMetaData.columnNoNulls) {
				throw new InvalidKeysetException("Key column '" + name + "' of " + source
						+ " is nullable: a keyset scan would skip rows whose key is NULL; use NOT NULL columns");
			}
			tables.add(source.isTable() ? source.tableName() : metaData.getTableName(index));
			originalColumns.add((source.isTable() ? name : metaData.getColumnName(index)).toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * Whether the query's plan reads more than one table or has a UNION: then a key unique
	 * in its table can repeat in the result (a one-to-many join, {@code UNION ALL}).
	 */
	private static boolean readsMoreThanOneTable(Connection connection, ScanSource source) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet plan = statement.executeQuery("EXPLAIN " + source.original())) {
			int steps = 0;
			int selectType = plan.findColumn("select_type");
			while (plan.next()) {
				steps++;
				String type = plan.getString(selectType);
				if (type != null && type.toUpperCase(Locale.ROOT).contains("UNION")) {
					return true;
				}
			}
			return steps > 1;
		}
	}

	private static void requireUniqueInResult(Connection connection, ScanSource source, KeyColumns key)
			throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet repeated = statement.executeQuery("SELECT 1 FROM (" + source.original()
						+ ") AS keyset_check GROUP BY " + key.selectList() + " HAVING COUNT(*) > 1 LIMIT 1")) {
			if (repeated.next()) {
				throw new InvalidKeysetException("Key " + key.names() + " is not unique in the result of the query"
						+ " (a join or a UNION repeats it): a keyset scan would skip the repeated rows; scan by a key"
						+ " that is unique in the result, such as the key of the joined table too");
			}
		}
	}

	private static Map<String, Integer> columns(ResultSetMetaData metaData) throws SQLException {
		Map<String, Integer> columns = new TreeMap<>();
		for (int i = 1; i <= metaData.getColumnCount(); i++) {
			columns.put(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
		}
		return columns;
	}

	private static void requireUniqueIndex(Connection connection, ScanSource source, KeyColumns key,
			Set<String> tables, Set<String> keyColumns) throws SQLException {
		if (tables.size() != 1 || tables.iterator().next() == null || tables.iterator().next().isEmpty()) {
			throw new InvalidKeysetException("Key " + key.names() + " of " + source
					+ " does not come from one table, so its uniqueness cannot be checked");
		}
		String table = tables.iterator().next();
		Map<String, Set<String>> indexes = new TreeMap<>();
		try (PreparedStatement statement = connection.prepareStatement(UNIQUE_INDEXES)) {
			statement.setString(1, table);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					indexes.computeIfAbsent(result.getString(1), (name) -> new HashSet<>())
						.add(result.getString(2).toLowerCase(Locale.ROOT));
				}
			}
		}
		boolean unique = indexes.values().stream().anyMatch(keyColumns::containsAll);
		if (!unique) {
			List<String> names = new ArrayList<>(indexes.keySet());
			throw new InvalidKeysetException("Key " + key.names() + " of " + source + " is not unique: no PRIMARY or "
					+ "UNIQUE index of table '" + table + "' is made of these columns (unique indexes: " + names + ")");
		}
	}

}
