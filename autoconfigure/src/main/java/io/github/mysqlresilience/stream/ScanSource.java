package io.github.mysqlresilience.stream;

/**
 * What a keyset scan reads: a table, or a query wrapped as a derived table; the original
 * query, whose result metadata names the tables its columns come from, serves the key
 * checks.
 */
record ScanSource(String sql, String original, boolean isTable, String description) {

	static ScanSource table(String table) {
		String select = "SELECT * FROM " + KeyColumns.quote(table);
		return new ScanSource(select, select, true, table);
	}

	static ScanSource query(String select) {
		return new ScanSource("SELECT * FROM (" + select + ") AS keyset_source", select, false, "query");
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
