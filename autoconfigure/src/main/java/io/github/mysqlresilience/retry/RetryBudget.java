package io.github.mysqlresilience.retry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Limits retries to a share of recent calls plus a small floor per second, so that a
 * database that stays down does not get a storm of retries (each caller retrying
 * multiplies the load by the number of retries). Counts are kept per second over a
 * sliding window. Thread-safe and lock-free.
 *
 * @since 0.1.0
 */
public final class RetryBudget {

	private final double ratio;

	private final double minRetriesPerSecond;

	private final int windowSeconds;

	private final LongSupplier clock;

	private final AtomicLongArray seconds;

	private final AtomicLongArray calls;

	private final AtomicLongArray retries;

	/**
	 * Create a budget.
	 * @param ratio the share of recent calls that may be retried, such as {@code 0.2}
	 * @param minRetriesPerSecond retries allowed per second whatever the traffic
	 * @param window how far back calls and retries count
	 */
	public RetryBudget(double ratio, double minRetriesPerSecond, Duration window) {
		this(ratio, minRetriesPerSecond, window, System::currentTimeMillis);
	}

	RetryBudget(double ratio, double minRetriesPerSecond, Duration window, LongSupplier clock) {
		this.ratio = ratio;
		this.minRetriesPerSecond = minRetriesPerSecond;
		this.windowSeconds = (int) Math.max(1, window.toSeconds());
		this.clock = clock;
		this.seconds = new AtomicLongArray(this.windowSeconds);
		this.calls = new AtomicLongArray(this.windowSeconds);
		this.retries = new AtomicLongArray(this.windowSeconds);
	}

	/**
	 * Record a call (its first attempt).
	 */
	public void recordCall() {
		this.calls.incrementAndGet(bucket());
	}

	/**
	 * Take one retry from the budget, if it allows one.
	 * @return whether the retry may happen
	 */
	public boolean tryAcquireRetry() {
		int bucket = bucket();
		long now = currentSecond();
		long recentCalls = 0;
		long recentRetries = 0;
		for (int i = 0; i < this.windowSeconds; i++) {
			if (now - this.seconds.get(i) < this.windowSeconds) {
				recentCalls += this.calls.get(i);
				recentRetries += this.retries.get(i);
			}
		}
		double allowed = this.ratio * recentCalls + this.minRetriesPerSecond * this.windowSeconds;
		if (recentRetries + 1 > allowed) {
			return false;
		}
		this.retries.incrementAndGet(bucket);
		return true;
	}

	private int bucket() {
		long second = currentSecond();
		int index = (int) (second % this.windowSeconds);
		long previous = this.seconds.get(index);
		if (previous != second && this.seconds.compareAndSet(index, previous, second)) {
			this.calls.set(index, 0);
			this.retries.set(index, 0);
		}
		return index;
	}

	private long currentSecond() {
		return this.clock.getAsLong() / 1000;
	}

	@Override
	public String toString() {
		return "RetryBudget[ratio=" + this.ratio + ", minRetriesPerSecond=" + this.minRetriesPerSecond + ", window="
				+ this.windowSeconds + "s]";
	}

}
