/**
 * Spring support: point a {@code @SpringBootTest}'s DataSource at a test server.
 */
@NullMarked
package io.github.mysqlresilience.test.spring;

import org.jspecify.annotations.NullMarked;
