package io.github.mysqlresilience.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run a test class against the {@link io.github.mysqlresilience.test.MySqlTestServers#shared()
 * shared server}: test methods and constructors may declare a
 * {@link io.github.mysqlresilience.test.MySqlTestServer} parameter, and test and
 * {@code @BeforeEach} methods a {@link io.github.mysqlresilience.test.proxy.MySqlProtocolProxy}
 * parameter: a protocol-aware proxy in front of the server, new for each test and closed
 * after it.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(MySqlServerExtension.class)
public @interface WithMySqlServer {

}
