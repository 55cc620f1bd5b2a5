package io.github.mysqlresilience.stream;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where the consumer of a scan takes its chunks from: read in its own thread, slice after
 * slice ({@link #sequential}), or by a {@link ParallelChunkFeed}.
 */
interface ChunkFeed<T> extends AutoCloseable {

	/**
	 * Return the next chunk, or {@code null} when every slice was read to its end.
	 */
	@Nullable Chunk<T> next();

	@Override
	void close();

	static <T> ChunkFeed<T> sequential(List<SliceReader<T>> slices) {
		List<SliceReader<T>> remaining = new ArrayList<>(slices);
		return new ChunkFeed<>() {

			@Override
			public @Nullable Chunk<T> next() {
				while (!remaining.isEmpty()) {
					Chunk<T> chunk = remaining.get(0).next();
					if (chunk != null) {
						return chunk;
					}
					remaining.remove(0);
				}
				return null;
			}

			@Override
			public void close() {
				remaining.clear();
			}

		};
	}

}
