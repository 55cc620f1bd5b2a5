package io.github.mysqlresilience.stream;

import io.github.mysqlresilience.test.MySqlTestServer;

/**
 * A table of rows of 100 bytes, keyed 1 to n, made with MariaDB's sequence engine.
 */
final class BigTable {

	private BigTable() {
	}

	static void create(MySqlTestServer server, int rows) {
		server.execute("DROP TABLE IF EXISTS app.big",
				"CREATE TABLE app.big (id BIGINT NOT NULL PRIMARY KEY, payload CHAR(100) NOT NULL) ENGINE=InnoDB",
				"INSERT INTO app.big SELECT seq, REPEAT('x', 100) FROM seq_1_to_" + rows);
	}

}
