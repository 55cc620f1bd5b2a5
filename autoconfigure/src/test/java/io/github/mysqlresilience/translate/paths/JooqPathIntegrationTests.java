package io.github.mysqlresilience.translate.paths;

import io.github.mysqlresilience.autoconfigure.MySqlExceptionTranslationAutoConfiguration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Translation of a real duplicate key and a real lost connection through jOOQ.
 */
@SpringBootTest(classes = JooqPathIntegrationTests.Config.class, properties = "spring.jooq.sql-dialect=MARIADB")
class JooqPathIntegrationTests extends DataAccessPathSupport {

	@Autowired
	private DSLContext dsl;

	@Autowired
	private TransactionTemplate transactionTemplate;

	@Test
	void dslContext() {
		assertDuplicateKey(() -> this.dsl.execute(
				"INSERT INTO app.account (id, email, balance) VALUES (?, ?, ?)", 2, "alice@example.com", 0));
		DataAccessException[] lost = new DataAccessException[1];
		catchThrowableOfType(DataAccessException.class, () -> this.transactionTemplate.executeWithoutResult((status) -> {
			this.dsl.fetchCount(this.dsl.selectOne());
			killApplicationConnections();
			try {
				this.dsl.fetchCount(this.dsl.selectOne());
			}
			catch (DataAccessException ex) {
				lost[0] = ex;
			}
		}));
		assertConnectionLost(lost[0]);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
			JooqAutoConfiguration.class, MySqlExceptionTranslationAutoConfiguration.class })
	static class Config {

	}

}
