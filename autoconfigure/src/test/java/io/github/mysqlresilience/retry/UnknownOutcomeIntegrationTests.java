package io.github.mysqlresilience.retry;


import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import io.github.mysqlresilience.translate.MySqlDataAccessFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A connection cut right after the server executed an autocommit INSERT (the
 * protocol-aware proxy's rule, deterministic: no timing): the server has committed it,
 * the caller cannot know. A non-idempotent method is not retried and says so; an
 * idempotent one (an idempotency key on a unique column) is retried, and exactly one row
 * exists.
 */
@WithMySqlServer
class UnknownOutcomeIntegrationTests {

	private final MySqlTestServer server;

	private MySqlProtocolProxy proxy;

	UnknownOutcomeIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start(MySqlProtocolProxy proxy) {
		this.server.execute("DROP TABLE IF EXISTS app.payment", RetryTestApplication.paymentSchema());
		this.proxy = proxy;
	}

	@Test
	void nonIdempotentWriteIsNotRetriedAndSaysTheOutcomeIsUnknown() {
		RetryTestApplication.runner(this.server, this.proxy).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			bank.plainPaymentCount();
			// The server commits the INSERT; its answer never reaches the caller
			this.proxy.cutAfterExecution("INSERT INTO app\\.payment", 1);
			DataAccessException failure = catchThrowableOfType(DataAccessException.class,
					() -> bank.insertPayment("p-1", 10));
			assertThat(MySqlDataAccessFailure.find(failure)).map((error) -> error.category())
				.contains(MySqlErrorCategory.CONNECTION_LOST);
			assertThat(failure.getSuppressed()).anySatisfy((suppressed) -> assertThat(suppressed)
				.isInstanceOf(RetryRefusedException.class)
				.hasMessageContaining("outcome is unknown"));
			assertThat(bank.attempts().get()).as("not retried").isEqualTo(1);
			assertThat(paymentRows("p-1")).as("the server committed it nevertheless").isEqualTo(1);
		});
	}

	@Test
	void idempotentWriteIsRetriedAndHappensOnce() {
		RetryTestApplication.runner(this.server, this.proxy).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			bank.plainPaymentCount();
			this.proxy.cutAfterExecution("INSERT INTO app\\.payment", 1);
			bank.insertPaymentOnce("p-2", 10);
			assertThat(bank.attempts().get()).as("retried").isEqualTo(2);
			assertThat(paymentRows("p-2")).as("exactly once").isEqualTo(1);
		});
	}

	private int paymentRows(String key) {
		return this.server.withAdminConnection((connection) -> {
			try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM app.payment WHERE idempotency_key = ?")) {
				statement.setString(1, key);
				try (var result = statement.executeQuery()) {
					result.next();
					return result.getInt(1);
				}
			}
		});
	}

}
