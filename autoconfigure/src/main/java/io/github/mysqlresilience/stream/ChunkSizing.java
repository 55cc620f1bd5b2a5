package io.github.mysqlresilience.stream;

import java.time.Duration;

/**
 * How many rows the next chunk of a keyset scan asks for: a fixed number, or a
 * {@link ChunkServo} that adapts it to a target time per chunk. One instance serves one
 * slice, on one thread at a time.
 */
interface ChunkSizing {

	/**
	 * Return the number of rows the next chunk asks for.
	 */
	int next();

	/**
	 * Record how long a chunk took to read on the server and over the wire (never the
	 * consumer's time).
	 * @param requested the rows the chunk asked for
	 * @param rows the rows it returned
	 * @param nanos the time from the query's start to its last row
	 */
	void record(int requested, int rows, long nanos);

	/**
	 * What creates the sizing of each slice: a fixed size or a target time.
	 */
	record Setting(int fixedSize, Duration target) {

		static Setting fixed(int rows) {
			return new Setting(rows, Duration.ZERO);
		}

		static Setting adaptive(Duration target) {
			return new Setting(0, target);
		}

		ChunkSizing create() {
			return (this.fixedSize > 0) ? new Fixed(this.fixedSize) : new ChunkServo(this.target);
		}

		@Override
		public String toString() {
			return (this.fixedSize > 0) ? this.fixedSize + " rows per chunk" : this.target.toMillis() + " ms per chunk";
		}

	}

	/**
	 * The same number of rows for every chunk.
	 */
	record Fixed(int rows) implements ChunkSizing {

		@Override
		public int next() {
			return this.rows;
		}

		@Override
		public void record(int requested, int rows, long nanos) {
		}

	}

}
