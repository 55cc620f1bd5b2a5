package io.github.mysqlresilience.error;

import java.util.EnumMap;
import java.util.Map;

/**
 * The retry safety of each category, when nothing more is known of the call (DESIGN.md
 * §4).
 */
final class RetrySafeties {

	private static final Map<MySqlErrorCategory, RetrySafety> safeties = new EnumMap<>(MySqlErrorCategory.class);

	static {
		safeties.put(MySqlErrorCategory.CANNOT_CONNECT, RetrySafety.SAFE);
		safeties.put(MySqlErrorCategory.TOO_MANY_CONNECTIONS, RetrySafety.SAFE);
		safeties.put(MySqlErrorCategory.READ_ONLY, RetrySafety.SAFE);
		safeties.put(MySqlErrorCategory.CONNECTION_LOST, RetrySafety.OUTCOME_UNKNOWN);
		safeties.put(MySqlErrorCategory.SERVER_SHUTDOWN, RetrySafety.OUTCOME_UNKNOWN);
		safeties.put(MySqlErrorCategory.DEADLOCK, RetrySafety.TRANSACTION_ROLLED_BACK);
		safeties.put(MySqlErrorCategory.LOCK_WAIT_TIMEOUT, RetrySafety.TRANSACTION_ROLLED_BACK);
	}

	private RetrySafeties() {
	}

	static RetrySafety of(MySqlErrorCategory category) {
		return safeties.getOrDefault(category, RetrySafety.NEVER);
	}

}
