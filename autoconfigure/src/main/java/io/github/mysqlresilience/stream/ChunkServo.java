package io.github.mysqlresilience.stream;

import java.time.Duration;
import java.util.Arrays;

/**
 * Adapts the rows per chunk to a target time per chunk, with the safety limits of
 * Spirit's chunker (the online schema change tool's, proven on large MySQL tables): the
 * next size comes from the 90th percentile of the last 10 chunks' time per row; it grows
 * at most 1.5 times per chunk; it stays between 10 and 100,000 rows; a chunk that takes
 * more than 5 times the target shrinks the next one 5 times at once and forgets the
 * history. Only the time spent reading a chunk counts, never the consumer's.
 */
final class ChunkServo implements ChunkSizing {

	static final int INITIAL_ROWS = 1000;

	static final int MIN_ROWS = 10;

	static final int MAX_ROWS = 100_000;

	static final double MAX_GROWTH = 1.5;

	static final int PANIC_FACTOR = 5;

	private static final int HISTORY = 10;

	private final long targetNanos;

	private final double[] nanosPerRow = new double[HISTORY];

	private int recorded;

	private int size = INITIAL_ROWS;

	ChunkServo(Duration target) {
		this.targetNanos = target.toNanos();
	}

	@Override
	public int next() {
		return this.size;
	}

	@Override
	public void record(int requested, int rows, long nanos) {
		if (nanos > this.targetNanos * PANIC_FACTOR) {
			this.size = Math.max(MIN_ROWS, this.size / PANIC_FACTOR);
			this.recorded = 0;
			return;
		}
		if (rows < requested || rows == 0) {
			// The last chunk of a slice is short: its time says nothing about a full one
			return;
		}
		this.nanosPerRow[this.recorded % HISTORY] = (double) Math.max(nanos, 1) / rows;
		this.recorded++;
		double perRow = p90();
		long wanted = (long) (this.targetNanos / perRow);
		long capped = Math.min(wanted, (long) (this.size * MAX_GROWTH));
		this.size = (int) Math.max(MIN_ROWS, Math.min(MAX_ROWS, capped));
	}

	private double p90() {
		int count = Math.min(this.recorded, HISTORY);
		double[] sorted = Arrays.copyOf(this.nanosPerRow, count);
		Arrays.sort(sorted);
		return sorted[(int) Math.ceil(count * 0.9) - 1];
	}

	@Override
	public String toString() {
		return "ChunkServo[target " + this.targetNanos / 1_000_000 + " ms, next " + this.size + " rows]";
	}

}
