package io.github.mysqlresilience.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mysqlresilience.commit.CommitMarkers;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the commit marker costs: transfers per second (a {@code @Retryable}
 * {@code @Transactional} method with two UPDATEs, 4 callers over 100 accounts), without
 * and with commit-outcome resolution, in alternating rounds of 8 s on the same server.
 * Opt-in ({@code -Dbenchmarks=true}); the figures are recorded in docs/benchmarks.md.
 */
@WithMySqlServer
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class CommitOutcomeBenchmarkIntegrationTests {

	private static final int CALLERS = 4;

	private static final long ROUND_MILLIS = Long.getLong("benchmark.round-millis", 8000);

	private final MySqlTestServer server;

	CommitOutcomeBenchmarkIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@Test
	void transfersPerSecondWithoutAndWithTheMarker() throws Exception {
		this.server.execute("DROP TABLE IF EXISTS app.account", "CREATE TABLE app.account (id BIGINT PRIMARY KEY,"
				+ " email VARCHAR(100), balance INT NOT NULL) ENGINE=InnoDB",
				"INSERT INTO app.account SELECT seq, NULL, 1000 FROM seq_1_to_100",
				new CommitMarkers("app.mysql_resilience_commit_marker").ddl());
		List<String> lines = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			for (boolean marker : new boolean[] { false, true }) {
				double rate = rate(marker);
				lines.add(String.format("BENCHMARK round %d, %-22s %,8.0f transfers/s", round + 1,
						marker ? "with the marker:" : "without the marker:", rate));
			}
		}
		lines.forEach(System.out::println);
	}

	private double rate(boolean marker) throws Exception {
		double[] result = new double[1];
		RetryTestApplication.runner(this.server)
			.withPropertyValues("mysql.resilience.commit-outcome.enabled=" + marker,
					"mysql.resilience.commit-outcome.create-table=false")
			.run((context) -> {
				BankService bank = context.getBean(BankService.class);
				for (int i = 0; i < 200; i++) {
					bank.transfer(1, 2, 1, 0);
				}
				AtomicBoolean running = new AtomicBoolean(true);
				AtomicLong done = new AtomicLong();
				ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
				List<Future<?>> loops = new ArrayList<>();
				for (int i = 0; i < CALLERS; i++) {
					loops.add(callers.submit(() -> {
						ThreadLocalRandom random = ThreadLocalRandom.current();
						while (running.get()) {
							long from = 1 + random.nextInt(100);
							long to = 1 + (from + random.nextInt(99)) % 100;
							bank.transfer(Math.min(from, to), Math.max(from, to), 1, 0);
							done.incrementAndGet();
						}
					}));
				}
				long started = System.nanoTime();
				TimeUnit.MILLISECONDS.sleep(ROUND_MILLIS);
				long count = done.get();
				long nanos = System.nanoTime() - started;
				running.set(false);
				for (Future<?> loop : loops) {
					loop.get();
				}
				callers.shutdown();
				result[0] = count / (nanos / 1e9);
			});
		return result[0];
	}

}
