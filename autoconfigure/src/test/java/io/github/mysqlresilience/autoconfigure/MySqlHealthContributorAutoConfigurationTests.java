package io.github.mysqlresilience.autoconfigure;

import javax.sql.DataSource;

import io.github.mysqlresilience.health.MySqlHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlHealthContributorAutoConfiguration}.
 */
class MySqlHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlHealthContributorAutoConfiguration.class));

	@Test
	void oneIndicatorForOneDataSource() {
		this.runner.withBean("dataSource", DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> assertThat(context.getBean("mysqlHealthContributor"))
				.isInstanceOf(MySqlHealthIndicator.class));
	}

	@Test
	void oneIndicatorPerDataSource() {
		this.runner.withBean("orders", DataSource.class, SimpleDriverDataSource::new)
			.withBean("customers", DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> {
				CompositeHealthContributor composite = context.getBean("mysqlHealthContributor",
						CompositeHealthContributor.class);
				HealthContributor orders = composite.getContributor("orders");
				assertThat(orders).isInstanceOf(MySqlHealthIndicator.class);
				assertThat(composite.getContributor("customers")).isInstanceOf(MySqlHealthIndicator.class);
			});
	}

	@Test
	void onlyMySqlDataSourcesHaveAnIndicator() {
		this.runner.withBean("orders", DataSource.class, () -> hikari("jdbc:mysql://127.0.0.1:1/orders"))
			.withBean("reports", DataSource.class, () -> hikari("jdbc:postgresql://127.0.0.1:1/reports"))
			.run((context) -> assertThat(context.getBean("mysqlHealthContributor"))
				.as("one MySQL data source: one indicator, the PostgreSQL one is left to its own")
				.isInstanceOf(MySqlHealthIndicator.class));
	}

	@Test
	void aReadOnlyDataSourceIsUpWhenItsServerIsReadOnly() {
		this.runner.withBean("primary", DataSource.class, () -> hikari("jdbc:mysql://127.0.0.1:1/app"))
			.withBean("replica", DataSource.class, () -> hikari("jdbc:mysql://127.0.0.1:2/app"))
			.withPropertyValues("mysql.resilience.health.read-only-data-sources=replica")
			.run((context) -> {
				CompositeHealthContributor composite = context.getBean("mysqlHealthContributor",
						CompositeHealthContributor.class);
				assertThat(ReflectionTestUtils.getField(composite.getContributor("primary"), "writableExpected"))
					.isEqualTo(true);
				assertThat(ReflectionTestUtils.getField(composite.getContributor("replica"), "writableExpected"))
					.isEqualTo(false);
			});
	}

	private static DataSource hikari(String url) {
		com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
		dataSource.setJdbcUrl(url);
		return dataSource;
	}

	@Test
	void disabledByManagementProperty() {
		this.runner.withBean("dataSource", DataSource.class, SimpleDriverDataSource::new)
			.withPropertyValues("management.health.mysql.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("mysqlHealthContributor"));
	}

	@Test
	void doesNothingWithoutActuatorHealth() {
		this.runner.withBean("dataSource", DataSource.class, SimpleDriverDataSource::new)
			.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("mysqlHealthContributor"));
	}

}
