package io.github.mysqlresilience.pool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import io.github.mysqlresilience.retry.RetryDeadline;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * While MySQL is unreachable, callers fail fast instead of each waiting the pool's whole
 * connection timeout, and one background probe per pool tries the server; its first
 * success ends the outage. The probe knocks often and logs in rarely
 * ({@link ProbeSchedule}, {@link ServerKnock}). Probing starts when a connection is lost or a borrow fails to
 * connect, and stops as soon as the server answers. Callers fail fast only once the
 * server has been unreachable for a while: a quick restart is waited for, as without the
 * starter. Only an unreachable server is an outage: a server that answers the probe with
 * an error (too many connections, access denied) or logs in slowly is there, and its
 * pool keeps serving the connections it has.
 */
final class OutageMode {

	private static final Log logger = LogFactory.getLog(OutageMode.class);

	private static final Duration FIRST_LOGIN_BACKOFF = Duration.ofSeconds(1);

	private static final Duration LAST_KNOCK_TIMEOUT = Duration.ofMillis(100);

	private final Supplier<String> poolName;

	private final HikariDataSource dataSource;

	private final PoolSettings settings;

	private final List<MySqlPoolListener> listeners;

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile boolean active;

	private volatile @Nullable SQLException lastProbeFailure;

	private volatile long activeSince;

	private volatile long unreachableSince;

	/**
	 * When the last outage ended ({@link System#nanoTime()}), or 0.
	 */
	private volatile long recoveredAt;

	private @Nullable ScheduledExecutorService probe;

	/**
	 * The recovery gate: a lock and its condition, not a monitor, so that virtual threads
	 * that wait for the server's return do not pin their carrier (JDK 21 to 23).
	 */
	private final ReentrantLock gate = new ReentrantLock();

	/**
	 * Guards the probe's executor, made on first use (a lock, not a monitor, as the gate).
	 */
	private final ReentrantLock probeLock = new ReentrantLock();

	private final Condition back = this.gate.newCondition();

	private final Semaphore waiters;

	private final @Nullable ServerKnock knock;

	private final ProbeSchedule schedule;

	private final int maxWaiters;

	OutageMode(Supplier<String> poolName, HikariDataSource dataSource, PoolSettings settings,
			List<MySqlPoolListener> listeners) {
		this.poolName = poolName;
		this.dataSource = dataSource;
		this.settings = settings;
		this.listeners = listeners;
		this.maxWaiters = settings.maxWaiters(dataSource.getMaximumPoolSize());
		this.waiters = new Semaphore(this.maxWaiters);
		String url = dataSource.getJdbcUrl();
		this.knock = (url != null) ? ServerKnock.forUrl(url, dataSource.getDataSourceProperties()).orElse(null) : null;
		// Knocked URLs log in without a knock's call only as a safety net; the others rely on
		// logins alone, so theirs start at the probe's pace
		this.schedule = new ProbeSchedule((this.knock != null) ? FIRST_LOGIN_BACKOFF : settings.probeInterval(),
				settings.maxLoginInterval());
	}

	boolean isActive() {
		return this.active;
	}

	boolean isProbing() {
		return this.probing.get() || this.active;
	}

	/**
	 * Let a borrow through, or fail it fast during an outage. A borrow inside a retried
	 * call with time left waits for the server's return instead, up to its deadline, so
	 * that a restart shorter than the deadline costs the call nothing; the number of
	 * waiting callers is capped, and a caller beyond the cap fails fast and is told so. A
	 * caller whose deadline is spent knocks once more before it fails: if the server
	 * answers, it waits for the probe's login (a slack of one login past the deadline).
	 */
	void checkAvailable() throws SQLException {
		if (!this.active) {
			return;
		}
		Duration left = RetryDeadline.remaining().orElse(Duration.ZERO);
		if (left.isZero()) {
			throw outage(null);
		}
		if (!this.waiters.tryAcquire()) {
			throw outage("; " + this.maxWaiters + " callers already wait for the server's return"
					+ " (mysql.resilience.pool.outage.max-waiters)");
		}
		try {
			awaitRecovery(left);
			if (this.active) {
				lastChance();
			}
		}
		finally {
			this.waiters.release();
		}
		if (this.active) {
			throw outage("; the call's retry deadline was spent waiting for the server's return");
		}
	}

