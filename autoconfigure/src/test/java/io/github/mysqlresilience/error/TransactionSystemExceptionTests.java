package io.github.mysqlresilience.error;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed rollback that Spring throws in place of the method's own failure keeps that
 * failure aside ({@link TransactionSystemException#getApplicationException()}): it is the
 * first answer, and it decides.
 */
class TransactionSystemExceptionTests {

	@Test
	void theApplicationsFailureDecidesNotTheRollbacks() {
		SQLException shutdown = ConnectorJErrors.serverError(1053, "Server shutdown in progress");
		TransactionSystemException rollbackFailed = new TransactionSystemException("Could not roll back",
				new SQLException("No operations allowed after connection closed.", "08003"));
		rollbackFailed.initApplicationException(shutdown);
		assertThat(MySqlErrors.classify(rollbackFailed)).get()
			.extracting(MySqlError::category)
			.isEqualTo(MySqlErrorCategory.SERVER_SHUTDOWN);
	}

}
