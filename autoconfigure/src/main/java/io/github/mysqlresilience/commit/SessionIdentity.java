package io.github.mysqlresilience.commit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which server session a connection is: its {@code CONNECTION_ID()}, and which server
 * instance it runs on (server id, host name and port, and when the server started, so
 * that a restarted server, whose connection ids start again from 1, is another
 * instance).
 *
 * @param connectionId the session's {@code CONNECTION_ID()}
 * @param serverId the server's {@code @@server_id}
 * @param hostname the server's {@code @@hostname}
 * @param port the server's {@code @@port}
 * @param startedEpochSecond when the server started, in seconds since the epoch
 */
record SessionIdentity(long connectionId, long serverId, String hostname, int port, long startedEpochSecond) {

	private static final long START_TOLERANCE_SECONDS = 2;

	static SessionIdentity of(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			long connectionId;
			long serverId;
			String hostname;
			int port;
			long now;
			try (ResultSet result = statement
				.executeQuery("SELECT CONNECTION_ID(), @@server_id, @@hostname, @@port, UNIX_TIMESTAMP()")) {
				result.next();
				connectionId = result.getLong(1);
				serverId = result.getLong(2);
				hostname = String.valueOf(result.getString(3));
				port = result.getInt(4);
				now = result.getLong(5);
			}
			long uptime = 0;
			try (ResultSet result = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Uptime'")) {
				if (result.next()) {
					uptime = result.getLong(2);
				}
			}
			return new SessionIdentity(connectionId, serverId, hostname, port, now - uptime);
		}
	}

	/**
	 * Return whether another session runs on the same server, maybe restarted since.
	 * @param other the other session
	 * @return whether the server is the same
	 */
	boolean sameServer(SessionIdentity other) {
		return this.serverId == other.serverId && this.hostname.equals(other.hostname) && this.port == other.port;
	}

	/**
	 * Return whether another session runs on the same server instance, not restarted
	 * since: only then can a connection id of one be looked up on the other.
	 * @param other the other session
	 * @return whether the instance is the same
	 */
	boolean sameInstance(SessionIdentity other) {
		return sameServer(other)
				&& Math.abs(this.startedEpochSecond - other.startedEpochSecond) <= START_TOLERANCE_SECONDS;
	}

}
