/**
 * Translation of MySQL and MariaDB failures into Spring's {@code DataAccessException}
 * tree, each exception carrying its {@link io.github.mysqlresilience.error.MySqlError}.
 */
@NullMarked
package io.github.mysqlresilience.translate;

import org.jspecify.annotations.NullMarked;
