package io.github.mysqlresilience.retry;

import org.jspecify.annotations.Nullable;

/**
 * What the transaction managers did during one attempt of a retried call, on its
 * thread: how many transactions the attempt really began (new, with a MySQL resource
 * bound), how many of them reached their commit, and how many were rolled back. Told by
 * the {@link TransactionRecorder}; read by the retry policy, which retries a
 * transaction-rolled-back or lost-connection failure of a write only when the whole unit
 * of work was rolled back: it began a transaction, every transaction it began was rolled
 * back, and none reached its commit. When nothing was told (no transaction, or a
 * transaction manager the recorder does not see), the outcome is unknown.
 * <p>
 * Attempts of nested retried calls are chained: a transaction counts for every call on
 * the thread that is under way.
 */
final class CallTransactions {

	private static final ThreadLocal<CallTransactions> current = new ThreadLocal<>();

	private final @Nullable CallTransactions outer;

	/** When the call's retry deadline ends ({@link System#nanoTime()}), or 0 for none. */
	private long deadlineNanos;

	private int begun;

	private int commitsStarted;

	private int rolledBack;

	private int committed;

	private CallTransactions(@Nullable CallTransactions outer) {
		this.outer = outer;
	}

	/**
	 * Start recording the attempts of a call on this thread.
	 */
	static CallTransactions open() {
		CallTransactions transactions = new CallTransactions(current.get());
		current.set(transactions);
		return transactions;
	}

	/**
	 * Stop recording this call; the call it is nested in, if any, records again.
	 */
	void close() {
		if (this.outer != null) {
			current.set(this.outer);
		}
		else {
			current.remove();
		}
	}

	static @Nullable CallTransactions current() {
		return current.get();
	}

	/**
	 * Set when this call's retry deadline ends.
	 */
	void deadline(long deadlineNanos) {
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * Return the nanoseconds left before the earliest deadline of the retried calls under
	 * way on this thread, or -1 when none is under way.
	 */
	static long remainingNanos() {
		long earliest = Long.MAX_VALUE;
		boolean found = false;
		for (CallTransactions call = current.get(); call != null; call = call.outer) {
			if (call.deadlineNanos != 0) {
				long left = call.deadlineNanos - System.nanoTime();
				earliest = Math.min(earliest, left);
				found = true;
			}
		}
		return found ? Math.max(0, earliest) : -1;
	}

	/**
	 * Forget the previous attempt: the next one starts from nothing.
	 */
	void reset() {
		this.begun = 0;
		this.commitsStarted = 0;
		this.rolledBack = 0;
		this.committed = 0;
	}

	/**
	 * Return whether the attempt's whole unit of work was rolled back: it began at least
	 * one transaction, none of them reached its commit, and all were rolled back.
	 */
	boolean wholeUnitRolledBack() {
		return this.begun > 0 && this.commitsStarted == 0 && this.rolledBack >= this.begun;
	}

	/**
	 * Return whether nothing the attempt began was committed and everything it began was
	 * rolled back, a commit that failed included: what a failure the server declares
	 * rolled back (a deadlock, a group replication rollback at COMMIT) needs to be
	 * retried whole.
	 */
	boolean nothingCommitted() {
		return this.begun > 0 && this.committed == 0 && this.rolledBack >= this.begun;
	}

	@Override
	public String toString() {
		return "began " + this.begun + " transaction(s), " + this.commitsStarted + " reached the commit, "
				+ this.rolledBack + " rolled back";
	}

	static void began() {
		for (CallTransactions call = current.get(); call != null; call = call.outer) {
			call.begun++;
		}
	}

	static void commitStarted() {
		for (CallTransactions call = current.get(); call != null; call = call.outer) {
			call.commitsStarted++;
		}
	}

	static void committed() {
		for (CallTransactions call = current.get(); call != null; call = call.outer) {
			call.committed++;
		}
	}

	static void rolledBack() {
		for (CallTransactions call = current.get(); call != null; call = call.outer) {
			call.rolledBack++;
		}
	}

}
