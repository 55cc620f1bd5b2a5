package io.github.mysqlresilience.retry;


import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.MySqlErrorPacket;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry decision for MySQL-only errors on the real wire, with the whole starter: a
 * group replication rollback at COMMIT (3101) is a rollback the server declares, so the
 * whole transaction runs again, and its write happens once; a shutdown (1053, then the
 * connection closes) during a read-only transaction is retried on a new connection; a
 * {@code --super-read-only} write (1290) is retried after the pool is evicted.
 */
@WithMySqlServer
class WireRetryIntegrationTests {

	private final MySqlTestServer server;

	private MySqlProtocolProxy proxy;

	WireRetryIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start(MySqlProtocolProxy proxy) {
		RetryTestApplication.createAccounts(this.server, 1);
		this.proxy = proxy;
	}

	@Test
	void aRollbackAtCommitIsRetriedAsAWholeTransactionAndItsWriteHappensOnce() {
		RetryTestApplication.runner(this.server, this.proxy).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			RetryTestConfiguration.RetryRecorder recorder = context.getBean(RetryTestConfiguration.RetryRecorder.class);
			MySqlProtocolProxy.Rule rule = this.proxy.answerWithError("^COMMIT",
					MySqlErrorPacket.GROUP_REPLICATION_ROLLBACK, 1, false);
			bank.write(1);
			assertThat(rule.matched()).isOne();
			assertThat(bank.attempts().get()).isEqualTo(2);
			assertThat(recorder.retries).extracting((error) -> error.category())
				.containsExactly(MySqlErrorCategory.DEADLOCK);
			assertThat(balance()).as("the first attempt's UPDATE was rolled back").isEqualTo(1001);
		});
	}

	@Test
	void aShutdownDuringAReadIsRetriedOnANewConnection() {
		RetryTestApplication.runner(this.server, this.proxy).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			RetryTestConfiguration.RetryRecorder recorder = context.getBean(RetryTestConfiguration.RetryRecorder.class);
			this.proxy.answerWithError("SELECT balance", MySqlErrorPacket.SERVER_SHUTDOWN, 1, true);
			assertThat(bank.balance(1)).isEqualTo(1000);
			assertThat(bank.attempts().get()).isEqualTo(2);
			// The transaction manager's rollback on the closed connection fails too, and Spring
			// throws that failure in place of the 1053 (it only logs the 1053): a lost connection
			assertThat(recorder.retries).extracting((error) -> error.category())
				.containsExactly(MySqlErrorCategory.CONNECTION_LOST);
		});
	}

	@Test
	void aSuperReadOnlyWriteIsRetried() {
		RetryTestApplication.runner(this.server, this.proxy).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			RetryTestConfiguration.RetryRecorder recorder = context.getBean(RetryTestConfiguration.RetryRecorder.class);
			this.proxy.answerWithError("^UPDATE app\\.account", MySqlErrorPacket.SUPER_READ_ONLY, 1, false);
			bank.write(1);
			assertThat(bank.attempts().get()).isEqualTo(2);
			assertThat(recorder.retries).extracting((error) -> error.category())
				.containsExactly(MySqlErrorCategory.READ_ONLY);
			assertThat(balance()).isEqualTo(1001);
		});
	}

	private int balance() {
		return new JdbcTemplate(this.server.adminDataSource())
			.queryForObject("SELECT balance FROM app.account WHERE id = 1", Integer.class);
	}

}
