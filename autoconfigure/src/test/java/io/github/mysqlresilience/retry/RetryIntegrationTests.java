package io.github.mysqlresilience.retry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.retry.RetryTestConfiguration.RetryRecorder;
import io.github.mysqlresilience.retry.RetryTestConfiguration.TransactionCounter;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.MySqlTestServers;
import io.github.mysqlresilience.test.spring.MySqlTestServerProperties;
import io.github.mysqlresilience.translate.MySqlDuplicateKeyException;
import io.github.mysqlresilience.translate.MySqlReadOnlyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * MySQL-aware {@code @Retryable} around {@code @Transactional}, on real failures of a
 * real server.
 */
@SpringBootTest(classes = RetryTestConfiguration.class)
class RetryIntegrationTests {

	private final MySqlTestServer server = MySqlTestServers.shared();

	@Autowired
	private BankService bank;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionCounter transactions;

	@Autowired
	private RetryRecorder recorder;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		MySqlTestServerProperties.register(registry, MySqlTestServers.shared());
	}

	@BeforeEach
	void createTables() {
		this.server.execute("DROP TABLE IF EXISTS app.account", "DROP TABLE IF EXISTS app.audit",
				"DROP TABLE IF EXISTS app.payment",
				"CREATE TABLE app.account (id BIGINT PRIMARY KEY, email VARCHAR(100), balance INT NOT NULL,"
						+ " UNIQUE KEY email (email)) ENGINE=InnoDB",
				"CREATE TABLE app.audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(100)) ENGINE=InnoDB",
				"CREATE TABLE app.payment (id BIGINT AUTO_INCREMENT PRIMARY KEY, idempotency_key VARCHAR(50) NOT NULL,"
						+ " amount INT NOT NULL, UNIQUE KEY idempotency_key (idempotency_key)) ENGINE=InnoDB",
				"INSERT INTO app.account VALUES (1, 'alice@example.com', 1000), (2, 'bob@example.com', 1000)");
		this.bank.attempts().set(0);
		this.transactions.begun.set(0);
		this.recorder.clear();
	}

	@AfterEach
	void writable() {
		this.server.setReadOnly(false);
	}

	@Test
	void deadlockedTransfersInOppositeDirectionsAllSucceed() throws Exception {
		int transfersEach = 5;
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < transfersEach; i++) {
				futures.add(executor.submit(() -> this.bank.transfer(1, 2, 10, 50)));
				futures.add(executor.submit(() -> this.bank.transfer(2, 1, 7, 50)));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(balance(1) + balance(2)).isEqualTo(2000);
		assertThat(balance(1)).isEqualTo(1000 - transfersEach * 10 + transfersEach * 7);
		assertThat(this.recorder.retries).as("deadlocks were retried").isNotEmpty()
			.allSatisfy((error) -> assertThat(error.category()).isEqualTo(MySqlErrorCategory.DEADLOCK));
		assertThat(this.transactions.begun.get()).as("each attempt ran in a new transaction")
			.isEqualTo(this.bank.attempts().get())
			.isEqualTo(2 * transfersEach + this.recorder.retries.size());
	}

	@Test
	void lockWaitTimeoutIsRetriedAsAWholeTransaction() throws Exception {
		try (Connection holder = this.server.adminDataSource().getConnection()) {
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement.execute("UPDATE app.account SET balance = balance WHERE id = 1");
			}
			CompletableFuture<Void> call = CompletableFuture.runAsync(() -> this.bank.auditThenUpdate(1, "once"));
			Thread.sleep(1500);
			holder.commit();
			call.get(30, TimeUnit.SECONDS);
		}
		assertThat(this.recorder.retries).extracting((error) -> error.category())
			.contains(MySqlErrorCategory.LOCK_WAIT_TIMEOUT);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM app.audit", Integer.class))
			.as("the first attempt's insert was rolled back with its transaction")
			.isEqualTo(1);
		assertThat(balance(1)).isEqualTo(1001);
	}

	@Test
	void aRetryableMethodThatJoinsAnOuterTransactionIsNotRetriedButTheOuterOneIs() {
		this.server.setReadOnly(true);
		assertThatExceptionOfType(MySqlReadOnlyException.class)
			.isThrownBy(() -> this.bank.writeInsideOuterTransaction(1))
			.satisfies((ex) -> assertThat(ex.getSuppressed()).hasAtLeastOneElementOfType(RetryRefusedException.class));
		assertThat(this.bank.attempts().get()).as("joined: not retried").isEqualTo(1);
		this.bank.attempts().set(0);
		assertThatExceptionOfType(MySqlReadOnlyException.class)
			.isThrownBy(() -> this.bank.retryableOuterTransaction(1));
		// A read-only server is safe to retry: retried until the 5 s deadline (Spring's 1 s
		// delays, in full jitter), up to the safety net of 10 retries
		assertThat(this.bank.attempts().get()).as("the outer boundary retries").isBetween(2, 11);
	}

	@Test
	void duplicateKeyIsNotRetriedEvenWhenIncludesMatch() {
		assertThatExceptionOfType(MySqlDuplicateKeyException.class)
			.isThrownBy(() -> this.bank.insertAccount(3, "alice@example.com"));
		assertThat(this.bank.attempts().get()).isEqualTo(1);
		assertThat(this.recorder.outcomes).containsExactly(RetryOutcome.FAILED_NOT_RETRYABLE);
	}

	@Test
	void readOnlyServerIsRetriedThenSucceedsOnceWritable() throws Exception {
		this.server.setReadOnly(true);
		CompletableFuture<Void> call = CompletableFuture.runAsync(() -> this.bank.write(1));
		Thread.sleep(50);
		this.server.setReadOnly(false);
		call.get(10, TimeUnit.SECONDS);
		assertThat(balance(1)).isEqualTo(1001);
	}

	private int balance(long id) throws SQLException {
		Integer balance = this.jdbc.queryForObject("SELECT balance FROM app.account WHERE id = ?", Integer.class, id);
		return (balance != null) ? balance : 0;
	}

}
