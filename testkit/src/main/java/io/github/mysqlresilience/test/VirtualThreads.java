package io.github.mysqlresilience.test;

/**
 * Virtual threads, for load generators that run on Java 17 and later: whether a caller ran
 * on one, without the Java 21 API at compile time.
 *
 * @since 0.1.0
 */
public final class VirtualThreads {

	private VirtualThreads() {
	}

	/**
	 * Return whether a thread is virtual.
	 * @param thread the thread
	 * @return whether it is virtual ({@code false} before Java 21)
	 */
	public static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			// Before Java 21: no virtual threads
			return false;
		}
	}

}
