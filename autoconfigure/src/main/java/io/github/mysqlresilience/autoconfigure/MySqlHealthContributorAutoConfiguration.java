package io.github.mysqlresilience.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.github.mysqlresilience.health.MySqlHealthIndicator;
import io.github.mysqlresilience.pool.MySqlDataSources;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.github.mysqlresilience.commit.CommitOutcomes;
import io.github.mysqlresilience.health.CommitOutcomeHealthIndicator;
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
 * of the {@code mysql} health contributor: one {@link MySqlHealthIndicator} per MySQL or
 * MariaDB DataSource (a secondary of another database is left to its own indicator).
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		after = MySqlPoolAutoConfiguration.class)
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
		Map<String, DataSource> mySql = new LinkedHashMap<>();
		dataSources.forEach((name, dataSource) -> {
			if (MySqlDataSources.isMySql(dataSource)) {
				mySql.put(name, dataSource);
			}
		});
		if (mySql.size() == 1) {
			Map.Entry<String, DataSource> only = mySql.entrySet().iterator().next();
			return indicator(only.getKey(), only.getValue(), health);
		}
		Map<String, MySqlHealthIndicator> indicators = new LinkedHashMap<>();
		mySql.forEach((name, dataSource) -> indicators.put(name, indicator(name, dataSource, health)));
		return CompositeHealthContributor.fromMap(indicators);
	}

	@Bean
	@ConditionalOnBean(CommitOutcomes.class)
	@ConditionalOnMissingBean(name = "mysqlCommitOutcomesHealthIndicator")
	CommitOutcomeHealthIndicator mysqlCommitOutcomesHealthIndicator(CommitOutcomes outcomes) {
		return new CommitOutcomeHealthIndicator(outcomes);
	}

	private static MySqlHealthIndicator indicator(String name, DataSource dataSource,
			MySqlResilienceProperties.Health health) {
		boolean writableExpected = health.isWritableExpected() && !health.getReadOnlyDataSources().contains(name);
		return new MySqlHealthIndicator(dataSource, writableExpected, health.getTimeout());
	}

}
