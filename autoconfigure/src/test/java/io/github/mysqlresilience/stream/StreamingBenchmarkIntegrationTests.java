package io.github.mysqlresilience.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.jdbc.core.RowMapper;

/**
 * A benchmark, not a timed test: reads tables of 1,000,000 and 10,000,000 rows of 100
 * bytes buffered (1,000,000 only), streaming, and with the keyset scanner (one slice with
 * the chunk servo and with fixed sizes, four slices in key order and out of order), then
 * with a slow consumer (2 µs of work per row), and prints rows per second and the peak
 * live heap above the baseline (sampled after forced collections). Run with
 * {@code -Dbenchmarks=true -DargLine=-Xmx512m} ({@code -Dbenchmark.rows=1000000} for the
 * small table only); the figures are recorded in docs/streaming.md and
 * docs/benchmarks.md.
 */
@WithMySqlServer
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class StreamingBenchmarkIntegrationTests {

	private static final RowMapper<Long> ROW = (result, row) -> result.getLong(1) + result.getString(2).length();

	private final MySqlTestServer server;

	StreamingBenchmarkIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@Test
	void readLargeTables() {
		for (String size : System.getProperty("benchmark.rows", "1000000,10000000").split(",")) {
			int rows = Integer.parseInt(size.trim());
			BigTable.create(this.server, rows);
			readTable(rows);
		}
	}

	private void readTable(int rows) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.server.jdbcUrl());
		config.setUsername(this.server.applicationCredentials().username());
		config.setPassword(this.server.applicationCredentials().password());
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			StreamingReader streaming = new StreamingReader(dataSource, 100, List.of());
			KeysetScanner<Long> scanner = KeysetScanner.forTable(jdbc, "big", ROW);
			Map<String, Consumer<Consumer<Long>>> reads = new LinkedHashMap<>();
			if (rows <= 1_000_000) {
				reads.put("buffered (JdbcTemplate, default fetch)", (sink) -> jdbc.query(
						"SELECT id, payload FROM big ORDER BY id", (RowCallbackHandler) (result) -> sink.accept(
								result.getLong(1) + result.getString(2).length())));
			}
			reads.put("streaming (StreamingReader)", (sink) -> {
				try (Stream<Long> stream = streaming.stream("SELECT id, payload FROM big ORDER BY id", ROW)) {
					stream.forEach(sink);
				}
			});
			reads.put("streaming through FaultProxy (bytes)", proxied(rows, false));
			reads.put("streaming through MySqlProtocolProxy", proxied(rows, true));
			reads.put("scanner, 1 slice, servo 25 ms", scan(scanner));
			reads.put("scanner, 1 slice, fixed 10,000", scan(scanner.chunkSize(10_000)));
			if (rows <= 1_000_000) {
				reads.put("scanner, 1 slice, fixed 1,000", scan(scanner.chunkSize(1000)));
				reads.put("scanner, 1 slice, fixed 50,000", scan(scanner.chunkSize(50_000)));
			}
			reads.put("scanner, 4 slices, out of order", scan(scanner.parallel(4, false)));
			reads.put("scanner, 4 slices, in key order", scan(scanner.parallel(4, true)));
			reads.put("scanner, 2 slices, out of order", scan(scanner.parallel(2, false)));
			reads.put("scanner, 4 slices, fixed 10,000, out of order", scan(scanner.chunkSize(10_000).parallel(4, false)));
			if (rows <= 1_000_000) {
				reads.put("slow consumer: streaming", slow(reads.get("streaming (StreamingReader)")));
				reads.put("slow consumer: scanner, servo 25 ms", slow(scan(scanner)));
				reads.put("slow consumer: scanner, fixed 1,000", slow(scan(scanner.chunkSize(1000))));
				reads.put("slow consumer: scanner, fixed 50,000", slow(scan(scanner.chunkSize(50_000))));
				reads.put("slow consumer: scanner, 4 slices, out of order", slow(scan(scanner.parallel(4, false))));
			}
			String only = System.getProperty("benchmark.only");
			if (only != null) {
				reads.keySet().removeIf((name) -> !name.matches(only));
			}
			for (int round = 0; round < 2; round++) {
				boolean print = round == 1;
				reads.forEach((name, read) -> measure(String.format("%,d rows: %s", rows, name), print, read));
			}
		}
	}

	/**
	 * The same streaming query through a proxy: plain byte forwarding, or the
	 * protocol-aware proxy reading every packet of the client.
	 */
	private Consumer<Consumer<Long>> proxied(int rows, boolean protocol) {
		return (sink) -> {
			java.net.InetSocketAddress target = new java.net.InetSocketAddress(this.server.host(), this.server.port());
			AutoCloseable proxy;
			String url;
			if (protocol) {
				io.github.mysqlresilience.test.proxy.MySqlProtocolProxy protocolProxy = io.github.mysqlresilience.test.proxy.MySqlProtocolProxy
					.start(target);
				proxy = protocolProxy;
				url = "jdbc:mysql://" + protocolProxy.host() + ":" + protocolProxy.port() + "/app";
			}
			else {
				io.github.mysqlresilience.test.proxy.FaultProxy faultProxy = io.github.mysqlresilience.test.proxy.FaultProxy
					.start(target);
				proxy = faultProxy;
				url = "jdbc:mysql://" + faultProxy.host() + ":" + faultProxy.port() + "/app";
			}
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(url);
			config.setUsername(this.server.applicationCredentials().username());
			config.setPassword(this.server.applicationCredentials().password());
			config.setMaximumPoolSize(1);
			try (HikariDataSource dataSource = new HikariDataSource(config)) {
				StreamingReader reader = new StreamingReader(dataSource, 100, List.of());
				try (Stream<Long> stream = reader.stream("SELECT id, payload FROM big ORDER BY id", ROW)) {
					stream.forEach(sink);
				}
			}
			finally {
				try {
					proxy.close();
				}
				catch (Exception ex) {
					// closed
				}
			}
		};
	}

	private static Consumer<Consumer<Long>> scan(KeysetScanner<Long> scanner) {
		return (sink) -> {
			try (Stream<Long> stream = scanner.stream()) {
				stream.forEach(sink);
			}
		};
	}

	/** The same read with a consumer that works 2 µs on each row. */
	private static Consumer<Consumer<Long>> slow(Consumer<Consumer<Long>> read) {
		return (sink) -> read.accept((row) -> {
			long until = System.nanoTime() + 2_000;
			while (System.nanoTime() < until) {
				Thread.onSpinWait();
			}
			sink.accept(row);
		});
	}

	/**
	 * Measure one way of reading twice: once for its speed, then once for its memory,
	 * with a sampler that collects garbage every 100 ms and records the live heap (which
	 * slows the read down, hence the separate runs).
	 */
	private static void measure(String name, boolean print, Consumer<Consumer<Long>> read) {
		AtomicLong rows = new AtomicLong();
		long clientCpu = cpuNanos(ProcessHandle.current());
		long serverCpu = serverCpuNanos();
		long started = System.nanoTime();
		read.accept((value) -> rows.incrementAndGet());
		long elapsed = System.nanoTime() - started;
		double seconds = elapsed / 1e9;
		double clientCores = (double) (cpuNanos(ProcessHandle.current()) - clientCpu) / elapsed;
		double serverCores = (double) (serverCpuNanos() - serverCpu) / elapsed;
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
			System.out.printf("BENCHMARK %-62s rows=%d  %,.0f rows/s  peak live heap +%.1f MiB  cores: client %.2f,"
					+ " server %.2f%n", name, rows.get(), rows.get() / seconds, (peak.get() - baseline) / 1048576.0,
					clientCores, serverCores);
		}
	}


	private static long cpuNanos(ProcessHandle process) {
		return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
	}

	/** CPU time of the embedded server's processes (mariadbd or mysqld). */
	private static long serverCpuNanos() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.command()
				.map((command) -> command.endsWith("mariadbd") || command.endsWith("mysqld"))
				.orElse(false))
			.mapToLong(StreamingBenchmarkIntegrationTests::cpuNanos)
			.sum();
	}

}
