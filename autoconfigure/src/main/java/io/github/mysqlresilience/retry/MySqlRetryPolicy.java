package io.github.mysqlresilience.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.error.RetrySafety;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOff;

/**
 * The retry policy of one call: a MySQL failure is retried only when §4 of the design
 * says it is safe for this call, within the budget; any other failure as the caller's
 * filter says.
 */
final class MySqlRetryPolicy implements RetryPolicy {

	private static final String POOL_TIMEOUT = "Connection is not available, request timed out after";

	private final RetrySettings settings;

	private final RetryCall call;

	private final RetryBudget budget;

	private final MySqlErrorClassifier classifier;

	private final Predicate<Throwable> callerFilter;

	private @Nullable RetryOutcome refusal;

	private @Nullable MySqlError lastError;

	private final @Nullable CallTransactions transactions;

	private int failures;

	private boolean lastWasConflict;

	MySqlRetryPolicy(RetrySettings settings, RetryCall call, RetryBudget budget, MySqlErrorClassifier classifier,
			Predicate<Throwable> callerFilter) {
		this.settings = settings;
		this.call = call;
		this.budget = budget;
		this.classifier = classifier;
		this.callerFilter = callerFilter;
		this.transactions = CallTransactions.current();
	}

	@Override
	public boolean shouldRetry(Throwable failure) {
		Optional<MySqlError> error = this.classifier.classify(failure);
		this.lastError = error.orElse(null);
		boolean retry = this.callerFilter.test(failure) && error.map(this::isSafe).orElse(true);
		this.lastWasConflict = retry && error.map(MySqlRetryPolicy::isConflict).orElse(false);
		if (!retry) {
			this.refusal = error.filter((found) -> this.callerFilter.test(failure))
				.filter((found) -> safety(found) == RetrySafety.OUTCOME_UNKNOWN)
				.map((found) -> RetryOutcome.FAILED_OUTCOME_UNKNOWN)
				.orElse(RetryOutcome.FAILED_NOT_RETRYABLE);
			return false;
		}
		if (++this.failures > limit()) {
			// No retry left: the backoff stops the call without spending the budget
			return true;
		}
		// A conflict is not an outage: the budget, which keeps a database that is down from
		// being hammered, does not starve conflict retries; the deadline bounds them
		if (!this.lastWasConflict && !this.budget.tryAcquireRetry()) {
			this.refusal = RetryOutcome.FAILED_BUDGET_EXHAUSTED;
			return false;
		}
		return true;
	}

	/**
	 * A MySQL failure found safe to retry is bounded by the deadline, the count being a
	 * safety net; any other failure the method retries (its own {@code includes}) by its
	 * {@code maxRetries}, as Spring defines it.
	 */
	private long limit() {
		return (this.lastError != null) ? this.settings.safeRetries() : this.settings.maxRetries();
	}

	/**
	 * Return whether the last failure leaves a retry.
	 */
	boolean retryLeft() {
		return this.failures <= limit();
	}

	/**
	 * Return whether the last failure was a conflict retried as one.
	 */
	boolean lastWasConflict() {
		return this.lastWasConflict;
	}

	/**
	 * A conflict: two transactions wanted the same rows, and the server rolled one back
	 * (a deadlock, a group replication rollback) or made it wait too long.
	 */
	private static boolean isConflict(MySqlError error) {
		return error.category() == MySqlErrorCategory.DEADLOCK
				|| error.category() == MySqlErrorCategory.LOCK_WAIT_TIMEOUT;
	}

	private boolean isSafe(MySqlError error) {
		if (error.category() == MySqlErrorCategory.CANNOT_CONNECT && error.message().contains(POOL_TIMEOUT)) {
			// The caller already waited the pool's whole connectionTimeout
			return false;
		}
		if (error.category() == MySqlErrorCategory.QUERY_KILLED) {
			return this.settings.retryKilledReads() && this.call.readOnly();
		}
		return switch (safety(error)) {
			case SAFE, TRANSACTION_ROLLED_BACK -> true;
			case OUTCOME_UNKNOWN -> this.call.idempotent() || this.call.readOnly();
			case NEVER -> false;
		};
	}

	/**
	 * Return the retry safety of an error for this call, from what the transaction
	 * managers did during its last attempt ({@link CallTransactions}): a lost connection
	 * is as good as a rollback when the whole unit of work was rolled back before any
	 * commit started; a rollback the server declares (deadlock, lock wait, group
	 * replication at COMMIT) is a safe retry only when nothing of the call was committed
	 * and all it began was rolled back (otherwise statements that autocommitted, or a commit that the
	 * method's rollback rules let happen, would run twice); when nothing was told, the
	 * outcome is unknown.
	 */
	RetrySafety safety(MySqlError error) {
		RetrySafety declared = error.retrySafety();
		boolean lost = error.category() == MySqlErrorCategory.CONNECTION_LOST
				|| error.category() == MySqlErrorCategory.SERVER_SHUTDOWN;
		if (lost && declared == RetrySafety.OUTCOME_UNKNOWN && this.transactions != null
				&& this.transactions.wholeUnitRolledBack()) {
			return RetrySafety.TRANSACTION_ROLLED_BACK;
		}
		// The server declared a rollback (a deadlock, a rollback at COMMIT): safe when
		// nothing of the call was committed and all it began was rolled back
		if (declared == RetrySafety.TRANSACTION_ROLLED_BACK
				&& (this.transactions == null || !this.transactions.nothingCommitted())) {
			return RetrySafety.OUTCOME_UNKNOWN;
		}
		return declared;
	}

	@Override
	public BackOff getBackOff() {
		return new MySqlBackOff(this.settings, this);
	}

	@Override
	public Duration getTimeout() {
		return this.settings.deadline();
	}

	/**
	 * Return why the last failure was not retried, if the policy refused it.
	 */
	@Nullable RetryOutcome refusal() {
		return this.refusal;
	}

	/**
	 * Return the MySQL error of the last failure, if it was one.
	 */
	@Nullable MySqlError lastError() {
		return this.lastError;
	}

}
