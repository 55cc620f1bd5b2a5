package io.github.mysqlresilience.retry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mysqlresilience.autoconfigure.MySqlRetryAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Spring Framework's {@code @Retryable} with the starter behaves as Spring documents it:
 * an attribute written explicitly with Spring's default value applies, Spring's
 * {@link MethodRetryEvent} is published for each failure, and a method returning a
 * reactive type is retried in its publisher.
 */
class RetryableAttributesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlRetryAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void anAttributeWrittenWithSpringsDefaultValueApplies() {
		this.runner.run((context) -> {
			Flaky flaky = context.getBean(Flaky.class);
			assertThatIllegalStateException().isThrownBy(flaky::threeRetries);
			assertThat(flaky.attempts()).as("maxRetries = 3 as written: 1 call and 3 retries").hasValue(4);
		});
	}

	@Test
	void methodRetryEventsArePublished() {
		this.runner.run((context) -> {
			Flaky flaky = context.getBean(Flaky.class);
			assertThatIllegalStateException().isThrownBy(flaky::threeRetries);
			List<MethodRetryEvent> events = context.getBean(Events.class).events;
			assertThat(events).hasSize(4);
			assertThat(events).extracting(MethodRetryEvent::isRetryAborted).containsExactly(false, false, false, true);
			assertThat(events.get(0).getMethod().getName()).isEqualTo("threeRetries");
		});
	}

	@Test
	void aReactiveMethodIsRetriedInItsPublisher() {
		this.runner.run((context) -> {
			Flaky flaky = context.getBean(Flaky.class);
			assertThat(flaky.reactive().block()).isEqualTo("third time lucky");
			assertThat(flaky.attempts()).hasValue(3);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		Flaky flaky() {
			return new Flaky();
		}

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events implements ApplicationListener<MethodRetryEvent> {

		final List<MethodRetryEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MethodRetryEvent event) {
			this.events.add(event);
		}

	}

	static class Flaky {

		private final AtomicInteger attempts = new AtomicInteger();

		public AtomicInteger attempts() {
			return this.attempts;
		}

		@Retryable(maxRetries = 3, delay = 5)
		public void threeRetries() {
			this.attempts.incrementAndGet();
			throw new IllegalStateException("not yet");
		}

		@Retryable(maxRetries = 3, delay = 5)
		public Mono<String> reactive() {
			return Mono.defer(() -> (this.attempts.incrementAndGet() < 3) ? Mono.error(new IllegalStateException("not yet"))
					: Mono.just("third time lucky"));
		}

	}

}
