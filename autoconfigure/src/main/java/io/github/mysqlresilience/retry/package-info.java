/**
 * MySQL-aware retry around the transaction: one policy for Spring Framework's and
 * spring-retry's {@code @Retryable} and for a programmatic template, with exponential
 * backoff and full jitter, a deadline and a retry budget.
 */
@NullMarked
package io.github.mysqlresilience.retry;

import org.jspecify.annotations.NullMarked;
