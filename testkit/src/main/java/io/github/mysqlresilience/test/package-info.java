/**
 * A real MySQL-compatible server for tests that can really go away: an embedded MariaDB
 * (or an external MySQL), users with and without admin rights, and server-side faults
 * (restart, {@code read_only}, {@code KILL}).
 */
@NullMarked
package io.github.mysqlresilience.test;

import org.jspecify.annotations.NullMarked;
