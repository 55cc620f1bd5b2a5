/**
 * A TCP fault proxy for tests: put it in front of a MySQL server and make the server go
 * away for real (cut connections, refuse, black-hole, add latency, move to another
 * host).
 */
@NullMarked
package io.github.mysqlresilience.test.proxy;

import org.jspecify.annotations.NullMarked;
