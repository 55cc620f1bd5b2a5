package io.github.mysqlresilience.retry;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Function;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.resilience.retry.MethodRetrySpec;
import org.springframework.resilience.retry.SimpleRetryInterceptor;

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

	static MethodInterceptor springInterceptor(Retryable retryable, RetryableAttributes attributes,
			Function<Class<? extends MethodRetryPredicate>, MethodRetryPredicate> predicates,
			@Nullable ApplicationEventPublisher publisher) {
		MethodRetrySpec spec = new MethodRetrySpec(Arrays.asList(retryable.includes()),
				Arrays.asList(retryable.excludes()), predicates.apply(retryable.predicate()), attributes.maxRetries(),
				attributes.timeout(), attributes.delay(), attributes.jitter(), attributes.multiplier(),
				attributes.maxDelay());
		SimpleRetryInterceptor interceptor = new SimpleRetryInterceptor(spec);
		if (publisher != null) {
			interceptor.setApplicationEventPublisher(publisher);
		}
		return interceptor;
	}

}
