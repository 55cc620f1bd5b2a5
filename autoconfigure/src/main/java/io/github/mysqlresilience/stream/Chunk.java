package io.github.mysqlresilience.stream;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rows of one chunk of one slice, each with its key.
 *
 * @param slice the index of the slice the rows come from
 * @param rows the mapped rows, in key order
 * @param keys the key of each row
 * @param complete whether the slice has no row after this chunk
 */
record Chunk<T>(int slice, List<@Nullable T> rows, List<Object[]> keys, boolean complete) {

	int size() {
		return this.rows.size();
	}

}
