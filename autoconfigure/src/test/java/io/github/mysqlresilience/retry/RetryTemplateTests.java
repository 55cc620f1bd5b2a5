package io.github.mysqlresilience.retry;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.mysql.cj.jdbc.exceptions.SQLError;
import io.github.mysqlresilience.error.ConnectorJErrors;
import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.error.RetrySafety;
import io.github.mysqlresilience.translate.MySqlStreamAbortedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MySqlRetryTemplate}: what it decides from a failure already
 * classified by the layer that saw it, and from a first attempt that spent the deadline.
 */
class RetryTemplateTests {

	private final List<RetryOutcome> outcomes = new ArrayList<>();

	@Test
	void aStreamAbortStaysAStreamAbortOutsideTheStreamingRead() {
		// The streaming reader classified the abort (STREAM_ABORTED, NEVER: the consumer has
		// seen rows); its cause alone reads as a lost connection, which an idempotent call retries
		SQLException lost = SQLError.createSQLException("Communications link failure", "08S01", null);
		MySqlStreamAbortedException abort = new MySqlStreamAbortedException("Streaming result set aborted",
				new MySqlError(MySqlErrorCategory.STREAM_ABORTED, 0, "08S01", "aborted", RetrySafety.NEVER, null), lost);
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(MySqlStreamAbortedException.class)
			.isThrownBy(() -> template(RetrySettings.DEFAULTS).invoke(new RetryCall(true, false, false), () -> {
				calls.incrementAndGet();
				throw abort;
			}));
		assertThat(calls).hasValue(1);
		assertThat(this.outcomes).containsExactly(RetryOutcome.FAILED_NOT_RETRYABLE);
	}

	@Test
	void aFirstAttemptLongerThanTheDeadlineIsNotRetried() {
		RetrySettings settings = new RetrySettings(5, Duration.ofMillis(10), 2, Duration.ofMillis(10),
				Duration.ofMillis(50), false);
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> template(settings).invoke(() -> {
			calls.incrementAndGet();
			sleep(80);
			throw new IllegalStateException(ConnectorJErrors.serverError(1290, "The MySQL server is running with the --read-only option"));
		})).satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
			.isInstanceOf(RetryRefusedException.class)
			.extracting(Throwable::getMessage)
			.asString()
			.contains("first attempt took longer than the retry deadline (50 ms)"));
		assertThat(calls).hasValue(1);
		assertThat(this.outcomes).containsExactly(RetryOutcome.FAILED_DEADLINE);
	}

	@Test
	void aFirstAttemptWithinTheDeadlineIsRetried() {
		RetrySettings settings = new RetrySettings(5, Duration.ofMillis(1), 2, Duration.ofMillis(1),
				Duration.ofSeconds(5), false);
		AtomicInteger calls = new AtomicInteger();
		String result = template(settings).invoke(() -> {
			if (calls.incrementAndGet() < 3) {
				throw new IllegalStateException(ConnectorJErrors.serverError(1290, "The MySQL server is running with the --read-only option"));
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(calls).hasValue(3);
		assertThat(this.outcomes).containsExactly(RetryOutcome.SUCCESS_AFTER_RETRY);
	}

	private MySqlRetryTemplate template(RetrySettings settings) {
		return new MySqlRetryTemplate(settings, new RetryBudget(1, 1_000, Duration.ofSeconds(1)),
				new MySqlErrorClassifier(), List.of(new MySqlRetryListener() {
					@Override
					public void onCallEnded(RetryOutcome outcome) {
						RetryTemplateTests.this.outcomes.add(outcome);
					}
				}));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
