package io.github.mysqlresilience.pool;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.autoconfigure.MySqlExceptionTranslationAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlHealthContributorAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlMetricsAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.metrics.MySqlMeters;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.translate.MySqlDuplicateKeyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The starter behind the wrappers a Boot application may put around its pool: Boot 4.1's
 * lazy connection fetch ({@code spring.datasource.connection-fetch=lazy}, a
 * {@link LazyConnectionDataSourceProxy}) and a decorating DataSource such as
 * datasource-micrometer's (here a {@link DelegatingDataSource} put in place by a
 * post-processor). The pool is still guarded, errors are translated and counted, a dead
 * pool is recovered in one step, and the health indicator finds the pool.
 */
@WithMySqlServer
class WrappedDataSourceIntegrationTests {

	private final MySqlTestServer server;

	WrappedDataSourceIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@ParameterizedTest
	@ValueSource(strings = { "lazy", "decorator" })
	void theStarterWorksBehindTheWrapper(String wrapping) {
		this.server.execute("DROP TABLE IF EXISTS app.wrapped",
				"CREATE TABLE app.wrapped (id INT PRIMARY KEY) ENGINE=InnoDB");
		ApplicationContextRunner runner = runner();
		runner = wrapping.equals("lazy") ? runner.withPropertyValues("spring.datasource.connection-fetch=lazy")
				: runner.withBean("decorator", BeanPostProcessor.class, Decorator::new);
		runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(
					wrapping.equals("lazy") ? LazyConnectionDataSourceProxy.class : DelegatingDataSource.class);
			HikariDataSource pool = DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class);
			assertThat(pool).isInstanceOf(ResilientHikariDataSource.class);
			PoolGuard guard = MySqlDataSources.guardOf(dataSource);
			assertThat(guard).as("the guard, found through the wrapper").isNotNull();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("INSERT INTO wrapped VALUES (1)");
			assertThatExceptionOfType(MySqlDuplicateKeyException.class)
				.isThrownBy(() -> jdbc.update("INSERT INTO wrapped VALUES (1)"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MySqlMeters.ERRORS).tag(MySqlMeters.CATEGORY, "DUPLICATE_KEY").counter().count())
				.isOne();
			// A dead pool: every connection killed, the pool evicted once and the next call served
			this.server.killConnections(this.server.applicationCredentials().username());
			catchThrowable(() -> jdbc.queryForObject("SELECT 1", Integer.class));
			assertThat(jdbc.queryForObject("SELECT 2", Integer.class)).isEqualTo(2);
			assertThat(guard.lastDeadPoolEpisode()).as("a dead-pool episode was seen").isNotNull();
			HealthIndicator health = context.getBean("mysqlHealthContributor", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(health.health().getDetails()).containsEntry("pool", guard.poolName());
		});
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, MySqlPoolAutoConfiguration.class,
					MySqlExceptionTranslationAutoConfiguration.class, MySqlMetricsAutoConfiguration.class,
					MySqlHealthContributorAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("spring.datasource.url=" + this.server.jdbcUrl(),
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + this.server.applicationCredentials().password());
	}

	/**
	 * Wraps the DataSource, as datasource-micrometer and other decorators do.
	 */
	static final class Decorator implements BeanPostProcessor {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return (bean instanceof HikariDataSource pool) ? new DelegatingDataSource(pool) : bean;
		}

	}

}
