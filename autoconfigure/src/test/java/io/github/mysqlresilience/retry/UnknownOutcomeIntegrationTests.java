package io.github.mysqlresilience.retry;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import io.github.mysqlresilience.translate.MySqlDataAccessFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A connection cut while an autocommit INSERT is in flight: the server has committed it,
 * the caller cannot know. A non-idempotent method is not retried and says so; an
 * idempotent one (an idempotency key on a unique column) is retried, and exactly one row
 * exists.
 */
@WithMySqlServer
class UnknownOutcomeIntegrationTests {

	private final MySqlTestServer server;

	private FaultProxy proxy;

	UnknownOutcomeIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start() {
		this.server.execute("DROP TABLE IF EXISTS app.payment", RetryTestApplication.paymentSchema());
		this.proxy = FaultProxy.start(new InetSocketAddress(this.server.host(), this.server.port()));
	}

	@AfterEach
	void stop() {
		this.proxy.close();
	}

	@Test
	void nonIdempotentWriteIsNotRetriedAndSaysTheOutcomeIsUnknown() {
		RetryTestApplication.runner(this.server, this.proxy).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			bank.plainPaymentCount();
			DataAccessException failure = cutDuringCall(() -> bank.insertPayment("p-1", 10));
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
			this.proxy.latency(Duration.ofMillis(300));
			CompletableFuture<Void> call = CompletableFuture.runAsync(() -> bank.insertPaymentOnce("p-2", 10));
			cutWhileTheResponseIsDelayed();
			call.get(20, TimeUnit.SECONDS);
			assertThat(bank.attempts().get()).as("retried").isEqualTo(2);
			assertThat(paymentRows("p-2")).as("exactly once").isEqualTo(1);
		});
	}

	private DataAccessException cutDuringCall(Runnable call) throws Exception {
		this.proxy.latency(Duration.ofMillis(300));
		CompletableFuture<Void> future = CompletableFuture.runAsync(call);
		cutWhileTheResponseIsDelayed();
		try {
			future.get(20, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(DataAccessException.class);
			return (DataAccessException) ex.getCause();
		}
		throw new AssertionError("the call should have failed");
	}

	/**
	 * With every chunk delayed by 300 ms (set before the call starts), the INSERT reaches
	 * the server after 300 ms and its answer would reach the caller after 600 ms: cutting
	 * at 450 ms loses the answer of a committed INSERT.
	 */
	private void cutWhileTheResponseIsDelayed() throws InterruptedException {
		Thread.sleep(450);
		this.proxy.cutConnections();
		this.proxy.latency(Duration.ZERO);
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
