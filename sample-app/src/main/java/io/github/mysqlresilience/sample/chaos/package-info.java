/**
 * Chaos endpoints, on the embedded server only.
 */
@NullMarked
package io.github.mysqlresilience.sample.chaos;

import org.jspecify.annotations.NullMarked;
