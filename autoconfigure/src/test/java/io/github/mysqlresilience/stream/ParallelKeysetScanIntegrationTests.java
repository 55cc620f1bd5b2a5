package io.github.mysqlresilience.stream;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.retry.MySqlRetryTemplate;
import io.github.mysqlresilience.retry.RetryBudget;
import io.github.mysqlresilience.retry.RetrySettings;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parallel scans, exact slice boundaries and resume tokens on a real server: every row
 * once for keys that {@code double} arithmetic loses (BIGINT above 2<sup>53</sup>, BIGINT
 * UNSIGNED, DECIMAL beyond {@code long}), sparse and string keys split by probing into
 * even slices, and scans resumed after a crash repeat at most one chunk.
 */
@WithMySqlServer
class ParallelKeysetScanIntegrationTests {

	private static final int ROWS = 300_000;

	private static final RowMapper<Long> ID = (result, row) -> result.getLong("id");

	private static final RowMapper<String> ID_TEXT = (result, row) -> result.getString("id");

	private final MySqlTestServer server;

	private final List<HikariDataSource> dataSources = new ArrayList<>();

	ParallelKeysetScanIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTable() {
		BigTable.create(this.server, ROWS);
	}

	@AfterEach
	void closeDataSources() {
		this.dataSources.forEach(HikariDataSource::close);
	}

	@Test
	void parallelScanOutOfOrderDeliversEveryRowOnce() {
		List<Long> ids = new ArrayList<>();
		try (Stream<Long> rows = KeysetScanner.forTable(jdbc(this.server.jdbcUrl()), "big", ID)
			.parallel(4, false)
			.stream()) {
			rows.forEach(ids::add);
		}
		Collections.sort(ids);
		KeysetScannerIntegrationTests.assertEveryRowOnceInOrder(ids, ROWS);
	}

	@Test
	void parallelScanInKeyOrder() {
		List<Long> ids = new ArrayList<>();
		try (Stream<Long> rows = KeysetScanner.forTable(jdbc(this.server.jdbcUrl()), "big", ID)
			.chunkSize(7000)
			.parallel(4, true)
			.stream()) {
			rows.forEach(ids::add);
		}
		KeysetScannerIntegrationTests.assertEveryRowOnceInOrder(ids, ROWS);
	}

