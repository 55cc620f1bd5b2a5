package io.github.mysqlresilience.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties for MySQL resilience.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mysql.resilience")
public class MySqlResilienceProperties {

	private final Errors errors = new Errors();

	private final Translation translation = new Translation();

	private final Retry retry = new Retry();

	private final Pool pool = new Pool();

	private final Metrics metrics = new Metrics();

	private final Health health = new Health();

	private final Stream stream = new Stream();

	private final CommitOutcome commitOutcome = new CommitOutcome();

	public CommitOutcome getCommitOutcome() {
		return this.commitOutcome;
	}

	public Errors getErrors() {
		return this.errors;
	}

	public Translation getTranslation() {
		return this.translation;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Health getHealth() {
		return this.health;
	}

	public Stream getStream() {
		return this.stream;
	}

	private static void assertPositive(Duration duration, String property) {
		Assert.isTrue(!duration.isNegative() && !duration.isZero(),
				() -> property + " must be positive, not " + duration);
	}

	/**
	 * Commit-outcome resolution properties.
	 */
	public static class CommitOutcome {

		/**
		 * Whether to write a marker row in each read-write transaction just before its
		 * COMMIT, and to resolve a COMMIT lost in flight (committed: the call succeeds; not
		 * committed: it may be retried; not known in time: a dedicated exception).
		 */
		private boolean enabled;

		/**
		 * The marker table, optionally with its schema.
		 */
		private String table = "mysql_resilience_commit_marker";

		/**
		 * Whether to create the marker table if it does not exist.
		 */
		private boolean createTable = true;

		/**
		 * How long a resolution may take in a call without a retry deadline.
		 */
		private Duration resolveTimeout = Duration.ofSeconds(5);

		/**
		 * How long markers are kept; longer than the longest resolution.
		 */
		private Duration retention = Duration.ofHours(1);

		/**
		 * How often markers older than the retention are deleted (1,000 rows per
		 * statement).
		 */
		private Duration cleanupInterval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			// Validated here so that a bad name fails the start-up
			new io.github.mysqlresilience.commit.CommitMarkers(table);
			this.table = table;
		}

		public boolean isCreateTable() {
			return this.createTable;
		}

		public void setCreateTable(boolean createTable) {
			this.createTable = createTable;
		}

		public Duration getResolveTimeout() {
			return this.resolveTimeout;
		}

		public void setResolveTimeout(Duration resolveTimeout) {
			assertPositive(resolveTimeout, "mysql.resilience.commit-outcome.resolve-timeout");
			this.resolveTimeout = resolveTimeout;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			assertPositive(retention, "mysql.resilience.commit-outcome.retention");
			Assert.isTrue(retention.compareTo(Duration.ofMinutes(1)) >= 0,
					() -> "mysql.resilience.commit-outcome.retention must be 1 minute or more, not " + retention);
			this.retention = retention;
		}

		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		public void setCleanupInterval(Duration cleanupInterval) {
			assertPositive(cleanupInterval, "mysql.resilience.commit-outcome.cleanup-interval");
			this.cleanupInterval = cleanupInterval;
		}

	}

	/**
	 * Error classification properties.
	 */
	public static class Errors {

		/**
		 * Whether error messages keep user data, such as the value of a duplicate entry.
		 * Off by default, so that exception messages, logs and meters carry no user data.
		 */
		private boolean includeValues;

		public boolean isIncludeValues() {
			return this.includeValues;
		}

		public void setIncludeValues(boolean includeValues) {
			this.includeValues = includeValues;
		}

	}

	/**
	 * Exception translation properties.
	 */
	public static class Translation {

		/**
		 * Whether to translate MySQL and MariaDB failures into specific Spring exceptions
		 * on every data-access path (JdbcTemplate, JdbcClient, Spring Data JDBC, JPA, the
		 * JDBC transaction manager and jOOQ).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Retry properties.
	 */
	public static class Retry {

		/**
		 * Whether to enable @Retryable (Spring Framework's, and spring-retry's when present)
		 * with MySQL-aware retries, and the MySqlRetryTemplate.
		 */
		private boolean enabled = true;

		/**
		 * Retries after the first attempt, for the MySqlRetryTemplate (programmatic calls,
		 * the keyset scanner); @Retryable methods use their own maxRetries.
		 */
		private long maxRetries = 2;

		/**
		 * Retries of a MySQL failure that is safe to retry (a conflict, a connection lost
		 * before the commit, a read-only server after the pool's eviction) when a method's
		 * maxRetries is lower: a safety net, the deadline being their real bound.
		 */
		private long maxSafeRetries = 10;

		public long getMaxSafeRetries() {
			return this.maxSafeRetries;
		}

		public void setMaxSafeRetries(long maxSafeRetries) {
			Assert.isTrue(maxSafeRetries >= 0,
					() -> "mysql.resilience.retry.max-safe-retries must be 0 or more, not " + maxSafeRetries);
			this.maxSafeRetries = maxSafeRetries;
		}

