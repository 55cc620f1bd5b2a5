package io.github.mysqlresilience.stream;

import org.jspecify.annotations.Nullable;

/**
 * Reads one slice chunk after chunk, each asking for the rows after the last one read,
 * with its own chunk sizing. Used by one thread at a time.
 */
final class SliceReader<T> {

	private final int index;

	private final Object[] upTo;

	private final ChunkQuery<T> query;

	private final ChunkSizing sizing;

	private SliceState state;

	SliceReader(int index, SliceState start, Object[] upTo, ChunkQuery<T> query, ChunkSizing sizing) {
		this.index = index;
		this.state = start;
		this.upTo = upTo;
		this.query = query;
		this.sizing = sizing;
	}

	/**
	 * Return the next chunk, or {@code null} when the slice was read to its end.
	 */
	@Nullable Chunk<T> next() {
		if (this.state.done()) {
			return null;
		}
		Chunk<T> chunk = this.query.next(this.index, this.state, this.upTo, this.sizing.next(), this.sizing);
		if (chunk.size() > 0) {
			this.state = this.state.deliveredUpTo(chunk.key(chunk.size() - 1));
		}
		if (chunk.complete()) {
			this.state = this.state.finished();
		}
		return chunk;
	}

}
