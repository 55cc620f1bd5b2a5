package io.github.mysqlresilience.translate.paths;

import io.github.mysqlresilience.autoconfigure.MySqlExceptionTranslationAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Translation of a real duplicate key and a real lost connection on Boot's JdbcTemplate,
 * NamedParameterJdbcTemplate, JdbcClient and JDBC transaction manager.
 */
@SpringBootTest(classes = JdbcPathsIntegrationTests.Config.class)
class JdbcPathsIntegrationTests extends DataAccessPathSupport {

	private static final String INSERT = "INSERT INTO app.account (id, email, balance) VALUES (?, ?, ?)";

	@Autowired
	private JdbcTemplate jdbcTemplate;

	@Autowired
	private NamedParameterJdbcTemplate namedParameterJdbcTemplate;

	@Autowired
	private JdbcClient jdbcClient;

	@Autowired
	private TransactionTemplate transactionTemplate;

	@Test
	void jdbcTemplate() {
		assertDuplicateKey(() -> this.jdbcTemplate.update(INSERT, 2, "alice@example.com", 0));
		assertConnectionLost(lostInTransaction(() -> this.jdbcTemplate.queryForObject("SELECT 1", Integer.class)));
	}

	@Test
	void namedParameterJdbcTemplate() {
		String insert = "INSERT INTO app.account (id, email, balance) VALUES (:id, :email, 0)";
		assertDuplicateKey(() -> this.namedParameterJdbcTemplate.update(insert,
				java.util.Map.of("id", 2, "email", "alice@example.com")));
		assertConnectionLost(lostInTransaction(() -> this.namedParameterJdbcTemplate
			.queryForObject("SELECT :one", java.util.Map.of("one", 1), Integer.class)));
	}

	@Test
	void jdbcClient() {
		assertDuplicateKey(() -> this.jdbcClient.sql(INSERT).params(2, "alice@example.com", 0).update());
		assertConnectionLost(
				lostInTransaction(() -> this.jdbcClient.sql("SELECT 1").query(Integer.class).single()));
	}

	@Test
	void transactionManagerCommit() {
		DataAccessException ex = catchThrowableOfType(DataAccessException.class,
				() -> this.transactionTemplate.executeWithoutResult((status) -> {
					this.jdbcTemplate.update("UPDATE app.account SET balance = 0 WHERE id = 1");
					killApplicationConnections();
				}));
		assertConnectionLost(ex);
		// Spring rolls back after a failed commit, and a failed rollback overrides it
		assertThat(ex.getMessage()).matches("JDBC (commit|rollback).*");
		assertThat(this.jdbcTemplate.queryForObject("SELECT balance FROM app.account WHERE id = 1", Integer.class))
			.as("the transaction was rolled back by the server").isEqualTo(100);
	}

	private DataAccessException lostInTransaction(Runnable access) {
		DataAccessException[] failure = new DataAccessException[1];
		catchThrowableOfType(DataAccessException.class,
				() -> this.transactionTemplate.executeWithoutResult((status) -> {
					access.run();
					killApplicationConnections();
					try {
						access.run();
					}
					catch (DataAccessException ex) {
						failure[0] = ex;
					}
				}));
		return failure[0];
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			JdbcClientAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
			MySqlExceptionTranslationAutoConfiguration.class })
	static class Config {

	}

}