	@Test
	void parallelScanSurvivesCutConnections() {
		try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress(this.server.host(), this.server.port()))) {
			// A plain pool (no pool guard) hands out the other cut connections once each: room for them
			RetrySettings settings = new RetrySettings(6, Duration.ofMillis(10), 2, Duration.ofMillis(100),
					Duration.ofSeconds(10), false);
			MySqlRetryTemplate retryTemplate = new MySqlRetryTemplate(settings,
					new RetryBudget(1, 100, Duration.ofSeconds(10)), new MySqlErrorClassifier(), List.of());
			List<Long> ids = new ArrayList<>();
			try (Stream<Long> rows = KeysetScanner
				.forTable(jdbc("jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/app"), "big", ID)
				.chunkSize(2000)
				.retryTemplate(retryTemplate)
				.parallel(4, false)
				.stream()) {
				rows.forEach((id) -> {
					ids.add(id);
					if (ids.size() == 50_000 || ids.size() == 200_000) {
						proxy.cutConnections();
					}
				});
			}
			Collections.sort(ids);
			KeysetScannerIntegrationTests.assertEveryRowOnceInOrder(ids, ROWS);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "BIGINT above 2^53, dense", "BIGINT above 2^60, sparse", "BIGINT UNSIGNED at its top",
			"DECIMAL beyond long", "VARCHAR" })
	void slicesOfHardKeysCoverEveryRowOnce(String kind) {
		String values = switch (kind) {
			case "BIGINT above 2^53, dense" -> "BIGINT NOT NULL PRIMARY KEY) SELECT 9007199254740993 + seq AS id";
			case "BIGINT above 2^60, sparse" -> "BIGINT NOT NULL PRIMARY KEY) SELECT 1152921504606846976 + seq * 3 AS id";
			case "BIGINT UNSIGNED at its top" ->
				"BIGINT UNSIGNED NOT NULL PRIMARY KEY) SELECT 18446744073709551615 - seq AS id";
			case "DECIMAL beyond long" ->
				"DECIMAL(30,3) NOT NULL PRIMARY KEY) SELECT 12345678901234567890123.000 + seq * 0.125 AS id";
			default -> "VARCHAR(20) NOT NULL PRIMARY KEY) SELECT CONCAT('k', LPAD(seq, 6, '0')) AS id";
		};
		this.server.execute("DROP TABLE IF EXISTS app.hard", "CREATE TABLE app.hard (id " + values
				+ " FROM seq_0_to_9999");
		JdbcTemplate jdbc = jdbc(this.server.jdbcUrl());
		List<String> expected = jdbc.queryForList("SELECT id FROM hard ORDER BY id", String.class);
		KeysetScanner<String> scanner = KeysetScanner.forTable(jdbc, "hard", ID_TEXT).chunkSize(777);
		List<KeysetScanner<String>> slices = scanner.split(4);
		assertThat(slices).hasSize(4);
		List<String> sliced = new ArrayList<>();
		for (KeysetScanner<String> slice : slices) {
			List<String> ids = new ArrayList<>();
			try (Stream<String> rows = slice.stream()) {
				rows.forEach(ids::add);
			}
			assertThat(ids).as("slice of %s", kind).hasSizeBetween(2000, 3000);
			sliced.addAll(ids);
		}
		assertThat(sliced).as("slices, one after the other, in key order").containsExactlyElementsOf(expected);
		List<String> parallel = new ArrayList<>();
		try (Stream<String> rows = scanner.parallel(4, true).stream()) {
			rows.forEach(parallel::add);
		}
		assertThat(parallel).as("parallel scan in key order").containsExactlyElementsOf(expected);
	}

	@Test
	void sparseKeysAreSplitIntoEvenSlicesByProbing() {
		this.server.execute("DELETE FROM app.big WHERE id > 1000",
				"INSERT INTO app.big SELECT 1000000000000 + seq, 'far' FROM seq_1_to_3000");
		List<KeysetScanner<Long>> slices = KeysetScanner.forTable(jdbc(this.server.jdbcUrl()), "big", ID).split(4);
		List<Long> sizes = slices.stream().map((slice) -> {
			try (Stream<Long> rows = slice.stream()) {
				return rows.count();
			}
		}).toList();
		assertThat(sizes).containsExactly(1000L, 1000L, 1000L, 1000L);
	}

	@Test
	void crashedScanResumesFromItsLastCheckpointRepeatingLessThanOneChunk() {
		KeysetScanner<Long> scanner = KeysetScanner.forTable(jdbc(this.server.jdbcUrl()), "big", ID).chunkSize(1000);
		AtomicReference<String> saved = new AtomicReference<>();
		List<Long> beforeCrash = new ArrayList<>();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> {
			try (Stream<Long> rows = scanner.stream((token) -> saved.set(token.toString()))) {
				rows.forEach((id) -> {
					if (beforeCrash.size() == 123_456) {
						throw new IllegalStateException("crash");
					}
					beforeCrash.add(id);
				});
			}
		});
		List<Long> afterCrash = new ArrayList<>();
		try (Stream<Long> rows = scanner.resumeFrom(ResumeToken.parse(saved.get())).stream()) {
			rows.forEach(afterCrash::add);
		}
		assertThat(afterCrash.get(0)).isEqualTo(123_001L);
		assertEveryRowAtLeastOnceRepeatingAtMost(beforeCrash, afterCrash, 1000);
	}

	@Test
	void crashedParallelScanResumesEverySlice() {
		KeysetScanner<Long> scanner = KeysetScanner.forTable(jdbc(this.server.jdbcUrl()), "big", ID)
			.chunkSize(1000)
			.parallel(4, false);
		AtomicReference<ResumeToken> saved = new AtomicReference<>();
		List<Long> beforeCrash = new ArrayList<>();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> {
			try (Stream<Long> rows = scanner.stream(saved::set)) {
				rows.forEach((id) -> {
					if (beforeCrash.size() == 100_500) {
						throw new IllegalStateException("crash");
					}
					beforeCrash.add(id);
				});
			}
		});
		assertThat(saved.get().sliceCount()).isEqualTo(4);
		List<Long> afterCrash = new ArrayList<>();
		try (Stream<Long> rows = scanner.resumeFrom(saved.get()).stream()) {
			rows.forEach(afterCrash::add);
		}
		assertEveryRowAtLeastOnceRepeatingAtMost(beforeCrash, afterCrash, 1000);
	}

	@Test
	void cursorPositionResumesAfterTheLastRowRead() {
		KeysetScanner<Long> scanner = KeysetScanner.forTable(jdbc(this.server.jdbcUrl()), "big", ID);
		ResumeToken position;
		try (KeysetCursor<Long> cursor = scanner.open()) {
			for (int i = 0; i < 1234; i++) {
				assertThat(cursor.next()).isEqualTo(i + 1L);
			}
			position = ResumeToken.parse(cursor.position().toString());
		}
		assertThat(position.isComplete()).isFalse();
		try (KeysetCursor<Long> cursor = scanner.resumeFrom(position).open()) {
			assertThat(cursor.next()).isEqualTo(1235L);
			Long last = null;
			for (Long id = cursor.next(); id != null; id = cursor.next()) {
				last = id;
			}
			assertThat(last).isEqualTo((long) ROWS);
			assertThat(cursor.position().isComplete()).isTrue();
		}
	}

	private static void assertEveryRowAtLeastOnceRepeatingAtMost(List<Long> before, List<Long> after, int repeats) {
		Map<Long, Integer> seen = new HashMap<>();
		before.forEach((id) -> seen.merge(id, 1, Integer::sum));
		after.forEach((id) -> seen.merge(id, 1, Integer::sum));
		assertThat(seen).as("rows delivered").hasSize(ROWS);
		assertThat(seen.keySet()).allMatch((id) -> id >= 1 && id <= ROWS);
		long repeated = seen.values().stream().filter((count) -> count > 1).count();
		assertThat(seen.values()).as("no row more than twice").allMatch((count) -> count <= 2);
		assertThat(repeated).as("rows delivered again after the resume").isLessThanOrEqualTo(repeats);
	}

	private JdbcTemplate jdbc(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(this.server.applicationCredentials().username());
		config.setPassword(this.server.applicationCredentials().password());
		config.setMaximumPoolSize(4);
		HikariDataSource dataSource = new HikariDataSource(config);
		this.dataSources.add(dataSource);
		return new JdbcTemplate(dataSource);
	}

}
