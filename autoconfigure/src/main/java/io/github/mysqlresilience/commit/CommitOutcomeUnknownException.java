package io.github.mysqlresilience.commit;

import java.sql.SQLNonTransientConnectionException;

import io.github.mysqlresilience.error.ClassifiedFailure;
import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.RetrySafety;

/**
 * The connection was lost while a COMMIT was in flight, and the resolver could not tell
 * within the call's deadline whether the transaction committed (the server unreachable,
 * or another server after a failover). It carries the transaction's commit marker id; the
 * background resolver logs the answer, and counts it in {@code mysql.commit.outcome}, once
 * it knows.
 *
 * @since 0.1.0
 */
public class CommitOutcomeUnknownException extends SQLNonTransientConnectionException implements ClassifiedFailure {

	private final String markerId;

	private final MySqlError mySqlError;

	CommitOutcomeUnknownException(String markerId, Throwable cause) {
		super("The connection was lost during COMMIT and whether the transaction committed could not be told in"
				+ " time (commit marker " + markerId + "); the answer will be logged when it is known", "08007",
				cause);
		this.markerId = markerId;
		this.mySqlError = new MySqlError(MySqlErrorCategory.CONNECTION_LOST, 0, "08007", getMessage(),
				RetrySafety.OUTCOME_UNKNOWN, null);
	}

	/**
	 * Return the id of the transaction's commit marker: the row to look for.
	 * @return the marker id, as a UUID
	 */
	public String getMarkerId() {
		return this.markerId;
	}

	@Override
	public MySqlError getMySqlError() {
		return this.mySqlError;
	}

}
