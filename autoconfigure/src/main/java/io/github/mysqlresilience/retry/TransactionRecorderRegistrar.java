package io.github.mysqlresilience.retry;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * Registers the {@link TransactionRecorder} with every transaction manager of the
 * application that takes listeners, including those Spring Boot's customizers never see
 * (an application's own {@code @Bean}).
 *
 * @since 0.1.0
 */
public final class TransactionRecorderRegistrar implements BeanPostProcessor {

	private final TransactionRecorder recorder;

	/**
	 * Create a registrar.
	 * @param recorder the recorder to register
	 */
	public TransactionRecorderRegistrar(TransactionRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractPlatformTransactionManager manager
				&& !manager.getTransactionExecutionListeners().contains(this.recorder)) {
			manager.addListener(this.recorder);
		}
		return bean;
	}

}
