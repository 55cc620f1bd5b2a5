/**
 * The MySQL Resilience sample application.
 */
@NullMarked
package io.github.mysqlresilience.sample;

import org.jspecify.annotations.NullMarked;
