package io.github.mysqlresilience.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.error.MySqlErrorListener;
import io.github.mysqlresilience.retry.MySqlRetryTemplate;
import io.github.mysqlresilience.stream.KeysetScanners;
import io.github.mysqlresilience.stream.StreamingConfigurationCheck;
import io.github.mysqlresilience.stream.StreamingReader;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of streaming: a {@link StreamingReader} with the abort diagnosis, {@link KeysetScanners}
 * with the MySQL-aware retry and the configured chunk time, and a warning at start-up for
 * JDBC URLs whose streaming cannot survive a slow consumer.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MySqlRetryAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration" })
@EnableConfigurationProperties(MySqlResilienceProperties.class)
@ConditionalOnClass(JdbcOperations.class)
@Conditional(OnMySqlDatabaseCondition.class)
public final class MySqlStreamingAutoConfiguration {

	@Bean
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnMissingBean
	StreamingReader mySqlStreamingReader(DataSource dataSource, ObjectProvider<MySqlErrorListener> listeners) {
		return new StreamingReader(dataSource, 100, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnSingleCandidate(JdbcOperations.class)
	@ConditionalOnMissingBean
	KeysetScanners keysetScanners(JdbcOperations jdbc, ObjectProvider<MySqlRetryTemplate> retryTemplate,
			MySqlResilienceProperties properties) {
		return new KeysetScanners(jdbc, retryTemplate.getIfUnique(), properties.getStream().getChunkTime());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
	static class HikariStreamingCheckConfiguration {

		@Bean
		static SmartInitializingSingleton mySqlStreamingConfigurationCheck(ListableBeanFactory beanFactory) {
			return () -> beanFactory.getBeansOfType(HikariDataSource.class, false, false)
				.forEach((name, dataSource) -> {
					if (dataSource.getJdbcUrl() != null) {
						StreamingConfigurationCheck.check(name, dataSource.getJdbcUrl());
					}
				});
		}

	}

}