	/**
	 * The call's deadline is spent, but the server may have come back since the probe's
	 * last knock: knock once more, and if the server answers, let the probe log in at
	 * once and wait for it (a login's time at most), rather than fail a call that the
	 * server could serve. When the server is still down this costs one refused
	 * connection.
	 */
	private void lastChance() {
		ServerKnock knock = this.knock;
		if (knock == null) {
			return;
		}
		if (!knock(knock, LAST_KNOCK_TIMEOUT)) {
			return;
		}
		executor().execute(() -> {
			if (this.active) {
				login();
			}
		});
		awaitRecovery(this.settings.probeTimeout());
	}

	private boolean knock(ServerKnock knock, Duration timeout) {
		boolean answered = knock.answered(timeout);
		this.listeners.forEach((listener) -> listener.onProbe(this.poolName.get(), ProbeKind.KNOCK));
		return answered;
	}

	/**
	 * Log in to the server. Connected, or the server answered (too many connections,
	 * access denied) or was reached but slow to log in: it is there, so this is no outage.
	 * @return whether the server was reached (the outage, if any, is over)
	 */
	private boolean login() {
		SQLException failure = tryConnect();
		this.listeners.forEach((listener) -> listener.onProbe(this.poolName.get(), ProbeKind.LOGIN));
		if (failure == null || !ProbeFailures.unreachable(failure)) {
			reached();
			return true;
		}
		this.lastProbeFailure = failure;
		return false;
	}

	private void awaitRecovery(Duration left) {
		long until = System.nanoTime() + left.toNanos();
		this.gate.lock();
		try {
			long remaining;
			while (this.active && (remaining = until - System.nanoTime()) > 0) {
				this.back.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.gate.unlock();
		}
	}

	private SQLTransientConnectionException outage(@Nullable String why) {
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - this.activeSince);
		return new SQLTransientConnectionException(this.poolName.get() + " - MySQL is unreachable (outage mode for "
				+ seconds + " s); failing fast while a probe waits for the server" + ((why != null) ? why : ""),
				"08001", this.lastProbeFailure);
	}

	/**
	 * End the outage and release every waiting caller at once: from this instant no caller
	 * gets an outage-mode error.
	 */
	private void recovered() {
		this.gate.lock();
		try {
			this.recoveredAt = System.nanoTime();
			this.active = false;
			this.back.signalAll();
		}
		finally {
			this.gate.unlock();
		}
	}

	/**
	 * Return how long a borrow may wait: until the retried call's deadline, but, in the
	 * first probe timeout after the server's return, at least until that timeout ends.
	 * The callers released by the return (some of whose deadlines ended while the probe
	 * confirmed it) then wait for the refilling pool, a login's time, rather than fail a
	 * call that the server can now serve.
	 * @param callDeadline the call's deadline ({@link System#nanoTime()}), or
	 * {@link Long#MAX_VALUE} for none
	 * @return the deadline of the borrow
	 */
	long borrowDeadline(long callDeadline) {
		long recovered = this.recoveredAt;
		if (callDeadline == Long.MAX_VALUE || recovered == 0) {
			return callDeadline;
		}
		long graceEnd = recovered + this.settings.probeTimeout().toNanos();
		boolean inGrace = System.nanoTime() - graceEnd < 0;
		return (inGrace && graceEnd - callDeadline > 0) ? graceEnd : callDeadline;
	}

	void probeSoon() {
		if (this.probing.compareAndSet(false, true)) {
			executor().execute(this::probe);
		}
	}

