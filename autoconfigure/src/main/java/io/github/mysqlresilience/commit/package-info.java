/**
 * Commit-outcome resolution: a marker row written in each transaction just before its
 * COMMIT, and, when the connection is lost while the COMMIT is in flight, a fence and a
 * locking read that tell whether the transaction committed.
 */
@NullMarked
package io.github.mysqlresilience.commit;

import org.jspecify.annotations.NullMarked;
