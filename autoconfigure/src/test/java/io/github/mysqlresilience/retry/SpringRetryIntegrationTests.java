package io.github.mysqlresilience.retry;

import java.util.concurrent.atomic.AtomicInteger;

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
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.retry.annotation.Backoff;
import org.springframework.retry.annotation.EnableRetry;
import org.springframework.retry.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * spring-retry's {@code @Retryable} gets the same guarantees: no retry of a duplicate key
 * although {@code retryFor} matches, no retry inside an outer transaction, a retry of a
 * read-only server.
 */
@SpringBootTest(classes = SpringRetryIntegrationTests.Config.class)
class SpringRetryIntegrationTests {

	private final MySqlTestServer server = MySqlTestServers.shared();

	@Autowired
	private LegacyService service;

	@Autowired
	private TransactionTemplate transactionTemplate;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		MySqlTestServerProperties.register(registry, MySqlTestServers.shared());
	}

	@BeforeEach
	void createTable() {
		this.server.execute("DROP TABLE IF EXISTS app.account", "CREATE TABLE app.account (id BIGINT PRIMARY KEY,"
				+ " email VARCHAR(100), balance INT NOT NULL, UNIQUE KEY email (email)) ENGINE=InnoDB",
				"INSERT INTO app.account VALUES (1, 'alice@example.com', 1000)");
		this.service.attempts().set(0);
	}

	@AfterEach
	void writable() {
		this.server.setReadOnly(false);
	}

	@Test
	void duplicateKeyIsNotRetried() {
		assertThatExceptionOfType(MySqlDuplicateKeyException.class)
			.isThrownBy(() -> this.service.insert(2, "alice@example.com"));
		assertThat(this.service.attempts().get()).isEqualTo(1);
	}

	@Test
	void readOnlyServerIsRetried() {
		this.server.setReadOnly(true);
		assertThatExceptionOfType(MySqlReadOnlyException.class).isThrownBy(() -> this.service.insert(2, "b@x"));
		assertThat(this.service.attempts().get()).as("spring-retry's 3 attempts").isEqualTo(3);
	}

	@Test
	void joinedTransactionIsNotRetried() {
		this.server.setReadOnly(true);
		assertThatExceptionOfType(MySqlReadOnlyException.class)
			.isThrownBy(() -> this.transactionTemplate.executeWithoutResult((status) -> this.service.insert(2, "b@x")));
		assertThat(this.service.attempts().get()).isEqualTo(1);
	}

	@Test
	void joinedTransactionIsNotRetriedWhateverTheFailure() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.transactionTemplate.executeWithoutResult((status) -> this.service.failInside()));
		assertThat(this.service.attempts().get()).as("the outer transaction boundary decides").isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableRetry
	@Import({ RetryTestConfiguration.class, LegacyService.class })
	static class Config {

	}

	@Service
	static class LegacyService {

		private final AtomicInteger attempts = new AtomicInteger();

		private final JdbcTemplate jdbc;

		LegacyService(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		AtomicInteger attempts() {
			return this.attempts;
		}

		@Retryable(retryFor = IllegalStateException.class, backoff = @Backoff(delay = 10))
		public void failInside() {
			this.attempts.incrementAndGet();
			this.jdbc.update("UPDATE app.account SET balance = balance + 1 WHERE id = 1");
			throw new IllegalStateException("not a MySQL failure");
		}

		@Retryable(retryFor = DataAccessException.class, backoff = @Backoff(delay = 10))
		@Transactional
		public void insert(long id, String email) {
			this.attempts.incrementAndGet();
			this.jdbc.update("INSERT INTO app.account (id, email, balance) VALUES (?, ?, 0)", id, email);
		}

	}

}
