package io.github.mysqlresilience.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.mysqlresilience.retry.MySqlRetryTemplate;
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
 * {@link MySqlRetryTemplate}): every row is delivered once.
 *
 * <pre class="code">
 * KeysetScanner&lt;Order&gt; orders = KeysetScanner.forTable(jdbcTemplate, "orders", orderMapper)
 *     .key("id")
 *     .retryTemplate(retryTemplate);
 * try (Stream&lt;Order&gt; stream = orders.stream()) {
 *     stream.forEach(exporter::write);
 * }
 * </pre>
 *
 * <ul>
 * <li><b>Chunk size.</b> By default the rows per chunk adapt to a target time per chunk
 * ({@link #chunkTime(Duration)}, 25 ms; from 10 to 100,000 rows); {@link #chunkSize(int)}
 * fixes it.</li>
 * <li><b>The last key is captured when the scan starts</b>: rows inserted during the scan
 * after it are not chased. Rows inserted before it, after the last delivered key, are
 * delivered; rows updated are delivered as they are when their chunk is read; a row whose
 * key is updated to a later value may be delivered twice.</li>
 * <li><b>Parallel.</b> {@link #parallel(int, boolean)} reads slices of the key range at
 * once, on as many connections (no more than the HikariCP pool's maximum size), in key
 * order or as they come; {@link #split(int)} gives the slices to independent workers.</li>
 * <li><b>Resumable.</b> {@link #stream(Consumer)} and {@link #open()} tell where the scan
 * stands as a {@link ResumeToken}; {@link #resumeFrom(ResumeToken)} continues from
 * one.</li>
 * </ul>
 * The key (one column or several) must be unique and {@code NOT NULL}; this is checked
 * against the server's metadata before the scan starts. Instances are immutable.
 *
 * @param <T> the type of the rows
 * @since 0.1.0
 */
public final class KeysetScanner<T> {

	static final Duration DEFAULT_CHUNK_TIME = Duration.ofMillis(25);

	private final JdbcOperations jdbc;

	private final ScanSource source;

	private final RowMapper<T> rowMapper;

	private final KeyColumns key;

	private final ChunkSizing.Setting chunking;

	private final @Nullable MySqlRetryTemplate retryTemplate;

	private final int parallelism;

	private final boolean inKeyOrder;

	private final @Nullable ResumeToken start;

	private KeysetScanner(JdbcOperations jdbc, ScanSource source, RowMapper<T> rowMapper, KeyColumns key,
			ChunkSizing.Setting chunking, @Nullable MySqlRetryTemplate retryTemplate, int parallelism,
			boolean inKeyOrder, @Nullable ResumeToken start) {
		this.jdbc = jdbc;
		this.source = source;
		this.rowMapper = rowMapper;
		this.key = key;
		this.chunking = chunking;
		this.retryTemplate = retryTemplate;
		this.parallelism = parallelism;
		this.inKeyOrder = inKeyOrder;
		this.start = start;
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
		return new KeysetScanner<>(jdbc, ScanSource.table(table), rowMapper, new KeyColumns(List.of("id")),
				ChunkSizing.Setting.adaptive(DEFAULT_CHUNK_TIME), null, 1, true, null);
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
		return new KeysetScanner<>(jdbc, ScanSource.query(select), rowMapper, new KeyColumns(List.of("id")),
				ChunkSizing.Setting.adaptive(DEFAULT_CHUNK_TIME), null, 1, true, null);
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
				this.chunking, this.retryTemplate, this.parallelism, this.inKeyOrder, this.start);
	}

	/**
	 * Return a scanner that reads the given number of rows per query.
	 * @param chunkSize rows per query, 1 or more
	 * @return a new scanner
	 */
	public KeysetScanner<T> chunkSize(int chunkSize) {
		Assert.isTrue(chunkSize >= 1, () -> "The chunk size must be 1 or more, not " + chunkSize);
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key,
				ChunkSizing.Setting.fixed(chunkSize), this.retryTemplate, this.parallelism, this.inKeyOrder,
				this.start);
	}

	/**
	 * Return a scanner whose rows per query adapt to a target time per chunk (the time
	 * the server and the network take to deliver it, never the consumer's): the 90th
	 * percentile of the last 10 chunks' time per row sets the next size, which grows at
	 * most 1.5 times per chunk and stays between 10 and 100,000 rows; a chunk slower than
	 * 5 times the target shrinks the next one 5 times. This is the default, with 25 ms.
	 * @param target the time per chunk, from 1 ms to 10 s
	 * @return a new scanner
	 */
	public KeysetScanner<T> chunkTime(Duration target) {
		Assert.isTrue(target.compareTo(Duration.ofMillis(1)) >= 0 && target.compareTo(Duration.ofSeconds(10)) <= 0,
				() -> "The chunk time must be from 1 ms to 10 s, not " + target);
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key,
				ChunkSizing.Setting.adaptive(target), this.retryTemplate, this.parallelism, this.inKeyOrder,
				this.start);
	}

	/**
	 * Return a scanner that retries a failed chunk (a read, idempotent) with the given
	 * template, from the last delivered key.
	 * @param retryTemplate the retry template
	 * @return a new scanner
	 */
	public KeysetScanner<T> retryTemplate(MySqlRetryTemplate retryTemplate) {
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key, this.chunking, retryTemplate,
				this.parallelism, this.inKeyOrder, this.start);
	}

	/**
	 * Return a scanner that reads the given number of slices of the key range at once,
	 * each on its own thread and connection, no more at once than the HikariCP pool's
	 * maximum size. Slice boundaries are planned as for {@link #split(int)}.
	 * @param slices how many slices to read at once, 1 or more
	 * @param inKeyOrder whether the rows come in key order (the other slices read ahead
	 * by a bounded number of chunks while the consumer takes one slice after the other)
	 * or as soon as any slice has them (the fastest)
	 * @return a new scanner
	 */
	public KeysetScanner<T> parallel(int slices, boolean inKeyOrder) {
		Assert.isTrue(slices >= 1, () -> "The number of slices must be 1 or more, not " + slices);
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key, this.chunking,
				this.retryTemplate, slices, inKeyOrder, this.start);
	}

	/**
	 * Return a scanner that continues a scan from where a token says it stood: it
	 * delivers, for each slice, the rows after the slice's last delivered key, up to the
	 * last key captured when the scan first started.
	 * @param token what {@link KeysetCursor#position()} or a checkpoint gave
	 * @return a new scanner
	 */
	public KeysetScanner<T> resumeFrom(ResumeToken token) {
		return new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key, this.chunking,
				this.retryTemplate, this.parallelism, this.inKeyOrder, token);
	}

	/**
	 * Return the rows, lazily. Close the stream (try-with-resources) when done; no
	 * connection is held between chunks.
	 * @return the rows
	 * @throws InvalidKeysetException if the key is not a unique, {@code NOT NULL} column
	 * set of the source
	 */
	public Stream<T> stream() {
		return stream((token) -> {
		});
	}

	/**
	 * Return the rows, lazily, and tell the checkpoint where the scan stands each time
	 * the consumer has taken the last row of a chunk. Persist the token to resume after a
	 * crash: the resumed scan repeats at most the rows taken since the last checkpoint,
	 * one chunk.
	 * @param checkpoint told the token after each chunk the consumer took
	 * @return the rows
	 * @throws InvalidKeysetException if the key is not a unique, {@code NOT NULL} column
	 * set of the source
	 */
	public Stream<T> stream(Consumer<ResumeToken> checkpoint) {
		ScanCursor<T> cursor = openCursor();
		Spliterator<T> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
				(this.inKeyOrder ? Spliterator.ORDERED : 0) | Spliterator.NONNULL) {

			@Override
			public boolean tryAdvance(Consumer<? super T> action) {
				T row = cursor.next();
				if (row == null) {
					return false;
				}
				action.accept(row);
				if (cursor.chunkDelivered()) {
					checkpoint.accept(cursor.position());
				}
				return true;
			}

		};
		return StreamSupport.stream(rows, false).onClose(cursor::close);
	}

	/**
	 * Open the scan as a cursor, read row by row, which tells after each row where the
	 * scan stands.
	 * @return the cursor, to close when done
	 * @throws InvalidKeysetException if the key is not a unique, {@code NOT NULL} column
	 * set of the source
	 */
	public KeysetCursor<T> open() {
		return openCursor();
	}

	/**
	 * Divide the scan into independent slices for parallel workers (threads, or the
	 * partitions of a Spring Batch job), by ranges of the first key column. The last key
	 * is captured now, for all slices. Boundaries are exact for any integer or decimal
	 * key (BIGINT above 2<sup>53</sup>, BIGINT UNSIGNED, DECIMAL): arithmetic where the
	 * keys use at least half of their range, otherwise probed at even row offsets (which
	 * also splits string, binary and date keys). Together the slices deliver every row
	 * once.
	 * @param slices how many slices, 1 or more
	 * @return the slices (fewer when there are fewer distinct first-key values)
	 * @throws IllegalStateException if this scanner resumes a scan
	 */
	public List<KeysetScanner<T>> split(int slices) {
		Assert.isTrue(slices >= 1, () -> "The number of slices must be 1 or more, not " + slices);
		Assert.state(this.start == null, "A resumed scan cannot be split again; resume each slice instead");
		new KeyValidator(this.jdbc).validate(this.source, this.key);
		ResumeToken plan = new ScanPlanner(this.jdbc, this.source, this.key).plan(slices);
		if (plan.sliceCount() <= 1) {
			return List.of(resumeFrom(plan));
		}
		List<KeysetScanner<T>> result = new ArrayList<>();
		for (SliceState slice : plan.slices()) {
			result.add(new KeysetScanner<>(this.jdbc, this.source, this.rowMapper, this.key, this.chunking,
					this.retryTemplate, 1, true, new ResumeToken(plan.upTo(), List.of(slice))));
		}
		return result;
	}

	/**
	 * Return where this scanner starts: the token it resumes, or, for a new scan, none.
	 * @return the token, or {@code null}
	 */
	public @Nullable ResumeToken startToken() {
		return this.start;
	}

	@Override
	public String toString() {
		return "KeysetScanner[" + this.source + " by " + this.key.names() + ", " + this.chunking
				+ ((this.parallelism > 1) ? ", " + this.parallelism + " slices at once" : "")
				+ ((this.start != null) ? ", from " + this.start : "") + "]";
	}

	private ScanCursor<T> openCursor() {
		new KeyValidator(this.jdbc).validate(this.source, this.key);
		ResumeToken token = (this.start != null) ? this.start
				: new ScanPlanner(this.jdbc, this.source, this.key).plan(this.parallelism);
		ChunkQuery<T> query = new ChunkQuery<>(this.jdbc, this.source, this.key, this.rowMapper, this.retryTemplate);
		List<SliceReader<T>> readers = new ArrayList<>();
		if (!token.isComplete()) {
			Object[] upTo = Objects.requireNonNull(token.upTo());
			for (int i = 0; i < token.sliceCount(); i++) {
				SliceState slice = token.slices().get(i);
				if (!slice.done()) {
					readers.add(new SliceReader<>(i, slice, upTo, query, this.chunking.create()));
				}
			}
		}
		int threads = ScanConnections.threads(this.jdbc, Math.min(this.parallelism, readers.size()));
		ChunkFeed<T> feed = (threads > 1) ? new ParallelChunkFeed<>(readers, threads, this.inKeyOrder)
				: ChunkFeed.sequential(readers);
		return new ScanCursor<>(token, feed);
	}

}
