package io.github.mysqlresilience.pool;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Tells an unreachable server from one that answered a probe: no TCP connection (refused,
 * no route, unknown host, connect timeout) or a connection dropped during the handshake
 * (what a proxy in front of a stopped server does) is unreachable; a server error (1040
 * too many connections, 1045 access denied) or a read timeout after the connection was
 * made (a slow login) means the server is there.
 */
final class ProbeFailures {

	private static final int MAX_NODES = 32;

	private ProbeFailures() {
	}

	static boolean unreachable(SQLException failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		pending.push(failure);
		boolean unreachable = false;
		while (!pending.isEmpty() && seen.size() < MAX_NODES) {
			Throwable node = pending.pop();
			if (!seen.add(node)) {
				continue;
			}
			if (node instanceof SQLException sql && answeredByServer(sql.getErrorCode())) {
				return false;
			}
			if (node instanceof ConnectException || node instanceof UnknownHostException
					|| node instanceof NoRouteToHostException || node instanceof EOFException
					|| (node instanceof SocketTimeoutException timeout && isConnectTimeout(timeout))) {
				unreachable = true;
			}
			if (node.getCause() != null) {
				pending.push(node.getCause());
			}
			if (node instanceof SQLException sql && sql.getNextException() != null) {
				pending.push(sql.getNextException());
			}
		}
		return unreachable || isConnectState(failure);
	}

	private static boolean answeredByServer(int code) {
		return code >= 1000 && (code < 2000 || code >= 3000);
	}

	private static boolean isConnectTimeout(SocketTimeoutException timeout) {
		String message = timeout.getMessage();
		return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
	}

	/**
	 * Without a network cause in sight, a driver that says it could not establish the
	 * connection (SQLState 08001) and gives no server code is taken at its word.
	 */
	private static boolean isConnectState(SQLException failure) {
		return "08001".equals(failure.getSQLState()) && failure.getErrorCode() == 0
				&& !(failure.getCause() instanceof SocketTimeoutException);
	}

}
