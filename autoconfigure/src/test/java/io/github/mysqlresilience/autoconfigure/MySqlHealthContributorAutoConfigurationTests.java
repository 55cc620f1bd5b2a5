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
