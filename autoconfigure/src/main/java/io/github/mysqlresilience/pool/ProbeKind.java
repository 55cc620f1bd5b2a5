package io.github.mysqlresilience.pool;

/**
 * How the outage probe tries the server.
 *
 * @since 0.1.0
 */
public enum ProbeKind {

	/**
	 * A TCP connection that waits for the server's greeting and closes without logging in.
	 */
	KNOCK,

	/**
	 * A physical connection: the handshake and the login, as the pool makes them.
	 */
	LOGIN

}
