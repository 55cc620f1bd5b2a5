/**
 * What happens to a HikariCP pool when MySQL goes away: one pool-wide eviction instead
 * of one failure per pooled connection (the dead connection pool), eviction on a
 * read-only server after a failover, and an outage mode where callers fail fast while one
 * probe waits for the server.
 */
@NullMarked
package io.github.mysqlresilience.pool;

import org.jspecify.annotations.NullMarked;
