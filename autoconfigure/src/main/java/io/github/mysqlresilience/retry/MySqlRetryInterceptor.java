package io.github.mysqlresilience.retry;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.MethodClassKey;
import org.springframework.core.retry.Retryable;
import org.springframework.resilience.retry.MethodRetryEvent;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.util.ExceptionTypeFilter;

/**
 * Runs every method annotated with Spring Framework's
 * {@link org.springframework.resilience.annotation.Retryable @Retryable} through the
 * {@link MySqlRetryTemplate}: the annotation's {@code includes}, {@code excludes} and
 * {@code predicate} still choose which failures the method retries, but a MySQL failure
 * that is not safe to retry is never retried. Every attribute applies as Spring defines
 * it; a method without a {@code timeout} gets the starter's deadline. Spring's
 * {@link MethodRetryEvent} is published for each failure. A method with a reactive return
 * type is retried by Spring's own interceptor, as without the starter.
 */
final class MySqlRetryInterceptor implements MethodInterceptor {

	private final Supplier<MySqlRetryTemplate> templateSupplier;

	private volatile @Nullable MySqlRetryTemplate template;

	private final Map<MethodClassKey, MethodSpec> specs = new ConcurrentHashMap<>();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private volatile @Nullable ApplicationEventPublisher publisher;

	MySqlRetryInterceptor(Supplier<MySqlRetryTemplate> template) {
		this.templateSupplier = template;
	}

	/**
	 * Return the template, looked up once (a bean lookup on every call would cost more
	 * than the retry itself on the happy path).
	 */
	private MySqlRetryTemplate template() {
		MySqlRetryTemplate template = this.template;
		if (template == null) {
			template = this.templateSupplier.get();
			this.template = template;
		}
		return template;
	}

	void setBeanFactory(@Nullable ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	void setApplicationEventPublisher(@Nullable ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		MethodSpec spec = this.specs.computeIfAbsent(new MethodClassKey(method, targetClass),
				(key) -> spec(method, targetClass));
		if (spec == null) {
			return invocation.proceed();
		}
		if (spec.reactive() != null) {
			// A reactive method fails in its publisher, not in the call: Spring's own
			// interceptor retries it, as without the starter
			return spec.reactive().invoke(invocation);
		}
		Throwable[] lastFailure = new Throwable[1];
		Retryable<Object> call = () -> {
			if (lastFailure[0] != null) {
				publish(invocation, lastFailure[0], false);
			}
			try {
				return (invocation instanceof ProxyMethodInvocation proxyInvocation)
						? proxyInvocation.invocableClone().proceed() : invocation.proceed();
			}
			catch (Throwable ex) {
				lastFailure[0] = ex;
				throw ex;
			}
		};
		try {
			return template().execute(spec.call(), spec.settings(), spec.filter(), call);
		}
		catch (Throwable ex) {
			publish(invocation, ex, true);
			throw ex;
		}
	}

	/**
	 * Publish Spring's {@link MethodRetryEvent} as Spring's own interceptor does: for a
	 * failure that is retried, and, with {@code retryAborted}, for the one that ends the
	 * call.
	 */
	private void publish(MethodInvocation invocation, Throwable failure, boolean retryAborted) {
		ApplicationEventPublisher publisher = this.publisher;
		if (publisher != null) {
			publisher.publishEvent(new MethodRetryEvent(invocation, failure, retryAborted));
		}
	}

	private @Nullable MethodSpec spec(Method method, Class<?> targetClass) {
		org.springframework.resilience.annotation.Retryable retryable = RetryCalls.find(method, targetClass,
				org.springframework.resilience.annotation.Retryable.class);
		if (retryable == null) {
			return null;
		}
		RetryableAttributes attributes = RetryableAttributes.read(retryable, this::resolve);
		MethodInterceptor reactive = ReactiveMethods.isReactive(method)
				? ReactiveMethods.springInterceptor(retryable, attributes, this::predicate, this.publisher) : null;
		return new MethodSpec(RetryCalls.of(method, targetClass), settings(attributes), filter(retryable, method),
				reactive);
	}

	/**
	 * The method's retry settings: every attribute applies as Spring Framework defines it,
	 * written or left at Spring's default (so {@code @Retryable} means 3 retries, 1 s
	 * apart, with or without the starter); only a {@code timeout} of 0 (Spring's default:
	 * none) takes the starter's deadline ({@code mysql.resilience.retry.deadline}), which
	 * bounds how long a caller can wait; and a MySQL failure that is safe to retry is
	 * retried until the deadline, up to {@code mysql.resilience.retry.max-safe-retries}
	 * times if {@code maxRetries} is lower (a conflict with decorrelated jitter, see
	 * {@link MySqlBackOff}).
	 */
	private RetrySettings settings(RetryableAttributes attributes) {
		RetrySettings defaults = template().getSettings();
		Duration timeout = attributes.timeout();
		return new RetrySettings(attributes.maxRetries(), attributes.delay(), attributes.multiplier(),
				attributes.maxDelay(), (timeout.isZero() || timeout.isNegative()) ? defaults.deadline() : timeout,
				defaults.retryKilledReads(), defaults.maxSafeRetries());
	}

	String resolve(String text) {
		String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(text) : text;
		return (resolved != null) ? resolved.trim() : text;
	}

	private Predicate<Throwable> filter(org.springframework.resilience.annotation.Retryable retryable, Method method) {
		ExceptionTypeFilter types = new ExceptionTypeFilter(Arrays.asList(retryable.includes()),
				Arrays.asList(retryable.excludes()));
		MethodRetryPredicate predicate = predicate(retryable.predicate());
		return (failure) -> types.match(failure, true) && predicate.shouldRetry(method, failure);
	}

	MethodRetryPredicate predicate(Class<? extends MethodRetryPredicate> type) {
		if (type == MethodRetryPredicate.class) {
			return (method, failure) -> true;
		}
		if (this.beanFactory != null) {
			return this.beanFactory.createBean(type);
		}
		return org.springframework.beans.BeanUtils.instantiateClass(type);
	}

	private record MethodSpec(RetryCall call, RetrySettings settings, Predicate<Throwable> filter,
			@Nullable MethodInterceptor reactive) {
	}

}
