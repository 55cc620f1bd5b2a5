/**
 * Spring Batch integration of the keyset scanner: a restartable item reader whose state
 * is a resume token in the step's execution context, and a partitioner that gives each
 * partition a slice of the key range.
 */
@NullMarked
package io.github.mysqlresilience.batch;

import org.jspecify.annotations.NullMarked;
