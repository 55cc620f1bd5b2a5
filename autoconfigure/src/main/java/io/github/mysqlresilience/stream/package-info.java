/**
 * Streaming that survives slow consumers: the diagnosis of aborted streaming result sets
 * ({@code net_write_timeout}) and a keyset range scanner that reads a large table as a
 * stream of short, bounded queries.
 */
@NullMarked
package io.github.mysqlresilience.stream;

import org.jspecify.annotations.NullMarked;