		/**
		 * Upper bound of the first retry's random delay.
		 */
		private Duration initialDelay = Duration.ofMillis(100);

		/**
		 * Growth of the delay bound with each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Largest delay bound.
		 */
		private Duration maxDelay = Duration.ofSeconds(1);

		/**
		 * Longest a call may take, retries included.
		 */
		private Duration deadline = Duration.ofSeconds(5);

		/**
		 * Whether a read-only call whose query was killed (1317) is retried, within the
		 * method's retries, as Spring's @Retryable does. A write whose statement was killed
		 * is never retried.
		 */
		private boolean retryKilledReads = true;

		private final Budget budget = new Budget();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(long maxRetries) {
			Assert.isTrue(maxRetries >= 0, () -> "mysql.resilience.retry.max-retries must be 0 or more, not " + maxRetries);
			this.maxRetries = maxRetries;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			assertPositive(initialDelay, "mysql.resilience.retry.initial-delay");
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1.0, () -> "mysql.resilience.retry.multiplier must be 1 or more, not " + multiplier);
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			assertPositive(maxDelay, "mysql.resilience.retry.max-delay");
			this.maxDelay = maxDelay;
		}

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			assertPositive(deadline, "mysql.resilience.retry.deadline");
			this.deadline = deadline;
		}

		public boolean isRetryKilledReads() {
			return this.retryKilledReads;
		}

		public void setRetryKilledReads(boolean retryKilledReads) {
			this.retryKilledReads = retryKilledReads;
		}

