package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.retry.MySqlRetryAnnotationBeanPostProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers the {@link MySqlRetryAnnotationBeanPostProcessor} under the name Spring's
 * own retry post-processor uses, so that it replaces the one
 * {@code @EnableResilientMethods} registered, if any.
 * <p>
 * Ahead-of-time processing records the replaced definition in the generated code; the
 * registrar itself is left out of it (as a {@link BeanRegistrationAotProcessor} that
 * contributes nothing), so that it does not replace the generated definition again at
 * run time with one that needs reflection.
 */
final class RetryProcessorRegistrar implements BeanDefinitionRegistryPostProcessor, BeanRegistrationAotProcessor {

	/**
	 * The bean name under which {@code @EnableResilientMethods} registers Spring's retry
	 * post-processor.
	 */
	static final String RETRY_PROCESSOR = "org.springframework.resilience.annotation.internalRetryAnnotationProcessor";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (registry.containsBeanDefinition(RETRY_PROCESSOR)) {
			registry.removeBeanDefinition(RETRY_PROCESSOR);
		}
		RootBeanDefinition definition = new RootBeanDefinition(MySqlRetryAnnotationBeanPostProcessor.class);
		definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		registry.registerBeanDefinition(RETRY_PROCESSOR, definition);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		return null;
	}

}
