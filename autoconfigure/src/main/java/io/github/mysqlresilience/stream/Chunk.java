package io.github.mysqlresilience.stream;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rows of one chunk of one slice, with their keys in one flat array (no array per
 * row: a chunk can hold 100,000 rows).
 *
 * @param slice the index of the slice the rows come from
 * @param rows the mapped rows, in key order
 * @param keys the key values of every row, row after row
 * @param keySize the number of key columns
 * @param complete whether the slice has no row after this chunk
 */
record Chunk<T>(int slice, List<@Nullable T> rows, Object[] keys, int keySize, boolean complete) {

	int size() {
		return this.rows.size();
	}

	/**
	 * Return the key of the given row.
	 */
	Object[] key(int row) {
		return Arrays.copyOfRange(this.keys, row * this.keySize, (row + 1) * this.keySize);
	}

}
