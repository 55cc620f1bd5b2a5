package io.github.mysqlresilience.retry;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodClassKey;
import org.springframework.core.retry.Retryable;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.util.ExceptionTypeFilter;
import org.springframework.util.StringUtils;

/**
 * Runs every method annotated with Spring Framework's
 * {@link org.springframework.resilience.annotation.Retryable @Retryable} through the
 * {@link MySqlRetryTemplate}: the annotation's {@code includes}, {@code excludes} and
 * {@code predicate} still choose which failures the method retries, but a MySQL failure
 * that is not safe to retry is never retried. Attributes left at Spring's defaults take
 * the starter's settings ({@code mysql.resilience.retry.*}).
 */
final class MySqlRetryInterceptor implements MethodInterceptor {

	private static final org.springframework.resilience.annotation.Retryable DEFAULTS = Defaults.class
		.getAnnotation(org.springframework.resilience.annotation.Retryable.class);

	private final Supplier<MySqlRetryTemplate> templateSupplier;

	private volatile @Nullable MySqlRetryTemplate template;

	private final Map<MethodClassKey, MethodSpec> specs = new ConcurrentHashMap<>();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

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
		Retryable<Object> call = () -> (invocation instanceof ProxyMethodInvocation proxyInvocation)
				? proxyInvocation.invocableClone().proceed() : invocation.proceed();
		return template().execute(spec.call(), spec.settings(), spec.filter(), call);
	}

	private @Nullable MethodSpec spec(Method method, Class<?> targetClass) {
		org.springframework.resilience.annotation.Retryable retryable = RetryCalls.find(method, targetClass,
				org.springframework.resilience.annotation.Retryable.class);
		if (retryable == null) {
			return null;
		}
		return new MethodSpec(RetryCalls.of(method, targetClass), settings(retryable), filter(retryable, method));
	}

	private RetrySettings settings(org.springframework.resilience.annotation.Retryable retryable) {
		RetrySettings defaults = template().getSettings();
		TimeUnit unit = retryable.timeUnit();
		long maxRetries = number(retryable.maxRetries(), retryable.maxRetriesString(), DEFAULTS.maxRetries(),
				defaults.maxRetries());
		Duration delay = duration(retryable.delay(), retryable.delayString(), DEFAULTS.delay(), unit,
				defaults.initialDelay());
		Duration maxDelay = duration(retryable.maxDelay(), retryable.maxDelayString(), DEFAULTS.maxDelay(), unit,
				defaults.maxDelay());
		Duration deadline = duration(retryable.timeout(), retryable.timeoutString(), DEFAULTS.timeout(), unit,
				defaults.deadline());
		double multiplier = (StringUtils.hasText(retryable.multiplierString()))
				? Double.parseDouble(resolve(retryable.multiplierString()))
				: (retryable.multiplier() != DEFAULTS.multiplier()) ? retryable.multiplier() : defaults.multiplier();
		return new RetrySettings(maxRetries, delay, multiplier, maxDelay, deadline, defaults.retryKilledReads());
	}

	private long number(long value, String text, long springDefault, long fallback) {
		if (StringUtils.hasText(text)) {
			return Long.parseLong(resolve(text));
		}
		return (value != springDefault) ? value : fallback;
	}

	private Duration duration(long value, String text, long springDefault, TimeUnit unit, Duration fallback) {
		if (StringUtils.hasText(text)) {
			String resolved = resolve(text);
			return resolved.chars().allMatch(Character::isDigit) ? Duration.of(Long.parseLong(resolved), unit.toChronoUnit())
					: org.springframework.format.datetime.standard.DurationFormatterUtils.detectAndParse(resolved);
		}
		return (value != springDefault) ? Duration.of(value, unit.toChronoUnit()) : fallback;
	}

	private String resolve(String text) {
		String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(text) : text;
		return (resolved != null) ? resolved.trim() : text;
	}

	private Predicate<Throwable> filter(org.springframework.resilience.annotation.Retryable retryable, Method method) {
		ExceptionTypeFilter types = new ExceptionTypeFilter(Arrays.asList(retryable.includes()),
				Arrays.asList(retryable.excludes()));
		MethodRetryPredicate predicate = predicate(retryable.predicate());
		return (failure) -> types.match(failure, true) && predicate.shouldRetry(method, failure);
	}

	private MethodRetryPredicate predicate(Class<? extends MethodRetryPredicate> type) {
		if (type == MethodRetryPredicate.class) {
			return (method, failure) -> true;
		}
		if (this.beanFactory != null) {
			return this.beanFactory.createBean(type);
		}
		return org.springframework.beans.BeanUtils.instantiateClass(type);
	}

	private record MethodSpec(RetryCall call, RetrySettings settings, Predicate<Throwable> filter) {
	}

	@org.springframework.resilience.annotation.Retryable
	private static final class Defaults {

	}

}
