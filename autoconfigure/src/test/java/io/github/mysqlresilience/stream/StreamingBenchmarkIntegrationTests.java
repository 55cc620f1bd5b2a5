package io.github.mysqlresilience.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A benchmark, not a timed test: reads 1,000,000 rows of 100 bytes buffered, streaming,
 * and with the keyset scanner at three chunk sizes, and prints rows per second and the
 * peak live heap above the baseline (sampled after forced collections). Run with
 * {@code -Dbenchmarks=true -DargLine=-Xmx512m}; the figures are recorded in
 * docs/streaming.md.
 */
@WithMySqlServer
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class StreamingBenchmarkIntegrationTests {

	private static final int ROWS = 1_000_000;

	private final MySqlTestServer server;

	StreamingBenchmarkIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@Test
	void readOneMillionRows() {
		BigTable.create(this.server, ROWS);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.server.jdbcUrl());
		config.setUsername(this.server.applicationCredentials().username());
		config.setPassword(this.server.applicationCredentials().password());
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			StreamingReader streaming = new StreamingReader(dataSource, 100, List.of());
			for (int round = 0; round < 2; round++) {
				boolean print = round == 1;
				measure("buffered (JdbcTemplate, default fetch)", print, (sink) -> jdbc.query(
						"SELECT id, payload FROM big ORDER BY id", (RowCallbackHandler) (result) -> sink.accept(
								result.getLong(1) + result.getString(2).length())));
				measure("streaming (StreamingReader)", print, (sink) -> {
					try (Stream<Long> rows = streaming.stream("SELECT id, payload FROM big ORDER BY id",
							(result, row) -> result.getLong(1) + result.getString(2).length())) {
						rows.forEach(sink);
					}
				});
				for (int chunk : new int[] { 1000, 10_000, 50_000 }) {
					measure("keyset scanner, chunk " + chunk, print, (sink) -> {
						try (Stream<Long> rows = KeysetScanner
							.forTable(jdbc, "big", (result, row) -> result.getLong(1) + result.getString(2).length())
							.chunkSize(chunk)
							.stream()) {
							rows.forEach(sink);
						}
					});
				}
			}
		}
	}

	/**
	 * Measure one way of reading twice: once for its speed, then once for its memory,
	 * with a sampler that collects garbage every 100 ms and records the live heap (which
	 * slows the read down, hence the separate runs).
	 */
	private static void measure(String name, boolean print, Consumer<Consumer<Long>> read) {
		AtomicLong rows = new AtomicLong();
		long started = System.nanoTime();
		read.accept((value) -> rows.incrementAndGet());
		double seconds = (System.nanoTime() - started) / 1e9;
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long baseline = memory.getHeapMemoryUsage().getUsed();
		AtomicLong peak = new AtomicLong(baseline);
		AtomicBoolean running = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				System.gc();
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.start();
		read.accept((value) -> {
		});
		running.set(false);
		try {
			sampler.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (print) {
			System.out.printf("BENCHMARK %-40s rows=%d  %,.0f rows/s  peak live heap +%.1f MiB%n", name, rows.get(),
					rows.get() / seconds, (peak.get() - baseline) / 1048576.0);
		}
	}

}
