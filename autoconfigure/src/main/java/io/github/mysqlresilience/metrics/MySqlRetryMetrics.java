package io.github.mysqlresilience.metrics;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.retry.MySqlRetryListener;
import io.github.mysqlresilience.retry.RetryOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts calls through the MySQL-aware retry by outcome ({@value MySqlMeters#RETRY_CALLS})
 * and retries by category ({@value MySqlMeters#RETRY_ATTEMPTS}). Every outcome is
 * registered at start, at zero.
 *
 * @since 0.1.0
 */
public class MySqlRetryMetrics implements MySqlRetryListener {

	private final MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the registry
	 */
	public MySqlRetryMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (RetryOutcome outcome : RetryOutcome.values()) {
			calls(outcome);
		}
	}

	@Override
	public void onRetry(MySqlError error, int retry) {
		Counter.builder(MySqlMeters.RETRY_ATTEMPTS)
			.description("Retries taken, by the category of the failure retried")
			.tag(MySqlMeters.CATEGORY, error.category().name())
			.register(this.registry)
			.increment();
	}

	@Override
	public void onCallEnded(RetryOutcome outcome) {
		calls(outcome).increment();
	}

	private Counter calls(RetryOutcome outcome) {
		return Counter.builder(MySqlMeters.RETRY_CALLS)
			.description("Calls through the MySQL-aware retry, by outcome")
			.tag(MySqlMeters.OUTCOME, outcome.tagValue())
			.register(this.registry);
	}

}
