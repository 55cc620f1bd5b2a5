/**
 * JUnit 5 support: one shared server per test JVM, injected into test methods.
 */
@NullMarked
package io.github.mysqlresilience.test.junit;

import org.jspecify.annotations.NullMarked;
