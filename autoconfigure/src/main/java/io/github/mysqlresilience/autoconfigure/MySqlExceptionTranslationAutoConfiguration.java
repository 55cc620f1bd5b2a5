package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.error.MySqlErrorListener;
import io.github.mysqlresilience.translate.MySqlExceptionTranslator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of {@link MySqlExceptionTranslator}: one {@link SQLExceptionTranslator} bean, which
 * Spring Boot applies to JdbcTemplate (and so to NamedParameterJdbcTemplate, JdbcClient
 * and Spring Data JDBC) and to Hibernate's JPA dialect; this configuration also applies it
 * to Boot's {@link JdbcTransactionManager} (commit and rollback failures) and to jOOQ.
 * A user-defined {@link SQLExceptionTranslator} bean wins and is applied there instead.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration" })
@ConditionalOnClass(SQLExceptionTranslator.class)
@ConditionalOnBooleanProperty(name = "mysql.resilience.translation.enabled", matchIfMissing = true)
@Conditional(OnMySqlDatabaseCondition.class)
@EnableConfigurationProperties(MySqlResilienceProperties.class)
public final class MySqlExceptionTranslationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SQLExceptionTranslator.class)
	MySqlExceptionTranslator mySqlExceptionTranslator(MySqlResilienceProperties properties,
			ObjectProvider<MySqlErrorListener> listeners) {
		return new MySqlExceptionTranslator(ErrorClassifiers.from(properties),
				listeners.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TransactionManagerCustomizer.class)
	static class TransactionManagerTranslationConfiguration {

		@Bean
		TransactionManagerCustomizer<JdbcTransactionManager> mySqlJdbcTransactionManagerCustomizer(
				ObjectProvider<SQLExceptionTranslator> translator) {
			return (transactionManager) -> translator.ifUnique(transactionManager::setExceptionTranslator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.jooq.DSLContext",
			"org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener" })
	static class JooqTranslationConfiguration {

		@Bean
		@ConditionalOnMissingBean(ExceptionTranslatorExecuteListener.class)
		ExceptionTranslatorExecuteListener jooqExceptionTranslator(ObjectProvider<SQLExceptionTranslator> translator) {
			return ExceptionTranslatorExecuteListener
				.of((context) -> translator.getIfUnique(SQLExceptionSubclassTranslator::new));
		}

	}

}
