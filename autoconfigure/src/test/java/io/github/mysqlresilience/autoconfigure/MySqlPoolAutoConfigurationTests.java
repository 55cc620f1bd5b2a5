package io.github.mysqlresilience.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.github.mysqlresilience.commit.CommitOutcomes;
import io.github.mysqlresilience.pool.HikariPoolGuardPostProcessor;
import io.github.mysqlresilience.pool.MySqlDataSources;
import io.github.mysqlresilience.pool.MySqlSQLExceptionOverride;
import io.github.mysqlresilience.pool.PoolGuard;
import io.github.mysqlresilience.pool.ResilientHikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlPoolAutoConfiguration}.
 */
class MySqlPoolAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlPoolAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:mysql://127.0.0.1:1/app",
				"spring.datasource.hikari.maximum-pool-size=7");

	@Test
	void guardsBootsHikariPoolKeepingItsConfiguration() {
		this.runner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource).isInstanceOf(ResilientHikariDataSource.class);
			assertThat(dataSource.getMaximumPoolSize()).isEqualTo(7);
			assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:1/app");
			assertThat(dataSource.getExceptionOverride()).isInstanceOf(MySqlSQLExceptionOverride.class);
			assertThat(((ResilientHikariDataSource) dataSource).getPoolGuard()).isNotNull();
		});
	}

	@Test
	void aPoolOfAnotherDatabaseIsNotGuarded() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MySqlPoolAutoConfiguration.class))
			.withBean("orders", HikariDataSource.class, () -> hikari("jdbc:mysql://127.0.0.1:1/orders"))
			.withBean("reports", HikariDataSource.class, () -> hikari("jdbc:postgresql://127.0.0.1:1/reports"))
			.run((context) -> {
				assertThat(context.getBean("orders")).isInstanceOf(ResilientHikariDataSource.class);
				HikariDataSource reports = context.getBean("reports", HikariDataSource.class);
				assertThat(reports).isNotInstanceOf(ResilientHikariDataSource.class);
				assertThat(reports.getExceptionOverride()).isNull();
			});
	}

	private static HikariDataSource hikari(String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		return dataSource;
	}

	@Test
	void theGuardIsFoundBehindAWrapper() {
		this.runner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			PoolGuard guard = ((ResilientHikariDataSource) dataSource).getPoolGuard();
			assertThat(MySqlDataSources.guardOf(new LazyConnectionDataSourceProxy(dataSource))).isSameAs(guard);
			assertThat(MySqlDataSources.guardOf(new TransactionAwareDataSourceProxy(dataSource))).isSameAs(guard);
		});
	}

	@Test
	void theGuardStillAppliesUnderBootsLazyConnectionFetch() {
		this.runner.withPropertyValues("spring.datasource.connection-fetch=lazy").run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(LazyConnectionDataSourceProxy.class);
			assertThat(((LazyConnectionDataSourceProxy) dataSource).getTargetDataSource())
				.isInstanceOf(ResilientHikariDataSource.class);
			assertThat(MySqlDataSources.guardOf(dataSource)).isNotNull();
		});
	}

	@Test
	void thePoolPutInPlaceOfBootsIsClosedWithTheContext() {
		HikariDataSource[] pool = new HikariDataSource[1];
		this.runner.run((context) -> {
			pool[0] = context.getBean(HikariDataSource.class);
			assertThat(pool[0].isClosed()).isFalse();
		});
		assertThat(pool[0]).isInstanceOf(ResilientHikariDataSource.class);
		assertThat(pool[0].isClosed()).as("closed with the context").isTrue();
	}

	@Test
	void keepsTheApplicationsExceptionOverride() {
		this.runner.withPropertyValues("spring.datasource.hikari.exception-override-class-name="
				+ KeepEverything.class.getName())
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).getExceptionOverrideClassName())
				.isEqualTo(KeepEverything.class.getName()));
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("mysql.resilience.pool.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HikariPoolGuardPostProcessor.class);
			assertThat(context.getBean(HikariDataSource.class)).isNotInstanceOf(ResilientHikariDataSource.class);
		});
	}

	@Test
	void failsAtStartUpOnBadConfigurationNamingTheProperty() {
		this.runner.withPropertyValues("mysql.resilience.pool.outage.probe-interval=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("mysql.resilience.pool.outage.probe-interval"));
	}

	@Test
	void failsAtStartUpOnABadMaxLoginIntervalNamingTheProperty() {
		this.runner.withPropertyValues("mysql.resilience.pool.outage.max-login-interval=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("mysql.resilience.pool.outage.max-login-interval"));
	}

	@Test
	void commitOutcomeResolutionIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CommitOutcomes.class));
	}

	@Test
	void commitOutcomeResolutionWhenEnabled() {
		this.runner.withPropertyValues("mysql.resilience.commit-outcome.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(CommitOutcomes.class));
	}

	@Test
	void failsAtStartUpOnABadMarkerTableNamingTheProperty() {
		this.runner
			.withPropertyValues("mysql.resilience.commit-outcome.enabled=true",
					"mysql.resilience.commit-outcome.table=markers; DROP TABLE x")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("mysql.resilience.commit-outcome.table"));
	}

	@Test
	void doesNothingWithoutHikari() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MySqlPoolAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HikariPoolGuardPostProcessor.class));
	}

	/**
	 * An application's own override.
	 */
	public static class KeepEverything implements SQLExceptionOverride {

	}

}
