package io.github.mysqlresilience.retry;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.error.RetrySafety;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a call with MySQL-aware retries, around its transaction (never inside one): a
 * failure is retried only when it is safe for that call, with exponential backoff and
 * full jitter, under a deadline and a shared {@link RetryBudget}. A call made while a
 * transaction is already active on the thread is not retried: the outer transaction
 * boundary decides. Both {@code @Retryable} annotations use it.
 *
 * <pre class="code">
 * Account account = retryTemplate.invoke(() -&gt; accounts.findById(id));
 * transfers.execute(RetryCall.DEFAULT.idempotent(), () -&gt; service.transfer(key, from, to, amount));
 * </pre>
 *
 * @since 0.1.0
 */
public class MySqlRetryTemplate {

	private final RetrySettings settings;

	private final RetryBudget budget;

	private final MySqlErrorClassifier classifier;

	private final List<MySqlRetryListener> listeners;

	/**
	 * Create a template.
	 * @param settings the default settings of each call
	 * @param budget the budget shared by every call
	 * @param classifier the error classifier
	 * @param listeners the listeners to notify
	 */
	public MySqlRetryTemplate(RetrySettings settings, RetryBudget budget, MySqlErrorClassifier classifier,
			List<MySqlRetryListener> listeners) {
		this.settings = settings;
		this.budget = budget;
		this.classifier = classifier;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return the default settings of each call.
	 * @return the settings
	 */
	public RetrySettings getSettings() {
		return this.settings;
	}

	/**
	 * Run a call that is neither idempotent nor read-only.
	 * @param <R> the result type
	 * @param call the call
	 * @return its result
	 */
	public <R> R invoke(Supplier<R> call) {
		return invoke(RetryCall.DEFAULT, call);
	}

	/**
	 * Run a call described by {@code retryCall}.
	 * @param <R> the result type
	 * @param retryCall what the call is (idempotent, read-only, in its own transaction)
	 * @param call the call
	 * @return its result
	 */
	public <R> R invoke(RetryCall retryCall, Supplier<R> call) {
		try {
			return execute(retryCall, this.settings, (failure) -> true, call::get);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run a call.
	 * @param <R> the result type
	 * @param retryCall what the call is
	 * @param settings how often and how long to retry it
	 * @param callerFilter the caller's own filter of retryable failures (for example the
	 * {@code includes} of an annotation); a MySQL failure is retried only if it passes
	 * this filter and is safe
	 * @param call the call
	 * @return its result
	 * @throws Throwable the last failure, when the call fails
	 */
	public <R> @Nullable R execute(RetryCall retryCall, RetrySettings settings, Predicate<Throwable> callerFilter,
			Retryable<R> call) throws Throwable {
		this.budget.recordCall();
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return runJoined(call);
		}
		CallTransactions transactions = CallTransactions.open();
		transactions.deadline(System.nanoTime() + settings.deadline().toNanos());
		try {
			return executeRecorded(retryCall, settings, callerFilter, call);
		}
		finally {
			transactions.close();
		}
	}

	private <R> @Nullable R executeRecorded(RetryCall retryCall, RetrySettings settings,
			Predicate<Throwable> callerFilter, Retryable<R> call) throws Throwable {
		long started = System.nanoTime();
		Throwable firstFailure;
		try {
			// The happy path costs no retry machinery: it is built on the first failure
			R result = call.execute();
			ended(RetryOutcome.SUCCESS_WITHOUT_RETRY);
			return result;
		}
		catch (Throwable ex) {
			firstFailure = ex;
		}
		// The deadline counts from the first attempt's start
		Duration left = settings.deadline().minusNanos(System.nanoTime() - started);
		if (left.toMillis() < 1) {
			// Less than Spring's RetryTemplate can count (it reads 0 ms as "no timeout")
			throw deadlineSpentByTheFirstAttempt(firstFailure, settings, callerFilter);
		}
		RetrySettings remaining = new RetrySettings(settings.maxRetries(), settings.initialDelay(),
				settings.multiplier(), settings.maxDelay(), left, settings.retryKilledReads(),
				settings.maxSafeRetries());
		return retry(retryCall, remaining, callerFilter, call, firstFailure);
	}

	private <R> @Nullable R retry(RetryCall retryCall, RetrySettings settings, Predicate<Throwable> callerFilter,
			Retryable<R> call, Throwable firstFailure) throws Throwable {
		MySqlRetryPolicy policy = new MySqlRetryPolicy(settings, retryCall, this.budget, this.classifier, callerFilter);
		Attempts attempts = new Attempts(policy);
		RetryTemplate template = new RetryTemplate(policy);
		template.setRetryListener(attempts);
		boolean[] first = { true };
		Retryable<R> replayingFirstFailure = () -> {
			if (first[0]) {
				first[0] = false;
				throw firstFailure;
			}
			return call.execute();
		};
		try {
			R result = template.execute(replayingFirstFailure);
			ended(RetryOutcome.SUCCESS_AFTER_RETRY);
			return result;
		}
		catch (RetryException ex) {
			Throwable failure = ex.getCause();
			RetryOutcome outcome = attempts.outcome();
			explain(failure, outcome, policy);
			ended(outcome);
			throw failure;
		}
	}

	private Throwable deadlineSpentByTheFirstAttempt(Throwable failure, RetrySettings settings,
			Predicate<Throwable> callerFilter) {
		boolean retryable = callerFilter.test(failure) && this.classifier.classify(failure)
			.map((error) -> error.retrySafety().allowsRetry())
			.orElse(true);
		if (retryable) {
			failure.addSuppressed(new RetryRefusedException("Not retried: the first attempt took longer than the "
					+ "retry deadline (" + settings.deadline().toMillis() + " ms)"));
		}
		ended(retryable ? RetryOutcome.FAILED_DEADLINE : RetryOutcome.FAILED_NOT_RETRYABLE);
		return failure;
	}

	private <R> @Nullable R runJoined(Retryable<R> call) throws Throwable {
		try {
			R result = call.execute();
			ended(RetryOutcome.SUCCESS_WITHOUT_RETRY);
			return result;
		}
		catch (Throwable ex) {
			if (this.classifier.classify(ex).map((error) -> error.retrySafety().allowsRetry()).orElse(false)) {
				ex.addSuppressed(new RetryRefusedException("Not retried: the call joined a transaction that was "
						+ "already active; the outer transaction boundary decides whether to retry"));
			}
			ended(RetryOutcome.FAILED_NOT_RETRYABLE);
			throw ex;
		}
	}

	private void explain(Throwable failure, RetryOutcome outcome, MySqlRetryPolicy policy) {
		MySqlError error = policy.lastError();
		if (error == null) {
			return;
		}
		if (outcome == RetryOutcome.FAILED_BUDGET_EXHAUSTED) {
			failure.addSuppressed(new RetryRefusedException("Not retried: the MySQL retry budget is spent (" + this.budget
					+ "); the database is probably down, so callers fail fast instead of piling up retries"));
		}
		else if (outcome == RetryOutcome.FAILED_OUTCOME_UNKNOWN) {
			CallTransactions transactions = CallTransactions.current();
			failure.addSuppressed(new RetryRefusedException("Not retried: the outcome is unknown (" + error.category()
					+ ", and the call's work was not all rolled back by a transaction of its own: "
					+ ((transactions != null) ? transactions : "no transaction was seen")
					+ "; statements outside a transaction autocommit, and a commit that started may have "
					+ "committed); mark the method @Idempotent or run it in a read-only transaction to retry it"));
		}
		else if (outcome == RetryOutcome.FAILED_NOT_RETRYABLE && error.category() == MySqlErrorCategory.CANNOT_CONNECT) {
			failure.addSuppressed(new RetryRefusedException(
					"Not retried: the pool already waited its whole connection timeout for a connection"));
		}
	}

	private void ended(RetryOutcome outcome) {
		for (MySqlRetryListener listener : this.listeners) {
			listener.onCallEnded(outcome);
		}
	}

	/**
	 * Counts the retries of one call and remembers how it ended.
	 */
	private final class Attempts implements RetryListener {

		private final MySqlRetryPolicy policy;

		private int retries;

		private boolean timedOut;

		Attempts(MySqlRetryPolicy policy) {
			this.policy = policy;
		}

		@Override
		public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
			this.retries++;
			MySqlError error = this.policy.lastError();
			if (error != null) {
				for (MySqlRetryListener listener : MySqlRetryTemplate.this.listeners) {
					listener.onRetry(error, this.retries);
				}
			}
			CallTransactions transactions = CallTransactions.current();
			if (transactions != null) {
				transactions.reset();
			}
		}

		@Override
		public void onRetryPolicyTimeout(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
			this.timedOut = true;
		}

		RetryOutcome outcome() {
			RetryOutcome refusal = this.policy.refusal();
			if (this.timedOut) {
				return RetryOutcome.FAILED_DEADLINE;
			}
			return (refusal != null) ? refusal : RetryOutcome.FAILED_RETRIES_EXHAUSTED;
		}

	}

}
