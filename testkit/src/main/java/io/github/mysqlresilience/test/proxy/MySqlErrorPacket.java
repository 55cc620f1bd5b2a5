package io.github.mysqlresilience.test.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An ERR packet as a MySQL server sends it: error code, SQLState and message, with the
 * texts of MySQL 8.4 for the errors MariaDB cannot produce. The catalogue's source is
 * MySQL's server error reference (errmsg-utf8.txt) for 8.4 and 9.x.
 *
 * @param code the error code
 * @param sqlState the five-character SQLState
 * @param message the message, as the server words it
 * @since 0.1.0
 */
public record MySqlErrorPacket(int code, String sqlState, String message) {

	/** 1053 {@code ER_SERVER_SHUTDOWN}: the server is shutting down. */
	public static final MySqlErrorPacket SERVER_SHUTDOWN = new MySqlErrorPacket(1053, "08S01",
			"Server shutdown in progress");

	/** 3024 {@code ER_QUERY_TIMEOUT}: {@code max_execution_time} exceeded. */
	public static final MySqlErrorPacket QUERY_TIMEOUT = new MySqlErrorPacket(3024, "HY000",
			"Query execution was interrupted, maximum statement execution time exceeded");

	/** 1290 with MySQL's {@code --super-read-only} wording. */
	public static final MySqlErrorPacket SUPER_READ_ONLY = new MySqlErrorPacket(1290, "HY000",
			"The MySQL server is running with the --super-read-only option so it cannot execute this statement");

	/** 1836 {@code ER_READ_ONLY_MODE}. */
	public static final MySqlErrorPacket READ_ONLY_MODE = new MySqlErrorPacket(1836, "HY000",
			"Running in read-only mode");

	/** 3101 {@code ER_TRANSACTION_ROLLBACK_DURING_COMMIT}: group replication rolled back. */
	public static final MySqlErrorPacket GROUP_REPLICATION_ROLLBACK = new MySqlErrorPacket(3101, "40000",
			"Plugin instructed the server to rollback the current transaction.");

	/** 1047 {@code ER_UNKNOWN_COM_ERROR}, as a Galera node that is not ready answers. */
	public static final MySqlErrorPacket WSREP_NOT_READY = new MySqlErrorPacket(1047, "08S01",
			"WSREP has not yet prepared node for application use");

	/** 9001, as ProxySQL answers when no backend is available. */
	public static final MySqlErrorPacket PROXYSQL_NO_BACKEND = new MySqlErrorPacket(9001, "HY000",
			"Max connect timeout reached while reaching hostgroup 0 after 10000ms");

	/** 3572 {@code ER_LOCK_NOWAIT}: a {@code NOWAIT} statement met a lock. */
	public static final MySqlErrorPacket LOCK_NOWAIT = new MySqlErrorPacket(3572, "HY000",
			"Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.");

	/** 3819 {@code ER_CHECK_CONSTRAINT_VIOLATED}, for a constraint named {@code account_chk_1}. */
	public static final MySqlErrorPacket CHECK_CONSTRAINT_VIOLATED = new MySqlErrorPacket(3819, "HY000",
			"Check constraint 'account_chk_1' is violated.");

	/** 4031 {@code ER_CLIENT_INTERACTION_TIMEOUT}: MySQL 8.0.24+ closed an idle connection. */
	public static final MySqlErrorPacket IDLE_DISCONNECT = new MySqlErrorPacket(4031, "HY000",
			"The client was disconnected by the server because of inactivity. See wait_timeout and "
					+ "interactive_timeout for configuring this behavior.");

	/**
	 * Create a packet.
	 */
	public MySqlErrorPacket {
		if (sqlState.length() != 5) {
			throw new IllegalArgumentException("A SQLState has 5 characters, not '" + sqlState + "'");
		}
	}

	byte[] toPacket(int sequence) {
		byte[] text = this.message.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		payload.write(0xFF);
		payload.write(this.code & 0xFF);
		payload.write((this.code >> 8) & 0xFF);
		payload.write('#');
		payload.writeBytes(this.sqlState.getBytes(StandardCharsets.US_ASCII));
		payload.writeBytes(text);
		byte[] body = payload.toByteArray();
		byte[] packet = new byte[4 + body.length];
		packet[0] = (byte) body.length;
		packet[1] = (byte) (body.length >> 8);
		packet[2] = (byte) (body.length >> 16);
		packet[3] = (byte) sequence;
		System.arraycopy(body, 0, packet, 4, body.length);
		return packet;
	}

}
