/**
 * The resilience drill: the faults of the articles, injected into a workload, once with
 * plain Spring Boot and once with the starter.
 */
@NullMarked
package io.github.mysqlresilience.sample.drill;

import org.jspecify.annotations.NullMarked;
