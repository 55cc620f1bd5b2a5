package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.error.ConnectorJErrors;
import io.github.mysqlresilience.translate.MySqlDuplicateKeyException;
import io.github.mysqlresilience.translate.MySqlExceptionTranslator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlExceptionTranslationAutoConfiguration}.
 */
class MySqlExceptionTranslationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlExceptionTranslationAutoConfiguration.class,
				DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:mysql://127.0.0.1:1/app",
				"spring.datasource.hikari.initialization-fail-timeout=-1");

	@Test
	void appliesTheTranslatorToJdbcTemplateAndTheTransactionManager() {
		this.runner.run((context) -> {
			MySqlExceptionTranslator translator = context.getBean(MySqlExceptionTranslator.class);
			assertThat(context.getBean(JdbcTemplate.class).getExceptionTranslator()).isSameAs(translator);
			assertThat(context.getBean(JdbcTransactionManager.class).getExceptionTranslator()).isSameAs(translator);
		});
	}

	@Test
	void redactsValuesByDefaultAndKeepsThemWhenAsked() {
		this.runner.run((context) -> assertThat(translateDuplicate(context.getBean(SQLExceptionTranslator.class)))
			.doesNotContain("alice@example.com"));
		this.runner.withPropertyValues("mysql.resilience.errors.include-values=true")
			.run((context) -> assertThat(translateDuplicate(context.getBean(SQLExceptionTranslator.class)))
				.contains("alice@example.com"));
	}

	@Test
	void backsOffToAUserTranslatorAndAppliesItEverywhere() {
		this.runner.withUserConfiguration(UserTranslatorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(MySqlExceptionTranslator.class);
			SQLExceptionTranslator user = context.getBean(SQLExceptionTranslator.class);
			assertThat(context.getBean(JdbcTemplate.class).getExceptionTranslator()).isSameAs(user);
			assertThat(context.getBean(JdbcTransactionManager.class).getExceptionTranslator()).isSameAs(user);
		});
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("mysql.resilience.translation.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SQLExceptionTranslator.class);
			assertThat(context.getBean(JdbcTemplate.class).getExceptionTranslator())
				.isNotInstanceOf(MySqlExceptionTranslator.class);
		});
	}

	@Test
	void backsOffForAnotherDatabase() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MySqlExceptionTranslationAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/app")
			.run((context) -> assertThat(context).doesNotHaveBean(SQLExceptionTranslator.class));
	}

	@Test
	void appliesToMariaDbUrls() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:mariadb://127.0.0.1:1/app")
			.run((context) -> assertThat(context).hasSingleBean(MySqlExceptionTranslator.class));
	}

	@Test
	void doesNothingWithoutSpringJdbc() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MySqlExceptionTranslationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SQLExceptionTranslator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MySqlExceptionTranslator.class)
				.doesNotHaveBean(MySqlResilienceProperties.class));
	}

	@Test
	void providesTheJooqExceptionListenerUsingTheTranslator() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ExceptionTranslatorExecuteListener.class));
		this.runner.withClassLoader(new FilteredClassLoader("org.jooq"))
			.run((context) -> assertThat(context).doesNotHaveBean(ExceptionTranslatorExecuteListener.class));
	}

	private static String translateDuplicate(SQLExceptionTranslator translator) {
		DataAccessException ex = translator.translate("INSERT", null,
				ConnectorJErrors.serverError(1062, "Duplicate entry 'alice@example.com' for key 'users.email'"));
		assertThat(ex).isInstanceOf(MySqlDuplicateKeyException.class);
		return ex.getMessage();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTranslatorConfiguration {

		@Bean
		SQLExceptionTranslator userTranslator() {
			return new SQLStateSQLExceptionTranslator();
		}

	}

}
