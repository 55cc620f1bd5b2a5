/**
 * Auto-configuration of MySQL resilience: conditions and wiring only.
 */
@NullMarked
package io.github.mysqlresilience.autoconfigure;

import org.jspecify.annotations.NullMarked;
