package io.github.mysqlresilience.retry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What really happened to a retried call's transactions decides whether a lost
 * connection may be retried, not what its annotations say, and whatever transaction
 * manager ran them: a {@code SUPPORTS} method autocommits, so it is not retried (the
 * write would happen twice); a transaction of the application's own transaction manager
 * rolled back by a lost connection is retried; one whose COMMIT was under way is not.
 */
@WithMySqlServer
@RequiresServerControl
class TransactionFactsIntegrationTests {

	private final MySqlTestServer server;

	TransactionFactsIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTable() {
		this.server.execute("DROP TABLE IF EXISTS app.ledger",
				"CREATE TABLE app.ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20) NOT NULL)");
	}

	@Test
	void autocommittedWriteOfASupportsMethodIsNotRetried() {
		RetryTestApplication.runner(this.server).withUserConfiguration(LedgerConfiguration.class).run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> killDuring(() -> ledger.insertThenWaitWithoutTransaction()))
				.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
					.isInstanceOf(RetryRefusedException.class)
					.extracting(Throwable::getMessage)
					.asString()
					.contains("outcome is unknown", "began 0 transaction(s)"));
			assertThat(ledger.attempts()).hasValue(1);
			assertThat(rows()).as("the INSERT autocommitted once, and only once").isEqualTo(1);
		});
	}

	@Test
	void transactionOfTheApplicationsOwnManagerRolledBackByALostConnectionIsRetried() {
		RetryTestApplication.runner(this.server)
			.withUserConfiguration(LedgerConfiguration.class, OwnTransactionManager.class)
			.run((context) -> {
				assertThat(context.getBean("transactionManager")).isInstanceOf(OwnTransactionManager.Manager.class);
				Ledger ledger = context.getBean(Ledger.class);
				killDuring(() -> ledger.insertThenWaitInTransaction());
				assertThat(ledger.attempts()).hasValue(2);
				assertThat(rows()).as("the first INSERT was rolled back with its transaction").isEqualTo(1);
			});
	}

	@Test
	void transactionLostWhileItsCommitWasUnderWayIsNotRetried() {
		RetryTestApplication.runner(this.server)
			.withUserConfiguration(LedgerConfiguration.class, OwnTransactionManager.class)
			.run((context) -> {
				Ledger ledger = context.getBean(Ledger.class);
				// Spring's rollback after the failed commit fails too, and replaces the commit's exception
				assertThatExceptionOfType(RuntimeException.class)
					.isThrownBy(() -> ledger.insertThenLoseTheConnectionAtCommit(this.server))
					.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
						.isInstanceOf(RetryRefusedException.class)
						.extracting(Throwable::getMessage)
						.asString()
						.contains("outcome is unknown", "1 reached the commit"));
				assertThat(ledger.attempts()).hasValue(1);
			});
	}

	private void killDuring(Runnable call) {
		CompletableFuture<Void> running = CompletableFuture.runAsync(call);
		await().atMost(10, TimeUnit.SECONDS).until(() -> sleeping() > 0);
		this.server.killConnections(this.server.applicationCredentials().username());
		try {
			running.orTimeout(30, TimeUnit.SECONDS).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure : ex;
		}
	}

	private int sleeping() {
		return new JdbcTemplate(this.server.adminDataSource()).queryForObject(
				"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP%'", Integer.class);
	}

	private int rows() {
		return new JdbcTemplate(this.server.adminDataSource()).queryForObject("SELECT COUNT(*) FROM app.ledger",
				Integer.class);
	}

	@Configuration(proxyBeanMethods = false)
	@Import(Ledger.class)
	static class LedgerConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransactionManager {

		@Bean
		Manager transactionManager(DataSource dataSource) {
			return new Manager(dataSource);
		}

		/**
		 * The application's own transaction manager: Spring Boot's customizers never see it.
		 */
		static class Manager extends JdbcTransactionManager {

			Manager(DataSource dataSource) {
				super(dataSource);
			}

		}

	}

	@Service
	public static class Ledger {

		private final AtomicInteger attempts = new AtomicInteger();

		private final JdbcTemplate jdbc;

		Ledger(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		/**
		 * Return the attempts (a method, so that it reaches the target through the proxy).
		 * @return the counter
		 */
		public AtomicInteger attempts() {
			return this.attempts;
		}

		@Retryable(maxRetries = 2, delay = 10)
		@Transactional(propagation = Propagation.SUPPORTS)
		public void insertThenWaitWithoutTransaction() {
			insertThenWait();
		}

		@Retryable(maxRetries = 2, delay = 10)
		@Transactional
		public void insertThenWaitInTransaction() {
			insertThenWait();
		}

		@Retryable(maxRetries = 2, delay = 10)
		@Transactional
		public void insertThenLoseTheConnectionAtCommit(MySqlTestServer server) {
			this.attempts.incrementAndGet();
			this.jdbc.update("INSERT INTO app.ledger (note) VALUES ('at commit')");
			long connection = this.jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCompletion() {
					server.execute("KILL " + connection);
				}
			});
		}

		private void insertThenWait() {
			int attempt = this.attempts.incrementAndGet();
			this.jdbc.update("INSERT INTO app.ledger (note) VALUES ('attempt " + attempt + "')");
			if (attempt == 1) {
				this.jdbc.queryForObject("SELECT SLEEP(20)", Integer.class);
			}
		}

	}

}
