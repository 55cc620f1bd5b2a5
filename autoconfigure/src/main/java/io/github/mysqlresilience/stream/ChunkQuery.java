package io.github.mysqlresilience.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.error.RetrySafety;
import io.github.mysqlresilience.retry.MySqlRetryTemplate;
import io.github.mysqlresilience.translate.MySqlConnectionLostException;
import io.github.mysqlresilience.retry.RetryCall;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads one chunk of a slice: {@code SELECT ... WHERE key > last AND first key in the
 * slice's range AND key <= the scan's last key ORDER BY key LIMIT n}, on a connection held
 * only for that query, retried (a read, idempotent) from the same key when the connection
 * is lost.
 */
final class ChunkQuery<T> {

	private static final RetryCall READ = new RetryCall(true, true, false);

	private final JdbcOperations jdbc;

	private final ScanSource source;

	private final KeyColumns key;

	private final RowMapper<T> rowMapper;

	private final @Nullable MySqlRetryTemplate retryTemplate;

	ChunkQuery(JdbcOperations jdbc, ScanSource source, KeyColumns key, RowMapper<T> rowMapper,
			@Nullable MySqlRetryTemplate retryTemplate) {
		this.jdbc = jdbc;
		this.source = source;
		this.key = key;
		this.rowMapper = rowMapper;
		this.retryTemplate = retryTemplate;
	}

	/**
	 * Read the next chunk of a slice.
	 * @param index the slice's index
	 * @param slice where the slice stands
	 * @param upTo the scan's last key
	 * @param limit the rows to ask for
	 * @param sizing told how long the read took
	 */
	Chunk<T> next(int index, SliceState slice, Object[] upTo, int limit, ChunkSizing sizing) {
		String sql = sql(slice, limit);
		Object[] parameters = parameters(slice, upTo);
		if (this.retryTemplate == null) {
			return read(index, sql, parameters, limit, sizing);
		}
		return this.retryTemplate.invoke(READ, () -> read(index, sql, parameters, limit, sizing));
	}

	private Chunk<T> read(int index, String sql, Object[] parameters, int limit, ChunkSizing sizing) {
		long started = System.nanoTime();
		Chunk<T> chunk = this.jdbc.execute((ConnectionCallback<Chunk<T>>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
					ResultSet.CONCUR_READ_ONLY)) {
				// Rows are copied into the chunk as they arrive, not buffered twice
				ConnectorJ.streamRows(connection, statement, 0);
				for (int i = 0; i < parameters.length; i++) {
					statement.setObject(i + 1, parameters[i]);
				}
				try (ResultSet result = statement.executeQuery()) {
					return extract(index, result, limit);
				}
			}
			catch (SQLException ex) {
				throw lostWhileReading(ex, connection);
			}
		});
		if (chunk == null) {
			throw new IllegalStateException("No result for a keyset chunk query");
		}
		sizing.record(limit, chunk.size(), System.nanoTime() - started);
		return chunk;
	}

	/**
	 * Classify a failure of a chunk's read, once, where it happens. A chunk is handed to
	 * the consumer only once it is read whole, so a connection lost while its rows arrive
	 * (which Connector/J reports as a streaming abort, S1000 "Error retrieving record")
	 * lost nothing the consumer saw: it is a lost connection during a read, which the
	 * retry may repeat from the same key; and the half-read connection is discarded, since
	 * the driver leaves it unusable although no pool sees a reason to evict it. Any other
	 * failure goes on to the JDBC template's translation.
	 * @return the failure to throw when the connection was not lost
	 * @throws MySqlConnectionLostException when it was
	 */
	private SQLException lostWhileReading(SQLException ex, Connection connection) {
		MySqlError error = MySqlErrors.classify(ex).orElse(null);
		if (error == null || !error.category().losesConnection()) {
			return ex;
		}
		ScanConnections.discard(this.jdbc, connection);
		MySqlError lost = new MySqlError(MySqlErrorCategory.CONNECTION_LOST, error.code(), error.sqlState(),
				error.message(), RetrySafety.OUTCOME_UNKNOWN, null);
		throw new MySqlConnectionLostException("Connection lost while a keyset scan chunk was read; no row of the "
				+ "chunk was delivered, so it can be read again from the same key", lost, ex);
	}

	private Chunk<T> extract(int index, ResultSet result, int limit) throws SQLException {
		int[] keyColumns = new int[this.key.size()];
		for (int i = 0; i < keyColumns.length; i++) {
			keyColumns[i] = result.findColumn(this.key.names().get(i));
		}
		List<@Nullable T> rows = new ArrayList<>(Math.min(limit, 16_384));
		Object[] keys = new Object[Math.min(limit, 16_384) * keyColumns.length];
		int rowNumber = 0;
		while (result.next()) {
			int offset = rowNumber * keyColumns.length;
			if (offset + keyColumns.length > keys.length) {
				keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keyColumns.length));
			}
			for (int i = 0; i < keyColumns.length; i++) {
				keys[offset + i] = result.getObject(keyColumns[i]);
			}
			rows.add(this.rowMapper.mapRow(result, rowNumber++));
		}
		return new Chunk<>(index, rows, keys, keyColumns.length, rows.size() < limit);
	}

	private String sql(SliceState slice, int limit) {
		List<String> conditions = new ArrayList<>(4);
		if (slice.after() != null) {
			conditions.add(this.key.afterCondition());
		}
		if (slice.from() != null) {
			conditions.add(KeyColumns.quote(this.key.first()) + " >= ?");
		}
		if (slice.to() != null) {
			conditions.add(KeyColumns.quote(this.key.first()) + " < ?");
		}
		conditions.add(this.key.upToCondition());
		return this.source.select() + " WHERE " + String.join(" AND ", conditions) + this.key.orderBy() + " LIMIT "
				+ limit;
	}

	private Object[] parameters(SliceState slice, Object[] upTo) {
		List<@Nullable Object> parameters = new ArrayList<>();
		if (slice.after() != null) {
			parameters.addAll(Arrays.asList(this.key.afterParameters(slice.after())));
		}
		if (slice.from() != null) {
			parameters.add(slice.from());
		}
		if (slice.to() != null) {
			parameters.add(slice.to());
		}
		parameters.addAll(Arrays.asList(this.key.afterParameters(upTo)));
		return parameters.stream().map(KeyValues::normalize).toArray();
	}

}
