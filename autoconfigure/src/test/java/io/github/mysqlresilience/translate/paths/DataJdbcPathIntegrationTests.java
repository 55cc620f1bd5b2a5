package io.github.mysqlresilience.translate.paths;

import io.github.mysqlresilience.autoconfigure.MySqlExceptionTranslationAutoConfiguration;
import io.github.mysqlresilience.translate.paths.datajdbc.Account;
import io.github.mysqlresilience.translate.paths.datajdbc.AccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Translation of a real duplicate key and a real lost connection through Spring Data
 * JDBC, which runs on Boot's JdbcTemplate.
 */
@SpringBootTest(classes = DataJdbcPathIntegrationTests.Config.class)
class DataJdbcPathIntegrationTests extends DataAccessPathSupport {

	@Autowired
	private AccountRepository repository;

	@Autowired
	private JdbcAggregateTemplate aggregateTemplate;

	@Autowired
	private TransactionTemplate transactionTemplate;

	@Test
	void repositoryAndAggregateTemplate() {
		assertDuplicateKey(() -> this.aggregateTemplate.insert(new Account(2L, "alice@example.com", 0)));
		DataAccessException[] lost = new DataAccessException[1];
		catchThrowableOfType(DataAccessException.class, () -> this.transactionTemplate.executeWithoutResult((status) -> {
			this.repository.count();
			killApplicationConnections();
			try {
				this.repository.findById(1L);
			}
			catch (DataAccessException ex) {
				lost[0] = ex;
			}
		}));
		assertConnectionLost(lost[0]);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableJdbcRepositories(basePackageClasses = AccountRepository.class)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			TransactionManagerCustomizationAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			TransactionAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class,
			MySqlExceptionTranslationAutoConfiguration.class })
	static class Config {

	}

}
