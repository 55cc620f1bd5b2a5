/**
 * Micrometer meters of MySQL failures, retries, evictions and dead-pool episodes, fed by
 * listeners of the translator, the retry and the pool guard.
 */
@NullMarked
package io.github.mysqlresilience.metrics;

import org.jspecify.annotations.NullMarked;
