/**
 * The {@code mysql} Actuator health contributor.
 */
@NullMarked
package io.github.mysqlresilience.health;

import org.jspecify.annotations.NullMarked;
