package io.github.mysqlresilience.stream;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.mysqlresilience.retry.MySqlRetryTemplate;
import io.github.mysqlresilience.retry.RetryCall;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.Assert;

/**
 * Reads a large table, or the result of a query, as a lazy {@link Stream} of short,
 * bounded queries ({@code WHERE key > ? ORDER BY key LIMIT n}), each on a connection held
 * only for that chunk: a slow consumer never holds a server-side stream open, so
 * {@code net_write_timeout} cannot abort it, and memory stays flat whatever the size. A
 * connection lost during a chunk is retried from the last delivered key (with a
 * {@link MySqlRetryTemplate}): every row is delivered once, in key order.
 *
 * <pre class="code">
 * KeysetScanner&lt;Order&gt; orders = KeysetScanner.forTable(jdbcTemplate, "orders", orderMapper)
 *     .key("id")
 *     .chunkSize(1000)
 *     .retryTemplate(retryTemplate);
 * try (Stream&lt;Order&gt; stream = orders.stream()) {
 *     stream.forEach(exporter::write);
 * }
 * </pre>
 *
 * The key (one column or several) must be unique and {@code NOT NULL}; this is checked
 * against the server's metadata before the scan starts. Rows inserted during a scan with
 * a key after the last delivered one are delivered; rows updated are delivered as they
 * are when their chunk is read; a row whose key is updated to a later value may be
 * delivered twice. {@link #split(int)} divides the key range into independent slices for
 * parallel workers. Instances are immutable.
 *
 * @param <T> the type of the rows
 * @since 0.1.0
 */
public final class KeysetScanner<T> {

	private final JdbcOperations jdbc;

	private final ScanSource source;

	private final RowMapper<T> rowMapper;

	private final KeyColumns key;

	private final int chunkSize;

	private final @Nullable MySqlRetryTemplate retryTemplate;

	private final @Nullable Object lowerBound;

	private final @Nullable Object upperBound;

	private KeysetScanner(JdbcOperations jdbc, ScanSource source, RowMapper<T> rowMapper, KeyColumns key,
			int chunkSize, @Nullable MySqlRetryTemplate retryTemplate, @Nullable Object lowerBound,
			@Nullable Object upperBound) {
		this.jdbc = jdbc;
		this.source = source;
		this.rowMapper = rowMapper;
		this.key = key;
		this.chunkSize = chunkSize;
		this.retryTemplate = retryTemplate;
		this.lowerBound = lowerBound;
		this.upperBound = upperBound;
	}

	/**
	 * Scan a table. The key defaults to {@code id}.
	 * @param <T> the type of the rows
	 * @param jdbc the JDBC operations (Spring Boot's {@code JdbcTemplate})
	 * @param table the table
	 * @param rowMapper maps each row
	 * @return the scanner
	 */
	public static <T> KeysetScanner<T> forTable(JdbcOperations jdbc, String table, RowMapper<T> rowMapper) {
		return new KeysetScanner<>(jdbc, ScanSource.table(table), rowMapper, new KeyColumns(List.of("id")), 1000,
				null, null, null);
	}

	/**
	 * Scan the result of a query, such as {@code SELECT id, total FROM orders WHERE
	 * status = 'PAID'}. Its rows must carry the key columns. The key defaults to
	 * {@code id}.
	 * @param <T> the type of the rows
	 * @param jdbc the JDBC operations (Spring Boot's {@code JdbcTemplate})
	 * @param select the query, without {@code ORDER BY} or {@code LIMIT}
	 * @param rowMapper maps each row
	 * @return the scanner
	 */
	public static <T> KeysetScanner<T> forQuery(JdbcOperations jdbc, String select, RowMapper<T> rowMapper) {
		return new KeysetScanner<>(jdbc, ScanSource.query(select), rowMapper, new KeyColumns(List.of("id")), 1000,
				null, null, null);
	}

