package io.github.mysqlresilience.error;

/**
 * Marks, per thread, that a streaming result set is being read: a connection failure
 * then is {@link MySqlErrorCategory#STREAM_ABORTED}, whatever the driver says (Connector/J
 * reports it as an ordinary communications failure, MariaDB Connector/J as a lost
 * connection). Only the reading itself is marked, not the consumer's code between rows.
 * Marks nest: a stream read inside another's read leaves the outer one marked when it
 * exits.
 *
 * @since 0.1.0
 */
public final class StreamingReadScope {

	private static final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

	private StreamingReadScope() {
	}

	/**
	 * Mark that this thread reads a streaming result set.
	 */
	public static void enter() {
		depth.get()[0]++;
	}

	/**
	 * Mark that this thread no longer reads the stream it marked last.
	 */
	public static void exit() {
		int[] reads = depth.get();
		if (reads[0] > 0) {
			reads[0]--;
		}
	}

	/**
	 * Return whether this thread reads a streaming result set.
	 * @return whether a streaming read is under way
	 */
	public static boolean isActive() {
		return depth.get()[0] > 0;
	}

}
