package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.metrics.MySqlCommitOutcomeMetrics;
import io.github.mysqlresilience.metrics.MySqlErrorMetrics;
import io.github.mysqlresilience.metrics.MySqlPoolMetrics;
import io.github.mysqlresilience.metrics.MySqlRetryMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the MySQL meters, fed by listeners of the translator, the retry and the pool guard.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "mysql.resilience.metrics.enabled", matchIfMissing = true)
@Conditional(OnMySqlDatabaseCondition.class)
public final class MySqlMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MySqlErrorMetrics mySqlErrorMetrics(MeterRegistry registry) {
		return new MySqlErrorMetrics(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
	static class PoolMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MySqlPoolMetrics mySqlPoolMetrics(MeterRegistry registry) {
			return new MySqlPoolMetrics(registry);
		}

	}

	@Bean
	@ConditionalOnMissingBean
	MySqlCommitOutcomeMetrics mySqlCommitOutcomeMetrics(MeterRegistry registry) {
		return new MySqlCommitOutcomeMetrics(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
	static class RetryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MySqlRetryMetrics mySqlRetryMetrics(MeterRegistry registry) {
			return new MySqlRetryMetrics(registry);
		}

	}

}
