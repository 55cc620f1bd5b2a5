package io.github.mysqlresilience.benchmarks;

import org.springframework.resilience.annotation.Retryable;

/**
 * In-memory work, with and without retry annotations.
 */
public interface Work {

	/**
	 * Do a little arithmetic.
	 * @param value the input
	 * @return the output
	 */
	long compute(long value);

	/**
	 * No retry.
	 */
	class Plain implements Work {

		@Override
		public long compute(long value) {
			return Long.rotateLeft(value * 31 + 7, 3);
		}

	}

	/**
	 * Spring Framework 7's {@code @Retryable} (MySQL-aware when the starter runs).
	 */
	class SpringRetryable implements Work {

		@Override
		@Retryable
		public long compute(long value) {
			return Long.rotateLeft(value * 31 + 7, 3);
		}

	}

	/**
	 * spring-retry's {@code @Retryable}.
	 */
	class LegacyRetryable implements Work {

		@Override
		@org.springframework.retry.annotation.Retryable
		public long compute(long value) {
			return Long.rotateLeft(value * 31 + 7, 3);
		}

	}

}
