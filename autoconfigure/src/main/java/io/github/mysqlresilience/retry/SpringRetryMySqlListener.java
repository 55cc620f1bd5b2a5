package io.github.mysqlresilience.retry;

import java.util.Optional;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.interceptor.MethodInvocationRetryCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gives spring-retry's {@code @Retryable} the guarantees of the MySQL-aware retry: a
 * global {@link RetryListener} that stops the retries of a MySQL failure that is not safe
 * for the method (from what its transactions really did, see {@link TransactionRecorder}),
 * of any failure of a method that joined an active transaction, and of any MySQL failure
 * once the {@link RetryBudget} is spent. A {@code @Retryable(listeners = ...)} that leaves
 * this listener out is refused at start-up ({@link SpringRetryListenersCheck}). spring-retry's own settings (attempts, backoff)
 * still apply.
 *
 * @since 0.1.0
 */
public class SpringRetryMySqlListener implements RetryListener {

	private static final String JOINED = SpringRetryMySqlListener.class.getName() + ".joined";

	private static final String CALL = SpringRetryMySqlListener.class.getName() + ".call";

	private static final String TRANSACTIONS = SpringRetryMySqlListener.class.getName() + ".transactions";

	private final MySqlErrorClassifier classifier;

	private final RetryBudget budget;

	private final RetrySettings settings;

	/**
	 * Create a listener.
	 * @param classifier the error classifier
	 * @param budget the retry budget shared with the other retries
	 * @param settings the starter's retry settings (for reads whose query was killed)
	 */
	public SpringRetryMySqlListener(MySqlErrorClassifier classifier, RetryBudget budget, RetrySettings settings) {
		this.classifier = classifier;
		this.budget = budget;
		this.settings = settings;
	}

	@Override
	public <T, E extends Throwable> boolean open(RetryContext context, RetryCallback<T, E> callback) {
		this.budget.recordCall();
		context.setAttribute(JOINED, TransactionSynchronizationManager.isActualTransactionActive());
		context.setAttribute(CALL, call(callback));
		context.setAttribute(TRANSACTIONS, CallTransactions.open());
		return true;
	}

	@Override
	public <T, E extends Throwable> void close(RetryContext context, RetryCallback<T, E> callback,
			@Nullable Throwable failure) {
		if (context.getAttribute(TRANSACTIONS) instanceof CallTransactions transactions) {
			transactions.close();
		}
	}

	@Override
	public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
			Throwable failure) {
		if (Boolean.TRUE.equals(context.getAttribute(JOINED))) {
			// Whatever the failure: the outer transaction boundary decides
			context.setExhaustedOnly();
			return;
		}
		Optional<MySqlError> error = this.classifier.classify(failure);
		if (error.isPresent()) {
			MySqlRetryPolicy policy = new MySqlRetryPolicy(this.settings.withMaxRetries(Long.MAX_VALUE),
					(RetryCall) context.getAttribute(CALL), this.budget, this.classifier, (ex) -> true);
			if (hasAttemptsLeft(context) && !policy.shouldRetry(failure)) {
				context.setExhaustedOnly();
			}
		}
		if (context.getAttribute(TRANSACTIONS) instanceof CallTransactions transactions) {
			transactions.reset();
		}
	}

	private static boolean hasAttemptsLeft(RetryContext context) {
		Object maxAttempts = context.getAttribute(RetryContext.MAX_ATTEMPTS);
		return !(maxAttempts instanceof Integer max) || context.getRetryCount() < max;
	}

	private static RetryCall call(RetryCallback<?, ?> callback) {
		if (callback instanceof MethodInvocationRetryCallback<?, ?> methodCallback) {
			MethodInvocation invocation = methodCallback.getInvocation();
			Object target = invocation.getThis();
			Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target)
					: invocation.getMethod().getDeclaringClass();
			return RetryCalls.of(invocation.getMethod(), targetClass);
		}
		return RetryCall.DEFAULT;
	}

}
