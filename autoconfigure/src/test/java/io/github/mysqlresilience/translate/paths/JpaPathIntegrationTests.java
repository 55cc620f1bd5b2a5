package io.github.mysqlresilience.translate.paths;

import io.github.mysqlresilience.autoconfigure.MySqlExceptionTranslationAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlMetricsAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.metrics.MySqlMeters;
import io.github.mysqlresilience.translate.paths.jpa.AccountEntity;
import io.github.mysqlresilience.translate.paths.jpa.AccountEntityRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Translation of a real duplicate key and a real lost connection through Spring Data JPA
 * and Hibernate, whose JPA dialect Boot gives the translator.
 */
// Connector/J reads MySQL 8's information_schema.KEYWORDS, which MariaDB lacks: name the dialect
@SpringBootTest(classes = JpaPathIntegrationTests.Config.class,
		properties = "spring.jpa.properties.hibernate.dialect=org.hibernate.dialect.MariaDBDialect")
class JpaPathIntegrationTests extends DataAccessPathSupport {

	@Autowired
	private AccountEntityRepository repository;

	@Autowired
	private TransactionTemplate transactionTemplate;

	@Autowired
	private MeterRegistry registry;

	@Test
	void repository() {
		assertDuplicateKey(() -> this.repository.saveAndFlush(new AccountEntity(2L, "alice@example.com", 0)));
		assertThat(this.registry.get(MySqlMeters.ERRORS).tag(MySqlMeters.CATEGORY, "DUPLICATE_KEY").counter().count())
			.as("one failure, counted once through Hibernate, the JPA dialect and the transaction manager")
			.isEqualTo(1);
		DataAccessException[] lost = new DataAccessException[1];
		catchThrowableOfType(DataAccessException.class, () -> this.transactionTemplate.executeWithoutResult((status) -> {
			this.repository.count();
			killApplicationConnections();
			try {
				this.repository.count();
			}
			catch (DataAccessException ex) {
				lost[0] = ex;
			}
		}));
		assertConnectionLost(lost[0]);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableJpaRepositories(basePackageClasses = AccountEntityRepository.class)
	@EntityScan(basePackageClasses = AccountEntity.class)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
			PersistenceExceptionTranslationAutoConfiguration.class,
			DataJpaRepositoriesAutoConfiguration.class, MySqlExceptionTranslationAutoConfiguration.class,
			MySqlPoolAutoConfiguration.class, MySqlMetricsAutoConfiguration.class })
	static class Config {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
