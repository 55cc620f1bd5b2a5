package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.pool.MySqlDataSources;
import io.github.mysqlresilience.retry.MySqlRetryListener;
import io.github.mysqlresilience.retry.MySqlRetryTemplate;
import io.github.mysqlresilience.retry.RetryBudget;
import io.github.mysqlresilience.retry.RetrySettings;
import io.github.mysqlresilience.retry.SpringRetryListenersCheck;
import io.github.mysqlresilience.retry.SpringRetryMySqlListener;
import io.github.mysqlresilience.retry.TransactionRecorder;
import io.github.mysqlresilience.retry.TransactionRecorderRegistrar;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of MySQL-aware retries: a {@link MySqlRetryTemplate}, Spring Framework's
 * {@code @Retryable} enabled (unless the application did it) with the MySQL-aware
 * interceptor in place of Spring's, and spring-retry's {@code @Retryable} given the same
 * guarantees when spring-retry is on the classpath. Retry wraps the transaction: the
 * retry advisor is applied before the transaction advisor.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
@ConditionalOnBooleanProperty(name = "mysql.resilience.retry.enabled", matchIfMissing = true)
@Conditional(OnMySqlDatabaseCondition.class)
@EnableConfigurationProperties(MySqlResilienceProperties.class)
public final class MySqlRetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RetryBudget mySqlRetryBudget(MySqlResilienceProperties properties) {
		MySqlResilienceProperties.Budget budget = properties.getRetry().getBudget();
		return new RetryBudget(budget.getRatio(), budget.getMinRetriesPerSecond(), budget.getWindow());
	}

	@Bean
	@ConditionalOnMissingBean
	MySqlRetryTemplate mySqlRetryTemplate(MySqlResilienceProperties properties, RetryBudget budget,
			ObjectProvider<MySqlRetryListener> listeners) {
		return new MySqlRetryTemplate(retrySettings(properties.getRetry()), budget, ErrorClassifiers.from(properties),
				listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	static TransactionRecorder mySqlTransactionRecorder() {
		return new TransactionRecorder(MySqlDataSources::isMySql);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static TransactionRecorderRegistrar mySqlTransactionRecorderRegistrar(ObjectProvider<TransactionRecorder> recorder) {
		return new TransactionRecorderRegistrar(recorder.getObject());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static RetryProcessorRegistrar mySqlRetryAnnotationRegistrar() {
		return new RetryProcessorRegistrar();
	}

	static RetrySettings retrySettings(MySqlResilienceProperties.Retry retry) {
		return new RetrySettings(retry.getMaxRetries(), retry.getInitialDelay(), retry.getMultiplier(),
				retry.getMaxDelay(), retry.getDeadline(), retry.isRetryKilledReads(), retry.getMaxSafeRetries());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.retry.RetryListener")
	static class SpringRetryConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static SpringRetryListenersCheck springRetryListenersCheck() {
			return new SpringRetryListenersCheck("springRetryMySqlListener");
		}

		@Bean
		@ConditionalOnMissingBean
		SpringRetryMySqlListener springRetryMySqlListener(MySqlResilienceProperties properties, RetryBudget budget) {
			return new SpringRetryMySqlListener(ErrorClassifiers.from(properties), budget, retrySettings(properties.getRetry()));
		}

	}

}
