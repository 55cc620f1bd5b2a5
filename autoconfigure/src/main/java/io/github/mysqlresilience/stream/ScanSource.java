package io.github.mysqlresilience.stream;

/**
 * What a keyset scan reads: a table, or a query wrapped as a derived table.
 */
record ScanSource(String sql, boolean isTable, String description) {

	static ScanSource table(String table) {
		return new ScanSource("SELECT * FROM " + KeyColumns.quote(table), true, table);
	}

	static ScanSource query(String select) {
		return new ScanSource("SELECT * FROM (" + select + ") AS keyset_source", false, "query");
	}

	String select() {
		return this.sql;
	}

	String tableName() {
		return this.description;
	}

	@Override
	public String toString() {
		return this.isTable ? "table " + this.description : "query";
	}

}
