package io.github.mysqlresilience.autoconfigure;

import java.util.List;

import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.retry.MySqlRetryAnnotationBeanPostProcessor;
import io.github.mysqlresilience.retry.MySqlRetryTemplate;
import io.github.mysqlresilience.retry.RetryBudget;
import io.github.mysqlresilience.retry.RetrySettings;
import io.github.mysqlresilience.retry.SpringRetryMySqlListener;
import io.github.mysqlresilience.retry.TransactionRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.RetryAnnotationBeanPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlRetryAutoConfiguration}.
 */
class MySqlRetryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlRetryAutoConfiguration.class));

	@Test
	void enablesMySqlAwareRetryable() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MySqlRetryTemplate.class)
				.hasSingleBean(RetryBudget.class)
				.hasSingleBean(TransactionRecorder.class)
				.hasSingleBean(SpringRetryMySqlListener.class);
			assertThat(context.getBean(RetryProcessorRegistrar.RETRY_PROCESSOR))
				.isInstanceOf(MySqlRetryAnnotationBeanPostProcessor.class);
			assertThat(context.getBeansOfType(RetryAnnotationBeanPostProcessor.class)).hasSize(1);
		});
	}

	@Test
	void replacesSpringsProcessorWhenTheApplicationEnabledResilientMethods() {
		this.runner.withUserConfiguration(ResilientMethodsConfiguration.class).run((context) -> {
			assertThat(context.getBeansOfType(RetryAnnotationBeanPostProcessor.class)).hasSize(1);
			assertThat(context.getBean(RetryProcessorRegistrar.RETRY_PROCESSOR))
				.isInstanceOf(MySqlRetryAnnotationBeanPostProcessor.class);
		});
	}

	@Test
	void bindsTheRetryProperties() {
		this.runner
			.withPropertyValues("mysql.resilience.retry.max-retries=4", "mysql.resilience.retry.initial-delay=50ms",
					"mysql.resilience.retry.multiplier=3", "mysql.resilience.retry.max-delay=2s",
					"mysql.resilience.retry.deadline=10s", "mysql.resilience.retry.retry-killed-reads=false",
					"mysql.resilience.retry.max-safe-retries=7")
			.run((context) -> assertThat(context.getBean(MySqlRetryTemplate.class).getSettings())
				.isEqualTo(new RetrySettings(4, java.time.Duration.ofMillis(50), 3, java.time.Duration.ofSeconds(2),
						java.time.Duration.ofSeconds(10), false, 7)));
	}

	@Test
	void failsAtStartUpOnBadConfigurationNamingTheProperty() {
		this.runner.withPropertyValues("mysql.resilience.retry.multiplier=0.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("mysql.resilience.retry.multiplier")
				.hasStackTraceContaining("must be 1 or more, not 0.5"));
		this.runner.withPropertyValues("mysql.resilience.retry.budget.ratio=2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("mysql.resilience.retry.budget.ratio"));
	}

	@Test
	void backsOffToUserBeans() {
		this.runner.withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MySqlRetryTemplate.class);
			assertThat(context.getBean(MySqlRetryTemplate.class).getSettings()).isEqualTo(RetrySettings.DEFAULTS
				.withMaxRetries(9));
		});
	}

	@Test
	void disabledByProperty() {
		this.runner.withPropertyValues("mysql.resilience.retry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MySqlRetryTemplate.class)
				.doesNotHaveBean(RetryProcessorRegistrar.RETRY_PROCESSOR));
	}

	@Test
	void worksWithoutSpringRetry() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.retry"))
			.run((context) -> assertThat(context).hasSingleBean(MySqlRetryTemplate.class)
				.doesNotHaveBean(SpringRetryMySqlListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableResilientMethods
	static class ResilientMethodsConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		MySqlRetryTemplate userTemplate() {
			return new MySqlRetryTemplate(RetrySettings.DEFAULTS.withMaxRetries(9),
					new RetryBudget(0.1, 1, java.time.Duration.ofSeconds(10)), new MySqlErrorClassifier(), List.of());
		}

	}

	@Test
	void springRetryListenersThatLeaveTheMySqlListenerOutAreRefusedAtStartUp() {
		this.runner.withUserConfiguration(ListenersReplaced.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("@Retryable(listeners = [audit]) on " + ListenersReplaced.Service.class.getName()
						+ ".write replaces spring-retry's global listeners")
				.hasMessageContaining("add \"springRetryMySqlListener\" to its listeners"));
		this.runner.withUserConfiguration(ListenersKept.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.retry.annotation.EnableRetry
	@org.springframework.context.annotation.Import(ListenersReplaced.Service.class)
	static class ListenersReplaced {

		static class Service {

			@org.springframework.retry.annotation.Retryable(listeners = "audit")
			public void write() {
			}

		}

	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.retry.annotation.EnableRetry
	@org.springframework.context.annotation.Import(ListenersKept.Service.class)
	static class ListenersKept {

		static class Service {

			@org.springframework.retry.annotation.Retryable(listeners = { "audit", "springRetryMySqlListener" })
			public void write() {
			}

		}

	}

}
