package io.github.mysqlresilience.retry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.autoconfigure.MySqlMetricsAutoConfiguration;
import io.github.mysqlresilience.metrics.MySqlMeters;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters move with real failures: a KILL of every connection under load is one
 * dead-pool episode and one pool-wide eviction; a deadlock retried to success is one
 * {@code success_after_retry}; a duplicate key is one error.
 */
@WithMySqlServer
class MetricsIntegrationTests {

	private final MySqlTestServer server;

	MetricsIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTables() {
		this.server.execute("DROP TABLE IF EXISTS app.account", "CREATE TABLE app.account (id BIGINT PRIMARY KEY,"
				+ " email VARCHAR(100), balance INT NOT NULL, UNIQUE KEY email (email)) ENGINE=InnoDB",
				"INSERT INTO app.account VALUES (1, 'alice@example.com', 1000), (2, 'bob@example.com', 1000)");
	}

	@Test
	void killUnderLoadIsOneDeadPoolEpisodeAndOnePoolEviction() {
		runner().run((context) -> {
			BankService bank = context.getBean(BankService.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Load load = Load.start(20, () -> bank.plainBalance(1), 50)) {
				Load.sleep(1000);
				this.server.killConnections(this.server.applicationCredentials().username());
				Load.sleep(1500);
			}
			String pool = registry.get(MySqlMeters.POOL_DEAD_EVENTS).counter().getId().getTag(MySqlMeters.POOL);
			assertThat(registry.get(MySqlMeters.POOL_DEAD_EVENTS).tag(MySqlMeters.POOL, pool).counter().count())
				.isEqualTo(1);
			assertThat(registry.get(MySqlMeters.POOL_EVICTIONS)
				.tag(MySqlMeters.REASON, "CONNECTION_LOST")
				.tag(MySqlMeters.POOL, pool)
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get(MySqlMeters.ERRORS).tag(MySqlMeters.CATEGORY, "CONNECTION_LOST").counter().count())
				.isPositive();
			assertThat(registry.get(MySqlMeters.POOL_OUTAGE).tag(MySqlMeters.POOL, pool).gauge().value()).isZero();
		});
	}

	@Test
	void deadlockRetriedToSuccessCountsOneSuccessAfterRetry() {
		runner().run((context) -> {
			BankService bank = context.getBean(BankService.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// Two threads of their own: on 2 cores the common pool may run both calls one after the
			// other (it does on JDK 25), and then they never deadlock
			ExecutorService callers = Executors.newFixedThreadPool(2);
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> bank.transfer(1, 2, 10, 300), callers);
			Thread.sleep(100);
			CompletableFuture<Void> second = CompletableFuture.runAsync(() -> bank.transfer(2, 1, 10, 300), callers);
			first.get(30, TimeUnit.SECONDS);
			second.get(30, TimeUnit.SECONDS);
			callers.shutdown();
			assertThat(counter(registry, MySqlMeters.RETRY_CALLS, MySqlMeters.OUTCOME, "success_after_retry"))
				.isEqualTo(1);
			assertThat(counter(registry, MySqlMeters.RETRY_CALLS, MySqlMeters.OUTCOME, "success_without_retry"))
				.isEqualTo(1);
			assertThat(counter(registry, MySqlMeters.RETRY_ATTEMPTS, MySqlMeters.CATEGORY, "DEADLOCK")).isEqualTo(1);
			assertThat(counter(registry, MySqlMeters.ERRORS, MySqlMeters.CATEGORY, "DEADLOCK")).isEqualTo(1);
			assertThat(registry.get(MySqlMeters.ERRORS).tag(MySqlMeters.CATEGORY, "DEADLOCK").counter().getId()
				.getTag(MySqlMeters.CODE)).isEqualTo("1213");
		});
	}

	@Test
	void duplicateKeyThroughTheTransactionManagerIsOneError() {
		runner().run((context) -> {
			BankService bank = context.getBean(BankService.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try {
				bank.insertAccountInTransaction(3, "alice@example.com");
			}
			catch (RuntimeException ex) {
				// expected
			}
			assertThat(counter(registry, MySqlMeters.ERRORS, MySqlMeters.CATEGORY, "DUPLICATE_KEY")).isEqualTo(1);
		});
	}

	private static double counter(MeterRegistry registry, String name, String tag, String value) {
		var counter = registry.find(name).tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private ApplicationContextRunner runner() {
		return RetryTestApplication.runner(this.server)
			.withBean(SimpleMeterRegistry.class)
			.withConfiguration(AutoConfigurations.of(MySqlMetricsAutoConfiguration.class));
	}

}
