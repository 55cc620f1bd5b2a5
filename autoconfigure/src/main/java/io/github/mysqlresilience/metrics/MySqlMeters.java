package io.github.mysqlresilience.metrics;

/**
 * The names and tags of the meters, in one place ({@code docs/metrics.md} describes
 * them).
 *
 * @since 0.1.0
 */
public final class MySqlMeters {

	/**
	 * Counter of classified MySQL failures, tagged {@value #CATEGORY}, {@value #CODE} and
	 * {@value #POOL}.
	 */
	public static final String ERRORS = "mysql.errors";

	/**
	 * Counter of calls through the MySQL-aware retry, tagged {@value #OUTCOME}.
	 */
	public static final String RETRY_CALLS = "mysql.retry.calls";

	/**
	 * Counter of retries taken, tagged {@value #CATEGORY}.
	 */
	public static final String RETRY_ATTEMPTS = "mysql.retry.attempts";

	/**
	 * Counter of pool-wide soft evictions and forced connection evictions, tagged
	 * {@value #POOL} and {@value #REASON}.
	 */
	public static final String POOL_EVICTIONS = "mysql.pool.evictions";

	/**
	 * Counter of dead-pool episodes, tagged {@value #POOL}.
	 */
	public static final String POOL_DEAD_EVENTS = "mysql.pool.dead.events";

	/**
	 * Gauge: 1 while the pool is in outage mode, else 0, tagged {@value #POOL}.
	 */
	public static final String POOL_OUTAGE = "mysql.pool.outage";

	/**
	 * Counter of the outage probe's tries of the server, tagged {@value #POOL} and
	 * {@value #KIND}.
	 */
	public static final String POOL_PROBES = "mysql.pool.probes";

	/**
	 * Counter of the outcomes of commits lost in flight, tagged {@value #RESULT} and
	 * {@value #WHEN}.
	 */
	public static final String COMMIT_OUTCOME = "mysql.commit.outcome";

	/**
	 * Timer of the resolution of commits lost in flight, tagged {@value #RESULT} and
	 * {@value #WHEN}.
	 */
	public static final String COMMIT_OUTCOME_RESOLUTION = "mysql.commit.outcome.resolution";

	/**
	 * Counter of streaming result sets aborted by a failure, tagged {@value #POOL}.
	 */
	public static final String STREAM_ABORTS = "mysql.stream.aborts";

	/**
	 * Tag: the {@link io.github.mysqlresilience.error.MySqlErrorCategory} name.
	 */
	public static final String CATEGORY = "category";

	/**
	 * Tag: a known MySQL error code, {@code none} or {@code other}.
	 */
	public static final String CODE = "code";

	/**
	 * Tag: the HikariCP pool name, or {@code none} when unknown.
	 */
	public static final String POOL = "pool";

	/**
	 * Tag: the {@link io.github.mysqlresilience.retry.RetryOutcome} tag value.
	 */
	public static final String OUTCOME = "outcome";

	/**
	 * Tag: the category of the failure that caused an eviction.
	 */
	public static final String REASON = "reason";

	/**
	 * Tag: how the probe tried the server, {@code knock} or {@code login}.
	 */
	public static final String KIND = "kind";

	/**
	 * Tag: a commit's outcome, {@code committed}, {@code not_committed} or
	 * {@code unresolved}.
	 */
	public static final String RESULT = "result";

	/**
	 * Tag: whether the outcome was found during the call ({@code call}) or later by the
	 * background resolver ({@code background}).
	 */
	public static final String WHEN = "when";

	/**
	 * Tag value when the pool is not known.
	 */
	public static final String NO_POOL = "none";

	private MySqlMeters() {
	}

}
