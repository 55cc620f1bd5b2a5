package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.metrics.MySqlErrorMetrics;
import io.github.mysqlresilience.metrics.MySqlPoolMetrics;
import io.github.mysqlresilience.metrics.MySqlRetryMetrics;
import io.github.mysqlresilience.retry.RetryOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlMetricsAutoConfiguration}.
 */
class MySqlMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlMetricsAutoConfiguration.class));

	@Test
	void registersTheMetersWithARegistry() {
		this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(MySqlErrorMetrics.class)
				.hasSingleBean(MySqlPoolMetrics.class)
				.hasSingleBean(MySqlRetryMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("mysql.retry.calls").counters())
				.hasSize(RetryOutcome.values().length);
		});
	}

	@Test
	void doesNothingWithoutARegistryBean() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MySqlErrorMetrics.class));
	}

	@Test
	void doesNothingWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MySqlErrorMetrics.class));
	}

	@Test
	void disabledByProperty() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("mysql.resilience.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MySqlErrorMetrics.class));
	}

}
