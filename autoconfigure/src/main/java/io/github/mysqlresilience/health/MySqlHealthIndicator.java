package io.github.mysqlresilience.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.pool.PoolGuard;
import io.github.mysqlresilience.pool.MySqlDataSources;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one MySQL or MariaDB DataSource: reachable or not, server flavour and
 * version, {@code read_only} (and {@code super_read_only} on MySQL), outage mode and the
 * last dead-pool episode. A server that is read-only while the application expects to
 * write is {@code OUT_OF_SERVICE}. The check is bounded by a timeout, also when the server
 * never answers, and never shows credentials or URLs.
 *
 * @since 0.1.0
 */
public class MySqlHealthIndicator implements HealthIndicator {

	private final DataSource dataSource;

	private final boolean writableExpected;

	private final Duration timeout;

	/** One thread at most, which ends when idle: no thread outlives the checks. */
	private final ExecutorService executor = idleEndingExecutor();

	private volatile @Nullable Future<Health> running;

	private static ExecutorService idleEndingExecutor() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "mysql-health");
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Create an indicator.
	 * @param dataSource the data source
	 * @param writableExpected whether a read-only server is out of service
	 * @param timeout the longest a check may take
	 */
	public MySqlHealthIndicator(DataSource dataSource, boolean writableExpected, Duration timeout) {
		this.dataSource = dataSource;
		this.writableExpected = writableExpected;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		PoolGuard guard = MySqlDataSources.guardOf(this.dataSource);
		Map<String, Object> pool = poolDetails(guard);
		if (guard != null && guard.isOutage()) {
			return Health.down().withDetails(pool).withDetail("error", "MySQL is unreachable (outage mode)").build();
		}
		Future<Health> previous = this.running;
		if (previous != null && !previous.isDone()) {
			return Health.down().withDetails(pool).withDetail("error", "The previous check has not returned").build();
		}
		Future<Health> check = this.executor.submit(() -> check(pool));
		this.running = check;
		try {
			return check.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			check.cancel(true);
			return Health.down().withDetails(pool).withDetail("error", "No answer within " + this.timeout).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.unknown().build();
		}
		catch (Exception ex) {
			return Health.down().withDetails(pool).withDetail("error", describe(ex.getCause())).build();
		}
	}

	private Health check(Map<String, Object> pool) {
		try (Connection connection = this.dataSource.getConnection()) {
			int millis = (int) this.timeout.toMillis();
			connection.setNetworkTimeout(Runnable::run, millis);
			String version = queryString(connection, "SELECT VERSION()");
			boolean mariaDb = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
			boolean readOnly = queryBoolean(connection, "SELECT @@global.read_only");
			Health.Builder health = (readOnly && this.writableExpected) ? Health.status(Status.OUT_OF_SERVICE)
					: Health.up();
			health.withDetail("flavour", mariaDb ? "MariaDB" : "MySQL").withDetail("version", version);
			health.withDetail("readOnly", readOnly);
			if (!mariaDb) {
				health.withDetail("superReadOnly", queryBoolean(connection, "SELECT @@global.super_read_only"));
			}
			return health.withDetails(pool).build();
		}
		catch (SQLException ex) {
			return Health.down().withDetails(pool).withDetail("error", describe(ex)).build();
		}
	}

	private static Map<String, Object> poolDetails(@Nullable PoolGuard guard) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (guard != null) {
			details.put("pool", guard.poolName());
			details.put("outageMode", guard.isOutage());
			details.put("lastDeadPoolEpisode", (guard.lastDeadPoolEpisode() != null)
					? guard.lastDeadPoolEpisode().toString() : "none");
		}
		return details;
	}

	private static String describe(@Nullable Throwable failure) {
		return MySqlErrors.classify(failure)
			.map((error) -> error.category() + ((error.code() > 0) ? " (" + error.code() + ")" : ""))
			.orElse((failure != null) ? failure.getClass().getSimpleName() : "unknown");
	}

	private static String queryString(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getBoolean(1);
		}
	}

}
