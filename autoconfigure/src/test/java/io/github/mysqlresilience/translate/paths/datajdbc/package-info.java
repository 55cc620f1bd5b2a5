/**
 * Spring Data JDBC test model.
 */
@NullMarked
package io.github.mysqlresilience.translate.paths.datajdbc;

import org.jspecify.annotations.NullMarked;
