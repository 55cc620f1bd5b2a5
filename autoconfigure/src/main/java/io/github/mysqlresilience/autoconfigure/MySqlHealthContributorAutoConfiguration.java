package io.github.mysqlresilience.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import io.github.mysqlresilience.health.MySqlHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code mysql} health contributor: one {@link MySqlHealthIndicator} per
 * DataSource.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ HealthContributor.class, DataSource.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnEnabledHealthIndicator("mysql")
@Conditional(OnMySqlDatabaseCondition.class)
@EnableConfigurationProperties(MySqlResilienceProperties.class)
public final class MySqlHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "mysqlHealthIndicator", "mysqlHealthContributor" })
	HealthContributor mysqlHealthContributor(Map<String, DataSource> dataSources,
			MySqlResilienceProperties properties) {
		MySqlResilienceProperties.Health health = properties.getHealth();
		if (dataSources.size() == 1) {
			return indicator(dataSources.values().iterator().next(), health);
		}
		return CompositeHealthContributor.fromMap(dataSources, (dataSource) -> indicator(dataSource, health));
	}

	private static MySqlHealthIndicator indicator(DataSource dataSource, MySqlResilienceProperties.Health health) {
		return new MySqlHealthIndicator(dataSource, health.isWritableExpected(), health.getTimeout());
	}

}
