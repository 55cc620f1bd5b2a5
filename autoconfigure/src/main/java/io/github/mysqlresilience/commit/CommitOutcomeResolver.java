package io.github.mysqlresilience.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether a transaction whose COMMIT was lost in flight committed: fence, then
 * look. On a fresh connection to the same server instance it kills the old session (if it
 * still exists) and waits until it is gone, so that it cannot commit any more; then it
 * reads the marker with a locking read, which waits for any lock the old transaction
 * still holds. On a restarted server the old session is gone already (crash recovery
 * decided its transaction, and the locking read waits for a rollback still under way).
 * On another server (a failover), the marker proves a commit, but its absence proves
 * nothing: the outcome stays unresolved.
 */
final class CommitOutcomeResolver {

	private static final long PAUSE_MILLIS = 5;

	private static final int ER_NO_SUCH_THREAD = 1094;

	private final CommitMarkers markers;

	CommitOutcomeResolver(CommitMarkers markers) {
		this.markers = markers;
	}

	/**
	 * Resolve, retrying while the server cannot be reached, until the deadline.
	 * @param dataSource where to connect
	 * @param marker the transaction's marker and session
	 * @param deadlineNanos when to give up ({@link System#nanoTime()})
	 * @return the outcome
	 */
	CommitOutcome resolve(DataSource dataSource, Marker marker, long deadlineNanos) {
		do {
			try (Connection connection = dataSource.getConnection()) {
				CommitOutcome outcome = resolve(connection, marker, deadlineNanos);
				if (outcome != null) {
					return outcome;
				}
			}
			catch (SQLException | RuntimeException ex) {
				// The server is not back yet: try again until the deadline
			}
			pause();
		}
		while (System.nanoTime() - deadlineNanos < 0);
		return CommitOutcome.UNRESOLVED;
	}

	private @Nullable CommitOutcome resolve(Connection connection, Marker marker, long deadlineNanos)
			throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.setAutoCommit(true);
		}
		SessionIdentity now = SessionIdentity.of(connection);
		SessionIdentity old = marker.session();
		if (now.sameInstance(old)) {
			kill(connection, old.connectionId());
			if (!awaitGone(connection, old.connectionId(), deadlineNanos)) {
				return null;
			}
		}
		else if (!now.sameServer(old)) {
			return this.markers.exists(connection, marker.id()) ? CommitOutcome.COMMITTED : CommitOutcome.UNRESOLVED;
		}
		return this.markers.exists(connection, marker.id()) ? CommitOutcome.COMMITTED : CommitOutcome.NOT_COMMITTED;
	}

	private static void kill(Connection connection, long connectionId) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// A number read from the server, not user text
			statement.execute("KILL CONNECTION " + connectionId);
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() != ER_NO_SUCH_THREAD) {
				throw ex;
			}
		}
	}

	private static boolean awaitGone(Connection connection, long connectionId, long deadlineNanos)
			throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
			statement.setLong(1, connectionId);
			while (true) {
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (result.getLong(1) == 0) {
						return true;
					}
				}
				if (System.nanoTime() - deadlineNanos >= 0) {
					return false;
				}
				pause();
			}
		}
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A transaction's marker, and the session it was written in.
	 *
	 * @param id the marker id
	 * @param session the session
	 */
	record Marker(byte[] id, SessionIdentity session) {

		String text() {
			return MarkerIds.text(this.id);
		}

	}

}
