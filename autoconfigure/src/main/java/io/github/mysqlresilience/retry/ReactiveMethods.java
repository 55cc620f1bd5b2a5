package io.github.mysqlresilience.retry;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.resilience.retry.MethodRetrySpec;
import org.springframework.resilience.retry.SimpleRetryInterceptor;
import org.springframework.util.StringUtils;

/**
 * Methods whose return type is reactive ({@code Mono}, {@code Flux}, any type Spring's
 * {@link ReactiveAdapterRegistry} knows): their failures happen in the publisher, after
 * the call returns, so they keep Spring's own retry interceptor, configured from the
 * annotation exactly as Spring configures it.
 */
final class ReactiveMethods {

	private ReactiveMethods() {
	}

	static boolean isReactive(Method method) {
		return ReactiveAdapterRegistry.getSharedInstance().getAdapter(method.getReturnType()) != null;
	}

	static MethodInterceptor springInterceptor(Retryable retryable, UnaryOperator<String> resolver,
			Function<Class<? extends MethodRetryPredicate>, MethodRetryPredicate> predicates,
			@Nullable ApplicationEventPublisher publisher) {
		TimeUnit unit = retryable.timeUnit();
		long maxRetries = StringUtils.hasText(retryable.maxRetriesString())
				? Long.parseLong(resolver.apply(retryable.maxRetriesString())) : retryable.maxRetries();
		double multiplier = StringUtils.hasText(retryable.multiplierString())
				? Double.parseDouble(resolver.apply(retryable.multiplierString())) : retryable.multiplier();
		MethodRetrySpec spec = new MethodRetrySpec(Arrays.asList(retryable.includes()),
				Arrays.asList(retryable.excludes()), predicates.apply(retryable.predicate()), maxRetries,
				duration(retryable.timeout(), retryable.timeoutString(), unit, resolver),
				duration(retryable.delay(), retryable.delayString(), unit, resolver),
				duration(retryable.jitter(), retryable.jitterString(), unit, resolver), multiplier,
				duration(retryable.maxDelay(), retryable.maxDelayString(), unit, resolver));
		SimpleRetryInterceptor interceptor = new SimpleRetryInterceptor(spec);
		if (publisher != null) {
			interceptor.setApplicationEventPublisher(publisher);
		}
		return interceptor;
	}

	/**
	 * Read a duration attribute of {@code @Retryable} as Spring does: its text form (a
	 * placeholder, a number in the annotation's time unit, or a duration such as
	 * {@code 1s}) when given, otherwise its number; {@code Long.MAX_VALUE} (Spring's "no
	 * maximum") stays unbounded whatever the unit.
	 */
	static Duration duration(long value, String text, TimeUnit unit, UnaryOperator<String> resolver) {
		if (StringUtils.hasText(text)) {
			String resolved = resolver.apply(text);
			return resolved.chars().allMatch(Character::isDigit)
					? Duration.of(Long.parseLong(resolved), unit.toChronoUnit())
					: DurationFormatterUtils.detectAndParse(resolved);
		}
		return (value == Long.MAX_VALUE) ? Duration.ofMillis(Long.MAX_VALUE) : Duration.of(value, unit.toChronoUnit());
	}

}
