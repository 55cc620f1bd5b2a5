package io.github.mysqlresilience.retry;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.mysql.cj.jdbc.exceptions.SQLError;
import io.github.mysqlresilience.error.ConnectorJErrors;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlRetryPolicy}, {@link FullJitterBackOff} and {@link RetryBudget}.
 */
class RetryPolicyTests {

	private static final RetryBudget UNLIMITED = new RetryBudget(1, 1_000_000, Duration.ofSeconds(1));

	@Test
	void retriesWhatIsSafeAndNothingElse() {
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(server(1213, "Deadlock found"))).isTrue();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(server(1290, "--read-only"))).isTrue();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(server(1062, "Duplicate entry"))).isFalse();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(server(1317, "Query execution was interrupted"))).isFalse();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(new IllegalStateException("not MySQL"))).isTrue();
	}

	@Test
	void lostConnectionIsRetriedOnlyWhenSafeForTheCall() {
		SQLException lost = SQLError.createCommunicationsException("Communications link failure",
				new java.net.SocketException("Connection reset"), null);
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(lost)).as("autocommit write: outcome unknown").isFalse();
		assertThat(policy(new RetryCall(true, false, false)).shouldRetry(lost)).as("idempotent").isTrue();
		assertThat(policy(new RetryCall(false, true, true)).shouldRetry(lost)).as("read-only").isTrue();
		CommitTracker.reset();
		assertThat(policy(new RetryCall(false, false, true)).shouldRetry(lost))
			.as("own transaction, lost before its commit: rolled back")
			.isTrue();
		new CommitTracker().beforeCommit(null);
		try {
			assertThat(policy(new RetryCall(false, false, true)).shouldRetry(lost)).as("lost during the commit")
				.isFalse();
		}
		finally {
			CommitTracker.reset();
		}
	}

	@Test
	void killedReadsAreRetriedOnlyWhenConfigured() {
		SQLException killed = server(1317, "Query execution was interrupted");
		RetrySettings settings = new RetrySettings(2, Duration.ofMillis(1), 2, Duration.ofMillis(1),
				Duration.ofSeconds(1), true);
		assertThat(new MySqlRetryPolicy(settings, new RetryCall(false, true, true), UNLIMITED,
				new MySqlErrorClassifier(), (ex) -> true)
			.shouldRetry(killed)).isTrue();
		assertThat(new MySqlRetryPolicy(settings, RetryCall.DEFAULT, UNLIMITED, new MySqlErrorClassifier(),
				(ex) -> true)
			.shouldRetry(killed)).isFalse();
	}

	@Test
	void callersFilterStillApplies() {
		MySqlRetryPolicy policy = new MySqlRetryPolicy(RetrySettings.DEFAULTS, RetryCall.DEFAULT, UNLIMITED,
				new MySqlErrorClassifier(), (ex) -> false);
		assertThat(policy.shouldRetry(server(1213, "Deadlock found"))).isFalse();
		assertThat(policy.refusal()).isEqualTo(RetryOutcome.FAILED_NOT_RETRYABLE);
	}

	@Test
	void fullJitterStaysUnderTheExponentialCap() {
		RetrySettings settings = new RetrySettings(6, Duration.ofMillis(100), 2, Duration.ofMillis(1000),
				Duration.ofSeconds(5), false);
		FullJitterBackOff backOff = new FullJitterBackOff(settings);
		assertThat(backOff.cap(0)).isEqualTo(100);
		assertThat(backOff.cap(1)).isEqualTo(200);
		assertThat(backOff.cap(3)).isEqualTo(800);
		assertThat(backOff.cap(5)).isEqualTo(1000);
		for (int run = 0; run < 200; run++) {
			BackOffExecution execution = backOff.start();
			for (int retry = 0; retry < 6; retry++) {
				assertThat(execution.nextBackOff()).isBetween(0L, backOff.cap(retry));
			}
			assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
		}
	}

	@Test
	void budgetAllowsARatioOfRecentCallsPlusAFloor() {
		AtomicLong now = new AtomicLong(1_000_000);
		RetryBudget budget = new RetryBudget(0.2, 1, Duration.ofSeconds(10), now::get);
		for (int i = 0; i < 100; i++) {
			budget.recordCall();
		}
		int allowed = 0;
		while (budget.tryAcquireRetry()) {
			allowed++;
		}
		assertThat(allowed).as("20% of 100 calls + 1/s over 10 s").isEqualTo(30);
		now.addAndGet(11_000);
		assertThat(budget.tryAcquireRetry()).as("the window has moved on: the floor allows retries again").isTrue();
	}

	@Test
	void spentBudgetSaysSo() {
		RetryBudget empty = new RetryBudget(0, 0, Duration.ofSeconds(1));
		MySqlRetryPolicy policy = new MySqlRetryPolicy(RetrySettings.DEFAULTS, RetryCall.DEFAULT, empty,
				new MySqlErrorClassifier(), (ex) -> true);
		assertThat(policy.shouldRetry(server(1213, "Deadlock found"))).isFalse();
		assertThat(policy.refusal()).isEqualTo(RetryOutcome.FAILED_BUDGET_EXHAUSTED);
	}

	private static MySqlRetryPolicy policy(RetryCall call) {
		return new MySqlRetryPolicy(RetrySettings.DEFAULTS, call, UNLIMITED, new MySqlErrorClassifier(), (ex) -> true);
	}

	private static SQLException server(int code, String message) {
		return ConnectorJErrors.serverError(code, message);
	}

}
