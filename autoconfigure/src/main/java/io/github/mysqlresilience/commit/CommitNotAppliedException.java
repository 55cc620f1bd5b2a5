package io.github.mysqlresilience.commit;

import java.sql.SQLTransientConnectionException;

import io.github.mysqlresilience.error.ClassifiedFailure;
import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.RetrySafety;

/**
 * The connection was lost while a COMMIT was in flight, and the resolver found that the
 * transaction did not commit: its old session is gone and its marker is not there. The
 * transaction is as good as rolled back, so the call may run again.
 *
 * @since 0.1.0
 */
public class CommitNotAppliedException extends SQLTransientConnectionException implements ClassifiedFailure {

	private final String markerId;

	private final MySqlError mySqlError;

	CommitNotAppliedException(String markerId, Throwable cause) {
		super("The connection was lost during COMMIT and the transaction did not commit (commit marker " + markerId
				+ " absent once its session was gone): it can be run again", "08007", cause);
		this.markerId = markerId;
		this.mySqlError = new MySqlError(MySqlErrorCategory.CONNECTION_LOST, 0, "08007", getMessage(),
				RetrySafety.TRANSACTION_ROLLED_BACK, null);
	}

	/**
	 * Return the id of the transaction's commit marker.
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
