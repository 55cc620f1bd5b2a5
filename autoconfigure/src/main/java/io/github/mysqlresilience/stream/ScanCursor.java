package io.github.mysqlresilience.stream;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The consumer's side of a scan: takes chunks from a {@link ChunkFeed}, hands out their
 * rows and tracks, per slice, the last key handed out, from which {@link #position()}
 * makes a {@link ResumeToken}.
 */
final class ScanCursor<T> implements KeysetCursor<T> {

	private final ResumeToken start;

	private final ChunkFeed<T> feed;

	private final Object @Nullable [][] delivered;

	/** Per slice, the chunk and row last handed out, whose key is read only when asked. */
	private final @Nullable Chunk<?>[] lastChunk;

	private final int[] lastRow;

	private final boolean[] done;

	private @Nullable Chunk<T> chunk;

	private int next;

	ScanCursor(ResumeToken start, ChunkFeed<T> feed) {
		this.start = start;
		this.feed = feed;
		List<SliceState> slices = start.slices();
		this.delivered = new Object[slices.size()][];
		this.done = new boolean[slices.size()];
		this.lastChunk = new Chunk<?>[slices.size()];
		this.lastRow = new int[slices.size()];
		for (int i = 0; i < slices.size(); i++) {
			this.delivered[i] = slices.get(i).after();
			this.done[i] = slices.get(i).done();
		}
	}

	@Override
	public @Nullable T next() {
		Chunk<T> current = this.chunk;
		while (current == null || this.next == current.size()) {
			current = this.feed.next();
			this.chunk = current;
			this.next = 0;
			if (current == null) {
				return null;
			}
			if (current.size() == 0 && current.complete()) {
				this.done[current.slice()] = true;
			}
		}
		int row = this.next++;
		this.lastChunk[current.slice()] = current;
		this.lastRow[current.slice()] = row;
		if (this.next == current.size() && current.complete()) {
			this.done[current.slice()] = true;
		}
		T value = current.rows().get(row);
		if (value == null) {
			throw new IllegalStateException("The row mapper of a keyset scan returned null for row " + row
					+ " of a chunk; map every row to an object");
		}
		return value;
	}

	/**
	 * Return whether the last row returned was the last one of its chunk: the moment to
	 * checkpoint.
	 */
	boolean chunkDelivered() {
		Chunk<T> current = this.chunk;
		return current != null && this.next == current.size();
	}

	@Override
	public ResumeToken position() {
		ResumeToken token = this.start;
		for (int i = 0; i < this.done.length; i++) {
			SliceState slice = token.slices().get(i);
			Chunk<?> chunk = this.lastChunk[i];
			if (chunk != null) {
				this.delivered[i] = chunk.key(this.lastRow[i]);
				this.lastChunk[i] = null;
			}
			Object[] after = this.delivered[i];
			SliceState now = new SliceState(slice.from(), slice.to(), after, this.done[i]);
			if (!now.equals(slice)) {
				token = token.with(i, now);
			}
		}
		return token;
	}

	@Override
	public void close() {
		this.feed.close();
	}

}
