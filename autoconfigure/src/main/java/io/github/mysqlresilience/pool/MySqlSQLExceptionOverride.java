package io.github.mysqlresilience.pool;

import java.sql.SQLException;
import java.util.Optional;

import com.zaxxer.hikari.SQLExceptionOverride;
import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrorClassifier;

/**
 * Tells HikariCP which connections a MySQL failure leaves unusable: it evicts at once
 * what HikariCP would keep although it is dead (a shutdown, an idle disconnect, a killed
 * connection, an aborted stream) and keeps what it might evict although the connection is
 * healthy (duplicate keys, deadlocks, lock waits, killed or timed-out statements). A
 * connection to a read-only server is healthy until its transaction is rolled back: the
 * {@link PoolGuard} evicts the whole pool softly instead, so it is closed when returned.
 * Every failure is reported to the pool's guard. What happens to the connection is
 * declared by each category ({@link MySqlErrorCategory#connectionFate()}).
 *
 * @since 0.1.0
 */
public class MySqlSQLExceptionOverride implements SQLExceptionOverride {

	private final MySqlErrorClassifier classifier;

	private final PoolGuard guard;

	/**
	 * Create an override.
	 * @param classifier the error classifier
	 * @param guard the guard of the pool
	 */
	public MySqlSQLExceptionOverride(MySqlErrorClassifier classifier, PoolGuard guard) {
		this.classifier = classifier;
		this.guard = guard;
	}

	@java.lang.Override
	public Override adjudicate(SQLException exception) {
		Optional<MySqlError> classified = this.classifier.classify(exception);
		if (classified.isEmpty()) {
			return Override.CONTINUE_EVICT;
		}
		MySqlError error = classified.get();
		this.guard.onConnectionFailure(error, exception);
		return switch (error.category().connectionFate()) {
			case EVICT -> {
				this.guard.onConnectionEvicted(error.category(), exception);
				yield Override.MUST_EVICT;
			}
			case KEEP -> Override.DO_NOT_EVICT;
			case POOL_DECIDES -> Override.CONTINUE_EVICT;
		};
	}

}
