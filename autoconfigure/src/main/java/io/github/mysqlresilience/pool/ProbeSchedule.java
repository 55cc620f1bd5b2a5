package io.github.mysqlresilience.pool;

import java.time.Duration;

/**
 * When the probe logs in to the server, and when it only knocks. A knock is cheap (a TCP
 * connection that waits for the server's greeting), so the probe knocks every
 * {@code probe-interval} and logs in at once when the server answers: the return is seen
 * within one interval. Logins that no knock called for back off, doubling from the first
 * backoff up to {@code max-login-interval}, so that a long outage costs few connection
 * attempts: they are the safety net for a knock that cannot tell (a URL that cannot be
 * knocked). A server that answers the knock but fails the login is not knocked for again
 * until the outage ends: its logins follow the backoff. Not thread-safe: the probe's
 * single thread owns it.
 */
final class ProbeSchedule {

	private final long firstBackoffNanos;

	private final long maxBackoffNanos;

	private long backoffNanos;

	private long nextLoginAt;

	private boolean started;

	private boolean knockTrusted = true;

	/**
	 * Create a schedule.
	 * @param firstBackoff the wait after the first failed login
	 * @param maxLoginInterval the longest wait between logins
	 */
	ProbeSchedule(Duration firstBackoff, Duration maxLoginInterval) {
		this.firstBackoffNanos = Math.max(1, firstBackoff.toNanos());
		this.maxBackoffNanos = Math.max(this.firstBackoffNanos, maxLoginInterval.toNanos());
		this.backoffNanos = this.firstBackoffNanos;
	}

	/**
	 * Return whether the probe should log in now.
	 * @param now the current {@link System#nanoTime()}
	 * @param answered whether the server answered a knock just now
	 * @return whether to log in
	 */
	boolean loginNow(long now, boolean answered) {
		return !this.started || (answered && this.knockTrusted) || now - this.nextLoginAt >= 0;
	}

	/**
	 * Record a login that did not reach the server: the next one not called for by a knock
	 * waits for the backoff, which then doubles.
	 * @param now the current {@link System#nanoTime()}
	 * @param answered whether a knock's answer called for this login
	 */
	void loginFailed(long now, boolean answered) {
		this.started = true;
		if (answered) {
			this.knockTrusted = false;
		}
		this.nextLoginAt = now + this.backoffNanos;
		this.backoffNanos = Math.min(this.maxBackoffNanos, this.backoffNanos * 2);
	}

	/**
	 * Start over, after the server was reached.
	 */
	void reset() {
		this.started = false;
		this.knockTrusted = true;
		this.backoffNanos = this.firstBackoffNanos;
	}

}