	/**
	 * One tick of the probe: knock when the URL can be knocked, log in when the server
	 * answered or a safety-net login is due, then end the outage or schedule the next
	 * tick.
	 */
	private void probe() {
		long now = System.nanoTime();
		ServerKnock knock = this.knock;
		boolean answered = knock != null && knock(knock, this.settings.probeTimeout());
		if (this.schedule.loginNow(now, answered)) {
			if (login()) {
				return;
			}
			this.schedule.loginFailed(System.nanoTime(), answered);
		}
		if (this.unreachableSince == 0) {
			this.unreachableSince = now;
		}
		if (!this.active && now - this.unreachableSince >= this.settings.outageAfter().toNanos()) {
			this.activeSince = System.nanoTime();
			this.active = true;
			SQLException failure = this.lastProbeFailure;
			logger.warn("MySQL is unreachable: pool " + this.poolName.get() + " fails fast until a probe connects"
					+ ((failure != null) ? " (" + failure.getMessage() + ")" : ""));
			this.listeners.forEach((listener) -> listener.onOutageMode(this.poolName.get(), true));
		}
		executor().schedule(this::probe, this.settings.probeInterval().toNanos(), TimeUnit.NANOSECONDS);
	}

	private void reached() {
		this.unreachableSince = 0;
		this.schedule.reset();
		this.probing.set(false);
		if (this.active) {
			recovered();
			wakeConnectionAdder();
			logger.info("MySQL is reachable again: outage mode of pool " + this.poolName.get() + " ends");
			this.listeners.forEach((listener) -> listener.onOutageMode(this.poolName.get(), false));
		}
	}

	/**
	 * HikariCP's connection adder backs off up to 5 s between failed attempts, so after an
	 * outage the pool would stay empty for up to 5 s although the server is back.
	 * Interrupting its sleep ends that attempt loop (HikariCP checks the interrupt flag),
	 * and the next borrow starts a new one at once.
	 */
	private void wakeConnectionAdder() {
		String adder = connectionAdderName(this.poolName.get());
		Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(adder))
			.forEach(Thread::interrupt);
	}

	/**
	 * The name HikariCP gives its connection adder threads (a prefix), checked by a test
	 * against the HikariCP in use.
	 */
	static String connectionAdderName(String poolName) {
		return poolName + ":connection-adder";
	}

	private @Nullable SQLException tryConnect() {
		String url = this.dataSource.getJdbcUrl();
		Properties properties = new Properties();
		properties.putAll(this.dataSource.getDataSourceProperties());
		// The pool's credentials provider, when it has one, knows the current (rotated) password
		HikariCredentialsProvider provider = this.dataSource.getCredentialsProvider();
		Credentials credentials = (provider != null) ? provider.getCredentials() : this.dataSource.getCredentials();
		putIfPresent(properties, "user", (credentials != null) ? credentials.getUsername() : null);
		putIfPresent(properties, "password", (credentials != null) ? credentials.getPassword() : null);
		String timeout = Long.toString(this.settings.probeTimeout().toMillis());
		properties.setProperty("connectTimeout", timeout);
		properties.setProperty("socketTimeout", timeout);
		try (Connection connection = DriverManager.getConnection(url, properties)) {
			return connection.isValid((int) Math.max(1, this.settings.probeTimeout().toSeconds())) ? null
					: new SQLException("The probe connection is not valid");
		}
		catch (SQLException ex) {
			return ex;
		}
		catch (RuntimeException ex) {
			return new SQLException("The probe failed", ex);
		}
	}

	private static void putIfPresent(Properties properties, String key, @Nullable String value) {
		if (value != null) {
			properties.setProperty(key, value);
		}
	}

	private ScheduledExecutorService executor() {
		this.probeLock.lock();
		try {
			if (this.probe == null) {
				this.probe = Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "mysql-outage-probe-" + this.poolName.get());
					thread.setDaemon(true);
					return thread;
				});
			}
			return this.probe;
		}
		finally {
			this.probeLock.unlock();
		}
	}

	void close() {
		this.probeLock.lock();
		try {
			if (this.probe != null) {
				this.probe.shutdownNow();
			}
		}
		finally {
			this.probeLock.unlock();
		}
	}

}
