/**
 * JMH benchmarks of the starter against the alternatives.
 */
@NullMarked
package io.github.mysqlresilience.benchmarks;

import org.jspecify.annotations.NullMarked;
