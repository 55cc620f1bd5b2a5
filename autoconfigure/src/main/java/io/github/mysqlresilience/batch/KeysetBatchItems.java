package io.github.mysqlresilience.batch;

import io.github.mysqlresilience.stream.KeysetScanner;
import io.github.mysqlresilience.stream.KeysetScanners;

import org.springframework.jdbc.core.RowMapper;

/**
 * Creates the Spring Batch items of a keyset scan of a table, with the scanners of the
 * application ({@link KeysetScanners}: its {@code JdbcTemplate}, the MySQL-aware retry,
 * the configured chunk time). Auto-configured when Spring Batch is on the classpath. A
 * partitioned job pairs a {@link #partitioner} in the manager step with a step-scoped
 * {@link #reader} of the same name, table and key in the worker step:
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;StepScope
 * KeysetItemReader&lt;Order&gt; orderReader(KeysetBatchItems items) {
 *     return items.reader("orders", "orders", orderMapper);
 * }
 *
 * &#64;Bean
 * Step manager(JobRepository repository, Step worker, KeysetBatchItems items) {
 *     return new StepBuilder("manager", repository).partitioner("worker", items.partitioner("orders", "orders"))
 *         .step(worker).gridSize(4).taskExecutor(taskExecutor).build();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public class KeysetBatchItems {

	private final KeysetScanners scanners;

	/**
	 * Create a factory.
	 * @param scanners the application's keyset scanners
	 */
	public KeysetBatchItems(KeysetScanners scanners) {
		this.scanners = scanners;
	}

	/**
	 * Create a restartable reader of a table.
	 * @param <T> the type of the items
	 * @param name the reader's name (its state is {@code <name>.token})
	 * @param table the table
	 * @param rowMapper maps each row
	 * @param key the key columns, {@code id} when none is given
	 * @return the reader
	 */
	public <T> KeysetItemReader<T> reader(String name, String table, RowMapper<T> rowMapper, String... key) {
		return new KeysetItemReader<>(name, scanner(table, rowMapper, key));
	}

	/**
	 * Create a partitioner of a table for workers whose reader has the given name.
	 * @param readerName the name of the workers' {@link KeysetItemReader}
	 * @param table the table
	 * @param key the key columns, {@code id} when none is given
	 * @return the partitioner
	 */
	public KeysetPartitioner partitioner(String readerName, String table, String... key) {
		return new KeysetPartitioner(readerName, scanner(table, (result, row) -> row, key));
	}

	private <T> KeysetScanner<T> scanner(String table, RowMapper<T> rowMapper, String... key) {
		KeysetScanner<T> scanner = this.scanners.forTable(table, rowMapper);
		return (key.length > 0) ? scanner.key(key) : scanner;
	}

}
