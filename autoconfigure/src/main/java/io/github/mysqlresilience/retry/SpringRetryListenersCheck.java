package io.github.mysqlresilience.retry;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.retry.annotation.Retryable;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Refuses to start an application where a spring-retry
 * {@link Retryable @Retryable(listeners = ...)} leaves out the
 * {@link SpringRetryMySqlListener}: naming listeners replaces spring-retry's global ones,
 * so the MySQL-aware checks would not run and a write whose outcome is unknown would be
 * retried.
 *
 * @since 0.1.0
 */
public final class SpringRetryListenersCheck implements BeanPostProcessor {

	private final String listenerBeanName;

	/**
	 * Create a check.
	 * @param listenerBeanName the bean name of the {@link SpringRetryMySqlListener}
	 */
	public SpringRetryListenersCheck(String listenerBeanName) {
		this.listenerBeanName = listenerBeanName;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		check(AnnotatedElementUtils.findMergedAnnotation(type, Retryable.class), type.getName());
		ReflectionUtils.doWithMethods(type, (method) -> check(
				AnnotatedElementUtils.findMergedAnnotation(method, Retryable.class),
				type.getName() + "." + method.getName()), (method) -> method.getDeclaringClass() != Object.class);
		return bean;
	}

	private void check(@Nullable Retryable retryable, String where) {
		if (retryable != null && retryable.listeners().length > 0
				&& !Arrays.asList(retryable.listeners()).contains(this.listenerBeanName)) {
			throw new BeanInitializationException("@Retryable(listeners = " + Arrays.toString(retryable.listeners())
					+ ") on " + where + " replaces spring-retry's global listeners, so the MySQL-aware listener "
					+ "would not run and writes whose outcome is unknown would be retried: add \""
					+ this.listenerBeanName + "\" to its listeners");
		}
	}

}
