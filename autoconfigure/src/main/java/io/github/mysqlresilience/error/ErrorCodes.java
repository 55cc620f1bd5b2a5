package io.github.mysqlresilience.error;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static io.github.mysqlresilience.error.MySqlErrorCategory.ACCESS_DENIED;
import static io.github.mysqlresilience.error.MySqlErrorCategory.BAD_SQL;
import static io.github.mysqlresilience.error.MySqlErrorCategory.CANNOT_CONNECT;
import static io.github.mysqlresilience.error.MySqlErrorCategory.CONNECTION_LOST;
import static io.github.mysqlresilience.error.MySqlErrorCategory.DATA_INTEGRITY;
import static io.github.mysqlresilience.error.MySqlErrorCategory.DEADLOCK;
import static io.github.mysqlresilience.error.MySqlErrorCategory.DUPLICATE_KEY;
import static io.github.mysqlresilience.error.MySqlErrorCategory.FOREIGN_KEY;
import static io.github.mysqlresilience.error.MySqlErrorCategory.LOCK_NOWAIT;
import static io.github.mysqlresilience.error.MySqlErrorCategory.LOCK_WAIT_TIMEOUT;
import static io.github.mysqlresilience.error.MySqlErrorCategory.QUERY_KILLED;
import static io.github.mysqlresilience.error.MySqlErrorCategory.QUERY_TIMEOUT;
import static io.github.mysqlresilience.error.MySqlErrorCategory.READ_ONLY;
import static io.github.mysqlresilience.error.MySqlErrorCategory.READ_ONLY_TRANSACTION;
import static io.github.mysqlresilience.error.MySqlErrorCategory.SERVER_SHUTDOWN;
import static io.github.mysqlresilience.error.MySqlErrorCategory.TOO_MANY_CONNECTIONS;

/**
 * The MySQL and MariaDB error codes that have a category (DESIGN.md §4,
 * {@code docs/errors.md}).
 */
final class ErrorCodes {

	/**
	 * {@code ER_OPTION_PREVENTS_STATEMENT}: read-only only when its message says so.
	 */
	static final int OPTION_PREVENTS_STATEMENT = 1290;

	/**
	 * {@code ER_CLIENT_INTERACTION_TIMEOUT}: the server closed an idle connection.
	 */
	static final int IDLE_DISCONNECT = 4031;

	private static final Map<Integer, MySqlErrorCategory> categories = new HashMap<>();

	static {
		add(CANNOT_CONNECT, 1129, 9001, 2002, 2003, 2005);
		add(TOO_MANY_CONNECTIONS, 1040, 1203);
		add(ACCESS_DENIED, 1044, 1045, 1142, 1143, 1227, 1698);
		add(CONNECTION_LOST, 2006, 2013, 1927, IDLE_DISCONNECT, 1047, 1152, 1153, 1154, 1155, 1156, 1157, 1158, 1159,
				1160, 1161);
		add(SERVER_SHUTDOWN, 1053);
		add(READ_ONLY, OPTION_PREVENTS_STATEMENT, 1836);
		add(READ_ONLY_TRANSACTION, 1792);
		add(DEADLOCK, 1213, 3101, 149);
		add(LOCK_WAIT_TIMEOUT, 1205);
		add(LOCK_NOWAIT, 3572);
		add(QUERY_KILLED, 1317);
		add(QUERY_TIMEOUT, 3024, 1969, 1028);
		add(DUPLICATE_KEY, 1062, 1586, 1022);
		add(FOREIGN_KEY, 1451, 1452, 1216, 1217);
		add(DATA_INTEGRITY, 1048, 1364, 1406, 1264, 1265, 1292, 1366, 3819, 4025);
		add(BAD_SQL, 1054, 1064, 1146, 1049);
	}

	private ErrorCodes() {
	}

	private static void add(MySqlErrorCategory category, int... codes) {
		for (int code : codes) {
			categories.put(code, category);
		}
	}

	static @Nullable MySqlErrorCategory category(int code) {
		return categories.get(code);
	}

	static boolean isKnown(int code) {
		return categories.containsKey(code);
	}

}
