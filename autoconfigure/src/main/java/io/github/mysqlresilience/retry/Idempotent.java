package io.github.mysqlresilience.retry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Retryable} method (or every method of a class) as idempotent: doing it
 * twice has the effect of doing it once, typically because each call carries an
 * idempotency key held by a unique column. Such a method is retried even when the outcome
 * of the failed attempt is unknown (the connection was lost during a write or a
 * {@code COMMIT}).
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Idempotent {

}
