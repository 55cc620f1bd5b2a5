package io.github.mysqlresilience.retry;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Tells, per thread, whether the last transaction failed during its commit: then its
 * outcome is unknown (the server may have committed before the connection was lost),
 * whereas a connection lost before the commit means the server rolled the transaction
 * back. Spring Boot registers it with its transaction managers.
 *
 * @since 0.1.0
 */
public final class CommitTracker implements TransactionExecutionListener {

	private static final ThreadLocal<Boolean> committing = new ThreadLocal<>();

	@Override
	public void beforeBegin(TransactionExecution transaction) {
		committing.remove();
	}

	@Override
	public void beforeCommit(TransactionExecution transaction) {
		committing.set(Boolean.TRUE);
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		if (commitFailure == null) {
			committing.remove();
		}
	}

	/**
	 * Forget what this thread's last transaction did.
	 */
	static void reset() {
		committing.remove();
	}

	/**
	 * Return whether this thread's last transaction started its commit and did not
	 * finish it.
	 * @return whether the commit failed
	 */
	static boolean commitFailed() {
		return Boolean.TRUE.equals(committing.get());
	}

}
