package io.github.mysqlresilience.error;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drivers' own streaming-abort messages, and streaming marks that nest.
 */
class StreamingSignalsTests {

	@Test
	void driversOwnStreamAbortMessagesAreStreamAborts() {
		assertThat(MySqlErrors.classify(new SQLException("Application was streaming results when the connection "
				+ "failed. Consider raising value of 'net_write_timeout' on the server.", "08S01")))
			.get()
			.extracting(MySqlError::category)
			.isEqualTo(MySqlErrorCategory.STREAM_ABORTED);
		assertThat(MySqlErrors.classify(new SQLException("(conn=12) Error while streaming resultSet data", "08000")))
			.get()
			.extracting(MySqlError::category)
			.isEqualTo(MySqlErrorCategory.STREAM_ABORTED);
	}

	@Test
	void aNestedStreamLeavesTheOuterOneMarked() {
		SQLException lost = new SQLException("Communications link failure", "08S01");
		StreamingReadScope.enter();
		try {
			StreamingReadScope.enter();
			StreamingReadScope.exit();
			assertThat(MySqlErrors.classify(lost)).get()
				.extracting(MySqlError::category)
				.isEqualTo(MySqlErrorCategory.STREAM_ABORTED);
		}
		finally {
			StreamingReadScope.exit();
		}
		assertThat(MySqlErrors.classify(lost)).get()
			.extracting(MySqlError::category)
			.isEqualTo(MySqlErrorCategory.CONNECTION_LOST);
	}

}
