package io.github.mysqlresilience.stream;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunk servo's rules, with the times a chunk takes given directly.
 */
class ChunkServoTests {

	private static final long MS = 1_000_000;

	private final ChunkServo servo = new ChunkServo(Duration.ofMillis(100));

	@Test
	void startsAtAThousandRows() {
		assertThat(this.servo.next()).isEqualTo(1000);
	}

	@Test
	void growsAtMostOneAndAHalfTimesPerChunk() {
		// 1 µs per row: the target wants 100,000 rows at once
		this.servo.record(1000, 1000, 1 * MS);
		assertThat(this.servo.next()).isEqualTo(1500);
		this.servo.record(1500, 1500, 1500 * 1000);
		assertThat(this.servo.next()).isEqualTo(2250);
	}

	@Test
	void settlesOnTheTargetTime() {
		for (int i = 0; i < 30; i++) {
			int size = this.servo.next();
			// 20 µs per row: 5,000 rows take 100 ms
			this.servo.record(size, size, size * 20_000L);
		}
		assertThat(this.servo.next()).isEqualTo(5000);
	}

	@Test
	void neverAboveTheCeilingNorBelowTheFloor() {
		for (int i = 0; i < 40; i++) {
			int size = this.servo.next();
			this.servo.record(size, size, size);
		}
		assertThat(this.servo.next()).isEqualTo(100_000);
		ChunkServo slow = new ChunkServo(Duration.ofMillis(100));
		for (int i = 0; i < 40; i++) {
			int size = slow.next();
			// 50 ms per row
			slow.record(size, size, size * 50 * MS);
		}
		assertThat(slow.next()).isEqualTo(10);
	}

	@Test
	void followsTheNinetiethPercentileOfTheLastTenChunks() {
		for (int i = 0; i < 30; i++) {
			int size = this.servo.next();
			this.servo.record(size, size, size * 20_000L);
		}
		// one slow chunk in ten (40 µs per row) is an outlier; two of the last ten set the
		// pace: 100 ms / 40 µs = 2,500 rows
		this.servo.record(5000, 5000, 5000 * 40_000L);
		assertThat(this.servo.next()).isEqualTo(5000);
		this.servo.record(5000, 5000, 5000 * 40_000L);
		assertThat(this.servo.next()).isEqualTo(2500);
	}

	@Test
	void aChunkFiveTimesOverTheTargetShrinksTheNextFiveTimes() {
		this.servo.record(1000, 1000, 501 * MS);
		assertThat(this.servo.next()).isEqualTo(200);
	}

	@Test
	void theShortLastChunkOfASliceTeachesNothing() {
		this.servo.record(1000, 3, 5 * MS);
		assertThat(this.servo.next()).isEqualTo(1000);
	}

}