		public Budget getBudget() {
			return this.budget;
		}

	}

	/**
	 * Retry budget properties.
	 */
	public static class Budget {

		/**
		 * Share of recent calls that may be retried.
		 */
		private double ratio = 0.2;

		/**
		 * Retries allowed per second whatever the traffic.
		 */
		private double minRetriesPerSecond = 10;

		/**
		 * How far back calls and retries count.
		 */
		private Duration window = Duration.ofSeconds(10);

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			Assert.isTrue(ratio >= 0 && ratio <= 1, () -> "mysql.resilience.retry.budget.ratio must be between 0 and 1, not " + ratio);
			this.ratio = ratio;
		}

		public double getMinRetriesPerSecond() {
			return this.minRetriesPerSecond;
		}

		public void setMinRetriesPerSecond(double minRetriesPerSecond) {
			Assert.isTrue(minRetriesPerSecond >= 0,
					() -> "mysql.resilience.retry.budget.min-retries-per-second must be 0 or more, not " + minRetriesPerSecond);
			this.minRetriesPerSecond = minRetriesPerSecond;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			Assert.isTrue(window.toSeconds() >= 1, () -> "mysql.resilience.retry.budget.window must be at least 1s, not " + window);
			this.window = window;
		}

	}

	/**
	 * Connection pool properties.
	 */
	public static class Pool {

		/**
		 * Whether to guard HikariCP pools: MySQL-aware eviction, one pool-wide eviction
		 * per dead-pool episode or failover, and outage mode.
		 */
		private boolean enabled = true;

		/**
		 * Shortest time between two pool-wide evictions.
		 */
		private Duration evictionDebounce = Duration.ofSeconds(1);

		/**
		 * Shortest time between two evictions of the whole pool after read-only errors
		 * (a failover): short, so that connections made while the failover was under way
		 * are replaced soon; long enough that a server that stays read-only does not make
		 * the pool log in again on every error.
		 */
		private Duration readOnlyEvictionDebounce = Duration.ofMillis(200);

		public Duration getReadOnlyEvictionDebounce() {
			return this.readOnlyEvictionDebounce;
		}

		public void setReadOnlyEvictionDebounce(Duration readOnlyEvictionDebounce) {
			assertPositive(readOnlyEvictionDebounce, "mysql.resilience.pool.read-only-eviction-debounce");
			this.readOnlyEvictionDebounce = readOnlyEvictionDebounce;
		}

		/**
		 * How long after the last lost connection a successful borrow ends a dead-pool
		 * episode.
		 */
		private Duration deadPoolQuietPeriod = Duration.ofSeconds(2);

		private final Outage outage = new Outage();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getEvictionDebounce() {
			return this.evictionDebounce;
		}

		public void setEvictionDebounce(Duration evictionDebounce) {
			assertPositive(evictionDebounce, "mysql.resilience.pool.eviction-debounce");
			this.evictionDebounce = evictionDebounce;
		}

		public Duration getDeadPoolQuietPeriod() {
			return this.deadPoolQuietPeriod;
		}

		public void setDeadPoolQuietPeriod(Duration deadPoolQuietPeriod) {
			assertPositive(deadPoolQuietPeriod, "mysql.resilience.pool.dead-pool-quiet-period");
			this.deadPoolQuietPeriod = deadPoolQuietPeriod;
		}

		public Outage getOutage() {
			return this.outage;
		}

	}

	/**
	 * Outage mode properties.
	 */
	public static class Outage {

		/**
		 * Whether callers fail fast while MySQL is unreachable, instead of each waiting
		 * the pool's connection timeout, while one probe per pool waits for the server.
		 */
		private boolean enabled = true;

		/**
		 * How long the server must have been unreachable before callers fail fast. A
		 * restart shorter than that is waited for, as without the starter.
		 */
		private Duration after = Duration.ofSeconds(2);

		/**
		 * How often the probe knocks on the server while it is suspected gone: a TCP
		 * connection that waits for the server's greeting without logging in. The probe
		 * logs in as soon as the server answers.
		 */
		private Duration probeInterval = Duration.ofMillis(100);

		/**
		 * Longest time between two probe logins that no knock called for (the safety net
		 * for URLs that cannot be knocked); they back off from 1 s, doubling, up to this.
		 */
		private Duration maxLoginInterval = Duration.ofSeconds(5);

		/**
		 * How long one probe may take to connect.
		 */
		private Duration probeTimeout = Duration.ofSeconds(1);

		/**
		 * Most callers of retried calls that may wait at once for the server's return
		 * during an outage (beyond it, callers fail fast and are told why). 0 sizes it from
		 * the pool: 4 times its maximum size.
		 */
		private int maxWaiters = 0;

		public int getMaxWaiters() {
			return this.maxWaiters;
		}

		public void setMaxWaiters(int maxWaiters) {
			Assert.isTrue(maxWaiters >= 0,
					() -> "mysql.resilience.pool.outage.max-waiters must be 0 or more, not " + maxWaiters);
			this.maxWaiters = maxWaiters;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getAfter() {
			return this.after;
		}

		public void setAfter(Duration after) {
			Assert.isTrue(!after.isNegative(), () -> "mysql.resilience.pool.outage.after must not be negative, not " + after);
			this.after = after;
		}

		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		public void setProbeInterval(Duration probeInterval) {
			assertPositive(probeInterval, "mysql.resilience.pool.outage.probe-interval");
			this.probeInterval = probeInterval;
		}

		public Duration getMaxLoginInterval() {
			return this.maxLoginInterval;
		}

		public void setMaxLoginInterval(Duration maxLoginInterval) {
			assertPositive(maxLoginInterval, "mysql.resilience.pool.outage.max-login-interval");
			this.maxLoginInterval = maxLoginInterval;
		}

		public Duration getProbeTimeout() {
			return this.probeTimeout;
		}

		public void setProbeTimeout(Duration probeTimeout) {
			assertPositive(probeTimeout, "mysql.resilience.pool.outage.probe-timeout");
			this.probeTimeout = probeTimeout;
		}

	}

	/**
	 * Metrics properties.
	 */
	public static class Metrics {

		/**
		 * Whether to record MySQL failures, retries, evictions and dead-pool episodes in
		 * Micrometer.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Health contributor properties.
	 */
	public static class Health {

		/**
		 * Whether the application writes, so that a read-only server is OUT_OF_SERVICE.
		 * Set to false for an application that only reads (a replica).
		 */
		private boolean writableExpected = true;

		/**
		 * Longest a health check may take; a server that does not answer in time is DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Names of the DataSource beans that only read (replicas): a read-only server is
		 * UP for them, whatever writable-expected says.
		 */
		private Set<String> readOnlyDataSources = new LinkedHashSet<>();

		public Set<String> getReadOnlyDataSources() {
			return this.readOnlyDataSources;
		}

		public void setReadOnlyDataSources(Set<String> readOnlyDataSources) {
			this.readOnlyDataSources = readOnlyDataSources;
		}

		public boolean isWritableExpected() {
			return this.writableExpected;
		}

		public void setWritableExpected(boolean writableExpected) {
			this.writableExpected = writableExpected;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			assertPositive(timeout, "mysql.resilience.health.timeout");
			this.timeout = timeout;
		}

	}

	/**
	 * Keyset scan properties.
	 */
	public static class Stream {

		/**
		 * Time each chunk of a keyset scan should take to read; the rows per chunk adapt to
		 * it (from 10 to 100,000). From 1ms to 10s.
		 */
		private Duration chunkTime = Duration.ofMillis(25);

		public Duration getChunkTime() {
			return this.chunkTime;
		}

		public void setChunkTime(Duration chunkTime) {
			Assert.isTrue(chunkTime.compareTo(Duration.ofMillis(1)) >= 0 && chunkTime.compareTo(Duration.ofSeconds(10)) <= 0,
					() -> "mysql.resilience.stream.chunk-time must be from 1ms to 10s, not " + chunkTime);
			this.chunkTime = chunkTime;
		}

	}

}
