package io.github.mysqlresilience.error;

/**
 * Marks, per thread, that a streaming result set is being read: a connection failure
 * then is {@link MySqlErrorCategory#STREAM_ABORTED}, whatever the driver says (Connector/J
 * reports it as an ordinary communications failure, MariaDB Connector/J as a lost
 * connection). Only the reading itself is marked, not the consumer's code between rows.
 *
 * @since 0.1.0
 */
public final class StreamingReadScope {

	private static final ThreadLocal<Boolean> reading = new ThreadLocal<>();

	private StreamingReadScope() {
	}

	/**
	 * Mark that this thread reads a streaming result set.
	 */
	public static void enter() {
		reading.set(Boolean.TRUE);
	}

	/**
	 * Mark that this thread no longer reads one.
	 */
	public static void exit() {
		reading.remove();
	}

	/**
	 * Return whether this thread reads a streaming result set.
	 * @return whether a streaming read is under way
	 */
	public static boolean isActive() {
		return Boolean.TRUE.equals(reading.get());
	}

}
