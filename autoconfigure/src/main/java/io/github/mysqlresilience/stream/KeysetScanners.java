package io.github.mysqlresilience.stream;

import java.time.Duration;

import io.github.mysqlresilience.retry.MySqlRetryTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;

/**
 * Creates {@link KeysetScanner keyset scanners} on the application's
 * {@link JdbcOperations}, with the MySQL-aware retry template and the configured chunk
 * time ({@code mysql.resilience.stream.chunk-time}) already applied. Auto-configured
 * when there is one {@code JdbcTemplate}.
 *
 * <pre class="code">
 * try (Stream&lt;Order&gt; orders = keysetScanners.forTable("orders", orderMapper).parallel(4, false).stream()) {
 *     orders.forEach(exporter::write);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public class KeysetScanners {

	private final JdbcOperations jdbc;

	private final @Nullable MySqlRetryTemplate retryTemplate;

	private final Duration chunkTime;

	/**
	 * Create a factory.
	 * @param jdbc the JDBC operations the scans run on
	 * @param retryTemplate retries a chunk whose connection was lost, or {@code null}
	 * @param chunkTime the target time per chunk
	 */
	public KeysetScanners(JdbcOperations jdbc, @Nullable MySqlRetryTemplate retryTemplate, Duration chunkTime) {
		this.jdbc = jdbc;
		this.retryTemplate = retryTemplate;
		this.chunkTime = chunkTime;
	}

	/**
	 * Scan a table, by {@code id} unless {@link KeysetScanner#key(String...)} says
	 * otherwise.
	 * @param <T> the type of the rows
	 * @param table the table
	 * @param rowMapper maps each row
	 * @return the scanner
	 */
	public <T> KeysetScanner<T> forTable(String table, RowMapper<T> rowMapper) {
		return configure(KeysetScanner.forTable(this.jdbc, table, rowMapper));
	}

	/**
	 * Scan the result of a query whose rows carry the key columns.
	 * @param <T> the type of the rows
	 * @param select the query, without {@code ORDER BY} or {@code LIMIT}
	 * @param rowMapper maps each row
	 * @return the scanner
	 */
	public <T> KeysetScanner<T> forQuery(String select, RowMapper<T> rowMapper) {
		return configure(KeysetScanner.forQuery(this.jdbc, select, rowMapper));
	}

	private <T> KeysetScanner<T> configure(KeysetScanner<T> scanner) {
		KeysetScanner<T> timed = scanner.chunkTime(this.chunkTime);
		return (this.retryTemplate != null) ? timed.retryTemplate(this.retryTemplate) : timed;
	}

}
