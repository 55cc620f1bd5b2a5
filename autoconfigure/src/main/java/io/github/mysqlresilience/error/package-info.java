/**
 * What a MySQL or MariaDB failure is, and whether a retry is safe: the error model,
 * independent of Spring and of the JDBC driver.
 */
@NullMarked
package io.github.mysqlresilience.error;

import org.jspecify.annotations.NullMarked;
