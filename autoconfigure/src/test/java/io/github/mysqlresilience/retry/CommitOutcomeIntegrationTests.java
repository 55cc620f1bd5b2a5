package io.github.mysqlresilience.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mysqlresilience.autoconfigure.MySqlMetricsAutoConfiguration;
import io.github.mysqlresilience.commit.CommitMarkers;
import io.github.mysqlresilience.commit.CommitNotAppliedException;
import io.github.mysqlresilience.commit.CommitOutcome;
import io.github.mysqlresilience.commit.CommitOutcomeListener;
import io.github.mysqlresilience.metrics.MySqlMeters;
import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.MySqlErrorPacket;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commit-outcome resolution on the real wire, with both drivers and a write that is not
 * idempotent (each call adds 1 to a balance): a COMMIT that the server applied while the
 * client lost the connection returns as a success, once; a COMMIT that never reached the
 * server (1053, then the connection closes) is retried and applied once. Under
 * concurrent load, hundreds of such cuts in a row leave no write lost, none duplicated and
 * no outcome unknown (a call whose every retry is cut may give up, knowing its write did not
 * happen) (200 by default, to keep the build quick;
 * {@code -Dcommit-outcome.cuts=1000} for the figures in docs/retry.md).
 */
@WithMySqlServer
class CommitOutcomeIntegrationTests {

	private static final int CUTS = Integer.getInteger("commit-outcome.cuts", 200);

	private final MySqlTestServer server;

	private MySqlProtocolProxy proxy;

	CommitOutcomeIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start(MySqlProtocolProxy proxy) {
		this.server.execute("DROP TABLE IF EXISTS app.account", "CREATE TABLE app.account (id BIGINT PRIMARY KEY,"
				+ " email VARCHAR(100), balance INT NOT NULL) ENGINE=InnoDB",
				"INSERT INTO app.account VALUES (1, 'alice@example.com', 0)",
				// The application's user may not create tables: the table is created from the
				// documented DDL
				new CommitMarkers("app.mysql_resilience_commit_marker").ddl());
		this.proxy = proxy;
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aCommitAppliedWhileTheConnectionWasLostIsASuccessAndHappensOnce(JdbcDriver driver) {
		Outcomes outcomes = new Outcomes();
		runner(driver, outcomes).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			MySqlProtocolProxy.Rule cut = this.proxy.cutAfterExecution("^COMMIT", 1);
			bank.write(1);
			assertThat(cut.matched()).isOne();
			assertThat(bank.attempts().get()).as("no retry: it committed").isOne();
			assertThat(balance()).isOne();
			assertThat(outcomes.counts).containsEntry(CommitOutcome.COMMITTED, 1).hasSize(1);
			assertThat(context.getBean(MeterRegistry.class)
				.get(MySqlMeters.COMMIT_OUTCOME)
				.tag(MySqlMeters.RESULT, "committed")
				.tag(MySqlMeters.WHEN, "call")
				.counter()
				.count()).isOne();
		});
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aCommitThatNeverReachedTheServerIsRetriedAndHappensOnce(JdbcDriver driver) {
		Outcomes outcomes = new Outcomes();
		runner(driver, outcomes).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			MySqlProtocolProxy.Rule refused = this.proxy.answerWithError("^COMMIT", MySqlErrorPacket.SERVER_SHUTDOWN, 1,
					true);
			bank.write(1);
			assertThat(refused.matched()).isOne();
			assertThat(bank.attempts().get()).as("retried: it did not commit").isEqualTo(2);
			assertThat(balance()).isOne();
			assertThat(outcomes.counts).containsEntry(CommitOutcome.NOT_COMMITTED, 1).hasSize(1);
		});
	}

	/**
	 * A plain {@link DataSourceTransactionManager} does not roll back after a failed
	 * commit (Boot's {@code JdbcTransactionManager} does): the transaction facts still
	 * count the commit found not applied as a rollback, so the write is retried.
	 */
	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void aCommitFoundNotAppliedIsRetriedWithAPlainDataSourceTransactionManagerToo(JdbcDriver driver) {
		Outcomes outcomes = new Outcomes();
		runner(driver, outcomes).withUserConfiguration(PlainTransactionManager.class).run((context) -> {
			assertThat(context.getBean(PlatformTransactionManager.class))
				.isExactlyInstanceOf(DataSourceTransactionManager.class);
			BankService bank = context.getBean(BankService.class);
			this.proxy.answerWithError("^COMMIT", MySqlErrorPacket.SERVER_SHUTDOWN, 1, true);
			bank.write(1);
			assertThat(bank.attempts().get()).as("retried: it did not commit").isEqualTo(2);
			assertThat(balance()).isOne();
			assertThat(outcomes.counts).containsEntry(CommitOutcome.NOT_COMMITTED, 1).hasSize(1);
		});
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void hundredsOfLostCommitsUnderLoadLoseNothingDuplicateNothingAndLeaveNothingUnknown(JdbcDriver driver)
			throws Exception {
		Outcomes outcomes = new Outcomes();
		runner(driver, outcomes).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger acknowledged = new AtomicInteger();
			List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
			ExecutorService callers = Executors.newFixedThreadPool(4);
			List<Future<?>> loops = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				loops.add(callers.submit(() -> {
					while (running.get()) {
						try {
							bank.write(1);
							acknowledged.incrementAndGet();
						}
						catch (RuntimeException ex) {
							failures.add(ex);
						}
					}
				}));
			}
			long started = System.nanoTime();
			for (int cut = 0; cut < CUTS; cut++) {
				// Half cut after the server applied the COMMIT, half refused before it ran
				MySqlProtocolProxy.Rule rule = (cut % 2 == 0) ? this.proxy.cutAfterExecution("^COMMIT", 1)
						: this.proxy.answerWithError("^COMMIT", MySqlErrorPacket.SERVER_SHUTDOWN, 1, true);
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> rule.matched() == 1);
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			running.set(false);
			for (Future<?> loop : loops) {
				loop.get(30, TimeUnit.SECONDS);
			}
			callers.shutdown();
			System.out.println("Commit outcome (" + driver + "): " + CUTS + " lost COMMITs in " + millis + " ms under "
					+ "4 callers, " + acknowledged.get() + " writes acknowledged, " + failures.size()
					+ " failures, outcomes " + outcomes.counts);
			// Every COMMIT is cut while the storm lasts, so a caller's retries can all be cut in a
			// row: such a call gives up, knowing its write did not happen (never "unknown")
			assertThat(failures).as("errors surfaced to callers other than a write known not applied whose retries"
					+ " were all cut")
				.allSatisfy((failure) -> assertThat(ExceptionUtils.hasCause(failure, CommitNotAppliedException.class))
					.isTrue());
			assertThat(failures).as("calls that gave up").hasSizeLessThanOrEqualTo(CUTS / 50);
			assertThat(balance()).as("acknowledged writes, each once").isEqualTo(acknowledged.get());
			assertThat(outcomes.counts.getOrDefault(CommitOutcome.COMMITTED, 0)).isEqualTo(CUTS / 2);
			assertThat(outcomes.counts.getOrDefault(CommitOutcome.NOT_COMMITTED, 0)).isEqualTo(CUTS - CUTS / 2);
			assertThat(outcomes.counts).doesNotContainKey(CommitOutcome.UNRESOLVED);
		});
	}

	/**
	 * Whether a failure has a cause of a type.
	 */
	private static final class ExceptionUtils {

		static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
			java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
			for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
			return false;
		}

	}

	private int balance() {
		return this.server.withAdminConnection((connection) -> new JdbcTemplate(
				new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true))
			.queryForObject("SELECT balance FROM app.account WHERE id = 1", Integer.class));
	}

	private ApplicationContextRunner runner(JdbcDriver driver, Outcomes outcomes) {
		return RetryTestApplication.runner(this.server, this.proxy)
			.withPropertyValues(
					"spring.datasource.url=" + driver.url(this.proxy.host(), this.proxy.port(), this.server.database())
							+ "?connectTimeout=2000",
					"mysql.resilience.commit-outcome.enabled=true", "mysql.resilience.commit-outcome.create-table=false")
			.withBean(Outcomes.class, () -> outcomes)
			.withBean(SimpleMeterRegistry.class)
			.withConfiguration(AutoConfigurations.of(MySqlMetricsAutoConfiguration.class));
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class PlainTransactionManager {

		@org.springframework.context.annotation.Bean
		DataSourceTransactionManager transactionManager(javax.sql.DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

	/**
	 * Counts the outcomes the resolution reports.
	 */
	static final class Outcomes implements CommitOutcomeListener {

		final java.util.Map<CommitOutcome, Integer> counts = new ConcurrentHashMap<>();

		@Override
		public void onCommitOutcome(CommitOutcome outcome, Duration took, boolean late) {
			this.counts.merge(outcome, 1, Integer::sum);
		}

	}

}
