package io.github.mysqlresilience.retry;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Exponential backoff with full jitter: the n-th retry (from 0) waits
 * {@code random(0, min(maxDelay, initialDelay * multiplier^n))}, so that callers that
 * failed together do not come back together.
 */
final class FullJitterBackOff implements BackOff {

	private final RetrySettings settings;

	FullJitterBackOff(RetrySettings settings) {
		this.settings = settings;
	}

	@Override
	public BackOffExecution start() {
		return new BackOffExecution() {

			private int retries;

			@Override
			public long nextBackOff() {
				if (this.retries >= FullJitterBackOff.this.settings.maxRetries()) {
					return STOP;
				}
				return delay(this.retries++);
			}

		};
	}

	long cap(int retry) {
		double cap = this.settings.initialDelay().toMillis() * Math.pow(this.settings.multiplier(), retry);
		return (long) Math.min(this.settings.maxDelay().toMillis(), cap);
	}

	private long delay(int retry) {
		long cap = cap(retry);
		return (cap > 0) ? ThreadLocalRandom.current().nextLong(cap + 1) : 0;
	}

}