	/**
	 * Return a scanner ordered by the given key columns, which together must be unique and
	 * {@code NOT NULL}.
	 * @param columns the key columns, most significant first
	 * @return a new scanner
	 */
	public KeysetScanner<T> key(String... columns) {
		Assert.isTrue(columns.length > 0, "At least one key column is required");
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, new KeyColumns(Arrays.asList(columns)),
				this.chunkSize, this.retryTemplate, this.lowerBound, this.upperBound);
	}

	/**
	 * Return a scanner that reads the given number of rows per query.
	 * @param chunkSize rows per query, 1 or more
	 * @return a new scanner
	 */
	public KeysetScanner<T> chunkSize(int chunkSize) {
		Assert.isTrue(chunkSize >= 1, () -> "The chunk size must be 1 or more, not " + chunkSize);
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key, chunkSize, this.retryTemplate,
				this.lowerBound, this.upperBound);
	}

	/**
	 * Return a scanner that retries a failed chunk (a read, idempotent) with the given
	 * template, from the last delivered key.
	 * @param retryTemplate the retry template
	 * @return a new scanner
	 */
	public KeysetScanner<T> retryTemplate(MySqlRetryTemplate retryTemplate) {
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key, this.chunkSize, retryTemplate,
				this.lowerBound, this.upperBound);
	}

	/**
	 * Return the rows, lazily, in key order. Close the stream (try-with-resources) when
	 * done; no connection is held between chunks.
	 * @return the rows
	 * @throws InvalidKeysetException if the key is not a unique, {@code NOT NULL} column
	 * set of the source
	 */
	public Stream<T> stream() {
		new KeyValidator(this.jdbc).validate(this.source, this.key);
		return StreamSupport.stream(new Chunks(), false);
	}

	/**
	 * Divide the scan into independent slices, by ranges of the first key column (which
	 * must be numeric), for parallel workers. Together the slices deliver every row once.
	 * @param slices how many slices, 1 or more
	 * @return the slices (fewer when the range is smaller than {@code slices})
	 */
	public List<KeysetScanner<T>> split(int slices) {
		Assert.isTrue(slices >= 1, () -> "The number of slices must be 1 or more, not " + slices);
		new KeyValidator(this.jdbc).validate(this.source, this.key);
		long[] range = new KeyRange(this.jdbc).of(this.source, this.key.first());
		if (range.length == 0) {
			return List.of(this);
		}
		long low = range[0];
		long span = range[1] - low + 1;
		List<KeysetScanner<T>> result = new ArrayList<>();
		long start = low;
		for (int i = 1; i <= slices && start <= range[1]; i++) {
			long end = low + (long) Math.ceil((double) span * i / slices);
			if (end > start) {
				result.add(new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key, this.chunkSize,
						this.retryTemplate, start, end));
				start = end;
			}
		}
		return result;
	}

	@Override
	public String toString() {
		return "KeysetScanner[" + this.source + " by " + this.key.names() + ((this.lowerBound != null)
				? " in [" + this.lowerBound + ", " + this.upperBound + ")" : "") + "]";
	}

	private List<KeyedRow<T>> fetch(Object @Nullable [] after) {
		List<Object> parameters = new ArrayList<>();
		StringBuilder where = new StringBuilder();
		if (after != null) {
			where.append(this.key.afterCondition());
			parameters.addAll(Arrays.asList(this.key.afterParameters(after)));
		}
		if (this.lowerBound != null) {
			where.append((where.length() > 0) ? " AND " : "").append(KeyColumns.quote(this.key.first())).append(" >= ?");
			parameters.add(this.lowerBound);
		}
		if (this.upperBound != null) {
			where.append((where.length() > 0) ? " AND " : "").append(KeyColumns.quote(this.key.first())).append(" < ?");
			parameters.add(this.upperBound);
		}
		String sql = this.source.select() + ((where.length() > 0) ? " WHERE " + where : "") + this.key.orderBy()
				+ " LIMIT " + this.chunkSize;
		List<KeyedRow<T>> rows = this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
					ResultSet.CONCUR_READ_ONLY);
			// Rows are copied into the chunk as they arrive, not buffered twice
			ConnectorJ.streamRows(connection, statement, 0);
			for (int i = 0; i < parameters.size(); i++) {
				statement.setObject(i + 1, parameters.get(i));
			}
			return statement;
		}, this::extract);
		return (rows != null) ? rows : List.of();
	}

	private List<KeyedRow<T>> extract(ResultSet resultSet) throws SQLException {
		List<KeyedRow<T>> rows = new ArrayList<>(this.chunkSize);
		int rowNumber = 0;
		while (resultSet.next()) {
			Object[] keyValues = new Object[this.key.size()];
			for (int i = 0; i < keyValues.length; i++) {
				keyValues[i] = resultSet.getObject(this.key.names().get(i));
			}
			rows.add(new KeyedRow<>(this.rowMapper.mapRow(resultSet, rowNumber++), keyValues));
		}
		return rows;
	}

	private List<KeyedRow<T>> fetchWithRetry(Object @Nullable [] after) {
		if (this.retryTemplate == null) {
			return fetch(after);
		}
		return this.retryTemplate.invoke(new RetryCall(true, true, false), () -> fetch(after));
	}

	private record KeyedRow<T>(@Nullable T row, Object[] key) {
	}

	/**
	 * Fetches one chunk at a time, when the consumer asks for more.
	 */
	private final class Chunks extends Spliterators.AbstractSpliterator<T> {

		private final Deque<KeyedRow<T>> buffer = new ArrayDeque<>();

		private Object @Nullable [] lastKey;

		private boolean exhausted;

		Chunks() {
			super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			if (this.buffer.isEmpty() && !this.exhausted) {
				List<KeyedRow<T>> chunk = fetchWithRetry(this.lastKey);
				this.buffer.addAll(chunk);
				this.exhausted = chunk.size() < KeysetScanner.this.chunkSize;
			}
			KeyedRow<T> next = this.buffer.poll();
			if (next == null) {
				return false;
			}
			this.lastKey = next.key();
			action.accept(next.row());
			return true;
		}

	}

}
