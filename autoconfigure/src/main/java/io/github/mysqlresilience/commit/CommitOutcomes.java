package io.github.mysqlresilience.commit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.pool.ConnectionDecorator;
import io.github.mysqlresilience.retry.RetryDeadline;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Commit-outcome resolution for the connections of guarded pools: writes a marker in
 * each read-write transaction just before its COMMIT, resolves a COMMIT lost in flight
 * ({@link CommitOutcomeResolver}) within the call's retry deadline, keeps resolving in
 * the background what it could not tell in time, and deletes old markers.
 *
 * @since 0.1.0
 */
public class CommitOutcomes implements ConnectionDecorator, AutoCloseable {

	private static final Log logger = LogFactory.getLog(CommitOutcomes.class);

	private static final int CLEANUP_BATCH = 1000;

	private static final Duration BACKGROUND_PAUSE = Duration.ofSeconds(1);

	private final CommitOutcomeSettings settings;

	private final CommitMarkers markers;

	private final CommitOutcomeResolver resolver;

	private final Supplier<List<CommitOutcomeListener>> listeners;

	/** The session of each physical connection (connection ids do not change). */
	private final Map<Connection, SessionIdentity> sessions = new WeakHashMap<>();

	/**
	 * Guards {@link #sessions}: a lock, not a monitor, so that a virtual thread committing
	 * never holds its carrier (JDK 21 to 23).
	 */
	private final Lock sessionsLock = new ReentrantLock();

	private final Set<DataSource> prepared = ConcurrentHashMap.newKeySet();

	private final AtomicInteger unresolved = new AtomicInteger();

	private final AtomicBoolean markerFailureLogged = new AtomicBoolean();

