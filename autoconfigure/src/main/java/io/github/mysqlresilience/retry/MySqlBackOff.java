package io.github.mysqlresilience.retry;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The delays between retries, by what failed. After an outage-like failure (a lost
 * connection, a read-only server, no connection): exponential backoff with full jitter,
 * the n-th such retry (from 0) waits {@code random(0, min(maxDelay, initialDelay *
 * multiplier^n))}, so that callers that failed together do not come back together. After
 * a conflict (a deadlock, a lock wait timeout): decorrelated jitter, each delay drawn
 * between a short base and three times the previous one, capped, so that the two
 * transactions that collided come back at different times and not at once: base
 * {@code min(initialDelay, 50 ms)}, cap {@code min(maxDelay, 1 s)}. The policy says when
 * no retry is left.
 */
final class MySqlBackOff implements BackOff {

	private static final long CONFLICT_BASE_MILLIS = 50;

	private static final long CONFLICT_CAP_MILLIS = 1000;

	private final RetrySettings settings;

	private final MySqlRetryPolicy policy;

	MySqlBackOff(RetrySettings settings, MySqlRetryPolicy policy) {
		this.settings = settings;
		this.policy = policy;
	}

	@Override
	public BackOffExecution start() {
		return new BackOffExecution() {

			private int retries;

			private long previousConflictDelay;

			@Override
			public long nextBackOff() {
				if (!MySqlBackOff.this.policy.retryLeft()) {
					return STOP;
				}
				if (MySqlBackOff.this.policy.lastWasConflict()) {
					this.previousConflictDelay = conflictDelay(this.previousConflictDelay);
					return this.previousConflictDelay;
				}
				return fullJitter(this.retries++);
			}

		};
	}

	long cap(int retry) {
		double cap = this.settings.initialDelay().toMillis() * Math.pow(this.settings.multiplier(), retry);
		return (long) Math.min(this.settings.maxDelay().toMillis(), cap);
	}

	long conflictBase() {
		return Math.max(1, Math.min(this.settings.initialDelay().toMillis(), CONFLICT_BASE_MILLIS));
	}

	long conflictCap() {
		return Math.max(conflictBase(), Math.min(this.settings.maxDelay().toMillis(), CONFLICT_CAP_MILLIS));
	}

	long conflictDelay(long previous) {
		long base = conflictBase();
		long upper = Math.min(conflictCap(), Math.max(base, previous) * 3);
		return (upper > base) ? ThreadLocalRandom.current().nextLong(base, upper + 1) : base;
	}

	private long fullJitter(int retry) {
		long cap = cap(retry);
		return (cap > 0) ? ThreadLocalRandom.current().nextLong(cap + 1) : 0;
	}

}
