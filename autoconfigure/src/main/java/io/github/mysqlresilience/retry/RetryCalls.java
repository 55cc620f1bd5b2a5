package io.github.mysqlresilience.retry;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;

/**
 * Describes an annotated method as a {@link RetryCall}: {@link Idempotent}, and the
 * read-only flag and presence of its {@code @Transactional}.
 */
final class RetryCalls {

	private static final TransactionAttributeSource transactionAttributes = new AnnotationTransactionAttributeSource();

	private RetryCalls() {
	}

	static RetryCall of(Method method, Class<?> targetClass) {
		TransactionAttribute transaction = transactionAttributes.getTransactionAttribute(method, targetClass);
		boolean idempotent = find(method, targetClass, Idempotent.class) != null;
		return new RetryCall(idempotent, transaction != null && transaction.isReadOnly(), transaction != null);
	}

	static <A extends Annotation> @Nullable A find(Method method, Class<?> targetClass, Class<A> type) {
		A annotation = AnnotatedElementUtils.findMergedAnnotation(method, type);
		return (annotation != null) ? annotation : AnnotatedElementUtils.findMergedAnnotation(targetClass, type);
	}

}
