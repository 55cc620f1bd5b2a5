package io.github.mysqlresilience.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrorListener;
import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.error.RetrySafety;
import io.github.mysqlresilience.error.StreamingReadScope;
import io.github.mysqlresilience.pool.MySqlDataSources;
import io.github.mysqlresilience.pool.PoolGuard;
import io.github.mysqlresilience.translate.MySqlExceptionTranslator;
import io.github.mysqlresilience.translate.MySqlStreamAbortedException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Reads a query as a streaming (unbuffered) result set, with the diagnosis the article
 * asks for: a connection failure while the stream is open becomes a
 * {@link MySqlStreamAbortedException} ({@code STREAM_ABORTED}, never retried) whose
 * message names {@code net_write_timeout}, the rows read and the seconds since the last
 * row was read. The connection is evicted from a HikariCP pool guarded by the starter.
 * Prefer the {@link KeysetScanner} for large reads with slow consumers: a server-side
 * stream does not survive a consumer slower than {@code net_write_timeout}. Other
 * failures (bad SQL, a lock wait, a failing row mapper) are translated as any other.
 *
 * @since 0.1.0
 */
public class StreamingReader {

	private final DataSource dataSource;

	private final int mariaDbFetchSize;

	private final List<MySqlErrorListener> listeners;

	private final MySqlExceptionTranslator translator = new MySqlExceptionTranslator();

	/**
	 * Create a reader.
	 * @param dataSource the data source
	 * @param mariaDbFetchSize the fetch size with MariaDB Connector/J (Connector/J streams
	 * row by row with {@code Integer.MIN_VALUE})
	 * @param listeners told of each aborted stream
	 */
	public StreamingReader(DataSource dataSource, int mariaDbFetchSize, List<MySqlErrorListener> listeners) {
		this.dataSource = dataSource;
		this.mariaDbFetchSize = mariaDbFetchSize;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Stream the rows of a query. Close the stream (try-with-resources) to release the
	 * connection.
	 * @param <T> the type of the rows
	 * @param sql the query
	 * @param rowMapper maps each row
	 * @param parameters the query's parameters
	 * @return the rows
	 */
	public <T> Stream<T> stream(String sql, RowMapper<T> rowMapper, Object... parameters) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			long netWriteTimeout = netWriteTimeout(connection);
			PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
					ResultSet.CONCUR_READ_ONLY);
			ConnectorJ.streamRows(connection, statement, this.mariaDbFetchSize);
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			Rows<T> rows = new Rows<>(sql, statement, rowMapper, netWriteTimeout, connection);
			return StreamSupport.stream(rows, false).onClose(rows::close);
		}
		catch (SQLException ex) {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
			throw translate(sql, ex);
		}
	}

	/**
	 * Return what a failure of a streaming read is: a lost connection while the stream is
	 * open is an abort; anything else (bad SQL, a lock wait, a failing row mapper) is what
	 * it is, translated as any other failure.
	 */
	private RuntimeException failure(String sql, SQLException ex, Rows<?> rows) {
		boolean connectionFailed = MySqlErrors.classify(ex)
			.map((error) -> error.category().losesConnection())
			.orElse(false);
		if (connectionFailed) {
			return aborted(ex, rows.rowsRead, rows.lastRead, rows.longestPause, rows.netWriteTimeout);
		}
		return translate(sql, ex);
	}

	private RuntimeException translate(String sql, SQLException ex) {
		DataAccessException translated = this.translator.translate("StreamingReader", sql, ex);
		return (translated != null) ? translated : new UncategorizedSQLException("StreamingReader", sql, ex);
	}

	private static long netWriteTimeout(Connection connection) {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT @@session.net_write_timeout")) {
			return result.next() ? result.getLong(1) : -1;
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	MySqlStreamAbortedException aborted(SQLException failure, long rowsRead, long lastReadNanos,
			long longestPauseNanos, long netWriteTimeout) {
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastReadNanos);
		long pause = TimeUnit.NANOSECONDS.toSeconds(longestPauseNanos);
		String message = "Streaming result set aborted after " + rowsRead + " rows, " + seconds
				+ " s after the last row was read; the consumer's longest pause between two rows was " + pause + " s"
				+ ((netWriteTimeout >= 0) ? " (net_write_timeout = " + netWriteTimeout + " s on this session)" : "")
				+ ": the server stops sending when the client reads slower than it sends, and drops the connection "
				+ "after net_write_timeout. Read with KeysetScanner, or raise net_write_timeout.";
		MySqlError error = new MySqlError(MySqlErrorCategory.STREAM_ABORTED, Math.max(failure.getErrorCode(), 0),
				failure.getSQLState(), message, RetrySafety.NEVER, null);
		PoolGuard guard = MySqlDataSources.guardOf(this.dataSource);
		String pool = (guard != null) ? guard.poolName() : null;
		for (MySqlErrorListener listener : this.listeners) {
			listener.onError(error, failure, pool);
		}
		return new MySqlStreamAbortedException(message, error, failure);
	}

	/**
	 * The rows of one streaming result set.
	 */
	private final class Rows<T> extends Spliterators.AbstractSpliterator<T> {

		private final String sql;

		private final PreparedStatement statement;

		private final RowMapper<T> rowMapper;

		private final long netWriteTimeout;

		private final Connection connection;

		private @Nullable ResultSet resultSet;

		private long rowsRead;

		private long lastRead = System.nanoTime();

		private long longestPause;

		Rows(String sql, PreparedStatement statement, RowMapper<T> rowMapper, long netWriteTimeout,
				Connection connection) {
			super(Long.MAX_VALUE, Spliterator.ORDERED);
			this.sql = sql;
			this.statement = statement;
			this.rowMapper = rowMapper;
			this.netWriteTimeout = netWriteTimeout;
			this.connection = connection;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			T row;
			if (this.rowsRead > 0) {
				this.longestPause = Math.max(this.longestPause, System.nanoTime() - this.lastRead);
			}
			StreamingReadScope.enter();
			try {
				if (this.resultSet == null) {
					this.resultSet = this.statement.executeQuery();
				}
				if (!this.resultSet.next()) {
					return false;
				}
				row = this.rowMapper.mapRow(this.resultSet, (int) this.rowsRead);
				this.rowsRead++;
				this.lastRead = System.nanoTime();
			}
			catch (SQLException ex) {
				throw failure(this.sql, ex, this);
			}
			finally {
				StreamingReadScope.exit();
			}
			action.accept(row);
			return true;
		}

		void close() {
			try {
				if (this.resultSet != null) {
					this.resultSet.close();
				}
				this.statement.close();
			}
			catch (SQLException ex) {
				// the stream already failed, or the connection is gone
			}
			finally {
				DataSourceUtils.releaseConnection(this.connection, StreamingReader.this.dataSource);
			}
		}

	}

}
