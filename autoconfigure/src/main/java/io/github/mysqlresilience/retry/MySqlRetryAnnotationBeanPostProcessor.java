package io.github.mysqlresilience.retry;

import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.resilience.annotation.RetryAnnotationBeanPostProcessor;
import org.springframework.resilience.annotation.Retryable;

/**
 * Spring Framework's {@link RetryAnnotationBeanPostProcessor}, with the MySQL-aware
 * interceptor in place of Spring's: {@code @Retryable} methods are proxied exactly as
 * Spring does (the retry advisor first, so retry wraps {@code @Transactional}), and run
 * through the {@link MySqlRetryTemplate}. The starter registers it in place of the one
 * {@code @EnableResilientMethods} registers.
 *
 * @since 0.1.0
 */
public class MySqlRetryAnnotationBeanPostProcessor extends RetryAnnotationBeanPostProcessor
		implements ApplicationEventPublisherAware {

	private final MySqlRetryInterceptor interceptor;

	/**
	 * Create a post-processor.
	 * @param template the template that runs every {@code @Retryable} method, looked up
	 * on the first call
	 */
	public MySqlRetryAnnotationBeanPostProcessor(ObjectProvider<MySqlRetryTemplate> template) {
		this.interceptor = new MySqlRetryInterceptor(template::getObject);
		ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(Retryable.class, true))
			.union(new AnnotationMatchingPointcut(null, Retryable.class, true));
		this.advisor = new DefaultPointcutAdvisor(pointcut, this.interceptor);
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.interceptor.setApplicationEventPublisher(publisher);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		if (beanFactory instanceof ConfigurableListableBeanFactory configurable) {
			this.interceptor.setBeanFactory(configurable);
		}
	}

}
