package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.commit.CommitOutcomeListener;
import io.github.mysqlresilience.commit.CommitOutcomeSettings;
import io.github.mysqlresilience.commit.CommitOutcomes;
import io.github.mysqlresilience.error.MySqlErrorListener;
import io.github.mysqlresilience.pool.HikariPoolGuardPostProcessor;
import io.github.mysqlresilience.pool.MySqlPoolListener;
import io.github.mysqlresilience.pool.PoolSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * that guards HikariCP pools against MySQL going away: MySQL-aware eviction, one
 * pool-wide eviction per dead-pool episode or failover, and outage mode.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
@ConditionalOnBooleanProperty(name = "mysql.resilience.pool.enabled", matchIfMissing = true)
@Conditional(OnMySqlDatabaseCondition.class)
public final class MySqlPoolAutoConfiguration {

	@Bean
	static HikariPoolGuardPostProcessor mySqlHikariPoolGuardPostProcessor(Environment environment,
			ObjectProvider<MySqlPoolListener> listeners, ObjectProvider<MySqlErrorListener> errorListeners,
			ObjectProvider<CommitOutcomes> commitOutcomes) {
		MySqlResilienceProperties properties = Binder.get(environment)
			.bindOrCreate("mysql.resilience", MySqlResilienceProperties.class);
		MySqlResilienceProperties.Pool pool = properties.getPool();
		MySqlResilienceProperties.Outage outage = pool.getOutage();
		PoolSettings settings = new PoolSettings(pool.getEvictionDebounce(), pool.getDeadPoolQuietPeriod(),
				outage.isEnabled(), outage.getAfter(), outage.getProbeInterval(), outage.getMaxLoginInterval(),
				outage.getProbeTimeout(),
				outage.getMaxWaiters(), pool.getReadOnlyEvictionDebounce());
		return new HikariPoolGuardPostProcessor(settings, ErrorClassifiers.from(properties),
				() -> listeners.orderedStream().toList(), () -> errorListeners.orderedStream().toList(),
				commitOutcomes::getIfAvailable);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("mysql.resilience.commit-outcome.enabled")
	static CommitOutcomes mySqlCommitOutcomes(Environment environment, ObjectProvider<CommitOutcomeListener> listeners) {
		MySqlResilienceProperties.CommitOutcome properties = Binder.get(environment)
			.bindOrCreate("mysql.resilience", MySqlResilienceProperties.class)
			.getCommitOutcome();
		return new CommitOutcomes(new CommitOutcomeSettings(properties.getTable(), properties.isCreateTable(),
				properties.getResolveTimeout(), properties.getRetention(), properties.getCleanupInterval()),
				() -> listeners.orderedStream().toList());
	}

}