	private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "mysql-commit-outcome");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Create the resolution.
	 * @param settings the settings
	 * @param listeners the listeners to tell of each outcome
	 */
	public CommitOutcomes(CommitOutcomeSettings settings, Supplier<List<CommitOutcomeListener>> listeners) {
		this.settings = settings;
		this.markers = new CommitMarkers(settings.table());
		this.resolver = new CommitOutcomeResolver(this.markers);
		this.listeners = listeners;
	}

	@Override
	public Connection decorate(Connection pooled, DataSource dataSource) {
		if (this.prepared.add(dataSource)) {
			prepare(pooled, dataSource);
		}
		return MarkedConnection.wrap(pooled, dataSource, this);
	}

	@Override
	public Connection undecorate(Connection connection) {
		return MarkedConnection.unwrap(connection);
	}

	/**
	 * Return how many commit outcomes the background resolver still looks for.
	 * @return the count
	 */
	public int unresolved() {
		return this.unresolved.get();
	}

	/**
	 * Return the marker table's statements (its DDL among them).
	 * @return the statements
	 */
	public CommitMarkers markers() {
		return this.markers;
	}

	/**
	 * Create the marker table if asked to, and start the clean-up, on the first
	 * connection of a pool.
	 */
	private void prepare(Connection connection, DataSource dataSource) {
		if (this.settings.createTable()) {
			try {
				boolean autoCommit = connection.getAutoCommit();
				if (autoCommit) {
					this.markers.create(connection);
				}
				else {
					this.prepared.remove(dataSource);
					return;
				}
			}
			catch (SQLException ex) {
				logger.error("Cannot create the commit marker table; create it with: " + this.markers.ddl(), ex);
			}
		}
		long every = this.settings.cleanupInterval().toMillis();
		this.background.scheduleWithFixedDelay(() -> cleanUp(dataSource), every, every, TimeUnit.MILLISECONDS);
	}

	private void cleanUp(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			this.markers.deleteOlderThan(connection, this.settings.retention(), CLEANUP_BATCH);
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Commit marker clean-up failed; it runs again later", ex);
		}
	}

	/**
	 * Write the transaction's marker on its connection, just before its COMMIT.
	 * @return the marker, or {@code null} when it could not be written (the commit then
	 * goes on without one)
	 * @throws CommitNotAppliedException when the connection was lost before the COMMIT
	 * was sent
	 */
	CommitOutcomeResolver.@Nullable Marker mark(Connection connection, DataSource dataSource) throws SQLException {
		byte[] id = MarkerIds.next();
		try {
			SessionIdentity session = session(connection);
			this.markers.insert(connection, id);
			return new CommitOutcomeResolver.Marker(id, session);
		}
		catch (SQLException ex) {
			if (losesConnection(ex)) {
				throw new CommitNotAppliedException(MarkerIds.text(id), ex);
			}
			if (this.markerFailureLogged.compareAndSet(false, true)) {
				logger.warn("Cannot write the commit marker; commits go on without one, and a COMMIT lost in flight"
						+ " is not resolved (create the table with: " + this.markers.ddl() + ")", ex);
			}
			else {
				logger.debug("Cannot write the commit marker", ex);
			}
			return null;
		}
	}

	private SessionIdentity session(Connection connection) throws SQLException {
		Connection physical = connection.unwrap(Connection.class);
		SessionIdentity session = sessionOf(physical);
		if (session == null) {
			// Read from the server outside the lock
			session = SessionIdentity.of(connection);
			this.sessionsLock.lock();
			try {
				this.sessions.put(physical, session);
			}
			finally {
				this.sessionsLock.unlock();
			}
		}
		return session;
	}

	private @Nullable SessionIdentity sessionOf(Connection physical) {
		this.sessionsLock.lock();
		try {
			return this.sessions.get(physical);
		}
		finally {
			this.sessionsLock.unlock();
		}
	}

	/**
	 * Settle a COMMIT lost in flight: return if it committed, or throw what became of it.
	 */
	void settle(CommitOutcomeResolver.Marker marker, DataSource dataSource, SQLException failure) throws SQLException {
		long started = System.nanoTime();
		Duration budget = RetryDeadline.remaining()
			.filter((left) -> !left.isZero())
			.orElse(this.settings.resolveTimeout());
		CommitOutcome outcome = this.resolver.resolve(dataSource, marker, started + budget.toNanos());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		notify(outcome, took, false);
		switch (outcome) {
			case COMMITTED -> {
				logger.info("The connection was lost during COMMIT; the transaction committed (marker " + marker.text()
						+ ", resolved in " + took.toMillis() + " ms)");
			}
			case NOT_COMMITTED -> {
				throw new CommitNotAppliedException(marker.text(), failure);
			}
			case UNRESOLVED -> {
				resolveLater(marker, dataSource, started);
				throw new CommitOutcomeUnknownException(marker.text(), failure);
			}
		}
	}

	private void resolveLater(CommitOutcomeResolver.Marker marker, DataSource dataSource, long started) {
		this.unresolved.incrementAndGet();
		logger.warn("The connection was lost during COMMIT and its outcome is not known yet (marker " + marker.text()
				+ "); resolving in the background");
		this.background.execute(() -> resolveInBackground(marker, dataSource, started));
	}

	private void resolveInBackground(CommitOutcomeResolver.Marker marker, DataSource dataSource, long started) {
		CommitOutcome outcome = this.resolver.resolve(dataSource, marker,
				System.nanoTime() + this.settings.resolveTimeout().toNanos());
		long givenUp = started + this.settings.retention().toNanos() / 2;
		if (outcome == CommitOutcome.UNRESOLVED && System.nanoTime() - givenUp < 0) {
			this.background.schedule(() -> resolveInBackground(marker, dataSource, started),
					BACKGROUND_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		this.unresolved.decrementAndGet();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		logger.warn("Commit marker " + marker.text() + ": "
				+ switch (outcome) {
					case COMMITTED -> "the transaction committed";
					case NOT_COMMITTED -> "the transaction did not commit";
					case UNRESOLVED -> "still unknown; giving up";
				} + " (" + took.toSeconds() + " s after the COMMIT was lost)");
		notify(outcome, took, true);
	}

	private void notify(CommitOutcome outcome, Duration took, boolean late) {
		for (CommitOutcomeListener listener : this.listeners.get()) {
			listener.onCommitOutcome(outcome, took, late);
		}
	}

	static boolean losesConnection(SQLException failure) {
		return MySqlErrors.classify(failure).map((error) -> error.category().losesConnection()).orElse(false);
	}

	@Override
	public void close() {
		this.background.shutdownNow();
	}

}
