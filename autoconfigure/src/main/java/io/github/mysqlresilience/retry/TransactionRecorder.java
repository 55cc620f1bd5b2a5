package io.github.mysqlresilience.retry;

import java.util.Map;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.error.RetrySafety;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the MySQL-aware retry what really happened to each transaction of a retried call:
 * whether it was begun by the call (new, with a MySQL {@link DataSource}'s connection
 * bound to it), whether it reached its commit, whether it was rolled back. These facts
 * come from the transaction manager, per transaction, never from annotations: a method
 * annotated {@code @Transactional(propagation = SUPPORTS)}, or run by a transaction
 * manager of another data source, begins no MySQL transaction, so its statements
 * autocommit and a lost connection leaves its outcome unknown.
 * <p>
 * The starter registers it with every {@code AbstractPlatformTransactionManager} of the
 * application, Spring Boot's and the application's own. A transaction manager it cannot
 * see tells nothing, and then the outcome of a write is unknown.
 *
 * @since 0.1.0
 */
public final class TransactionRecorder implements TransactionExecutionListener {

	private final Predicate<DataSource> isMySql;

	/**
	 * Create a recorder for which every data source is a MySQL one.
	 */
	public TransactionRecorder() {
		this((dataSource) -> true);
	}

	/**
	 * Create a recorder.
	 * @param isMySql whether a data source is a MySQL or MariaDB one
	 */
	public TransactionRecorder(Predicate<DataSource> isMySql) {
		this.isMySql = isMySql;
	}

	@Override
	public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
		if (beginFailure == null && transaction.isNewTransaction() && transaction.hasTransaction()
				&& bindsMySql()) {
			CallTransactions.began();
		}
	}

	@Override
	public void beforeCommit(TransactionExecution transaction) {
		if (transaction.isNewTransaction() && transaction.hasTransaction()) {
			CallTransactions.commitStarted();
		}
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		if (!transaction.isNewTransaction() || !transaction.hasTransaction()) {
			return;
		}
		if (commitFailure == null) {
			CallTransactions.committed();
		}
		else if (MySqlErrors.classify(commitFailure)
			.map((error) -> error.retrySafety() == RetrySafety.TRANSACTION_ROLLED_BACK)
			.orElse(false)) {
			// A commit that failed and is known not applied (a rollback the server declared at
			// COMMIT, or a COMMIT lost in flight that the commit-outcome resolution found not
			// applied) is a rollback, whether or not the transaction manager rolls back after it
			CallTransactions.rolledBack();
		}
	}

	@Override
	public void afterRollback(TransactionExecution transaction, @Nullable Throwable rollbackFailure) {
		// A rollback that failed because the connection is gone is a rollback too: the
		// server rolls back what a lost session had not committed
		if (transaction.isNewTransaction() && transaction.hasTransaction()) {
			CallTransactions.rolledBack();
		}
	}

	private boolean bindsMySql() {
		for (Map.Entry<Object, Object> resource : TransactionSynchronizationManager.getResourceMap().entrySet()) {
			if (resource.getKey() instanceof DataSource dataSource && this.isMySql.test(dataSource)) {
				return true;
			}
		}
		return false;
	}

}
