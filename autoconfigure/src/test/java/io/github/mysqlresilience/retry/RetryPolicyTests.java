package io.github.mysqlresilience.retry;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.mysql.cj.jdbc.exceptions.SQLError;
import io.github.mysqlresilience.error.ConnectorJErrors;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlRetryPolicy}, {@link MySqlBackOff} and {@link RetryBudget}.
 */
class RetryPolicyTests {

	private static final RetryBudget UNLIMITED = new RetryBudget(1, 1_000_000, Duration.ofSeconds(1));

	@Test
	void retriesWhatIsSafeAndNothingElse() {
		SQLException deadlock = server(1213, "Deadlock found");
		assertThat(decide(RetryCall.DEFAULT, this::beginAndRollBack, deadlock))
			.as("deadlock, the call's own transaction rolled back")
			.isTrue();
		assertThat(decide(RetryCall.DEFAULT, () -> {
		}, deadlock)).as("deadlock without a transaction of the call: earlier statements autocommitted").isFalse();
		assertThat(decide(RetryCall.DEFAULT, this::beginAndCommit, deadlock))
			.as("deadlock, but the rollback rules committed the rest (1205 with innodb_rollback_on_timeout=OFF too)")
			.isFalse();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(server(1290, "--read-only"))).isTrue();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(server(1062, "Duplicate entry"))).isFalse();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(server(1317, "Query execution was interrupted"))).isFalse();
		assertThat(policy(RetryCall.DEFAULT).shouldRetry(new IllegalStateException("not MySQL"))).isTrue();
	}

	@Test
	void lostConnectionIsRetriedOnlyWhenSafeForTheCall() {
		SQLException lost = SQLError.createCommunicationsException("Communications link failure",
				new java.net.SocketException("Connection reset"), null);
		RetryCall write = RetryCall.DEFAULT;
		assertThat(decide(write, () -> {
		}, lost)).as("autocommit write: outcome unknown").isFalse();
		assertThat(decide(new RetryCall(true, false, false), () -> {
		}, lost)).as("idempotent").isTrue();
		assertThat(decide(new RetryCall(false, true, true), () -> {
		}, lost)).as("read-only").isTrue();
		assertThat(decide(write, this::beginAndRollBack, lost)).as("own transaction, lost before its commit: rolled back")
			.isTrue();
		assertThat(decide(write, this::beginAndFailCommit, lost)).as("lost during the commit").isFalse();
		assertThat(decide(write, () -> {
			beginAndCommit();
			beginAndRollBack();
		}, lost)).as("an earlier transaction of the call committed").isFalse();
		assertThat(decide(write, () -> {
			beginAndFailCommit();
			// a REQUIRES_NEW transaction in an after-completion callback does not hide the failed commit
			beginAndRollBack();
		}, lost)).isFalse();
		TransactionRecorder otherDatabase = new TransactionRecorder((dataSource) -> false);
		assertThat(decide(write, () -> {
			otherDatabase.afterBegin(NEW, null);
			otherDatabase.afterRollback(NEW, null);
		}, lost)).as("a transaction manager of another data source: the MySQL statements autocommitted").isFalse();
	}

	private final TransactionRecorder recorder = new TransactionRecorder();

	private static final TransactionExecution NEW = new TransactionExecution() {
	};

	private void beginAndRollBack() {
		this.recorder.afterBegin(NEW, null);
		this.recorder.afterRollback(NEW, null);
	}

	private void beginAndCommit() {
		this.recorder.afterBegin(NEW, null);
		this.recorder.beforeCommit(NEW);
		this.recorder.afterCommit(NEW, null);
	}

	private void beginAndFailCommit() {
		this.recorder.afterBegin(NEW, null);
		this.recorder.beforeCommit(NEW);
		this.recorder.afterCommit(NEW, new IllegalStateException("lost"));
		// what JdbcTransactionManager does after a failed commit
		this.recorder.afterRollback(NEW, new IllegalStateException("lost"));
	}

	/**
	 * Decide on a failure after an attempt during which the transaction managers did what
	 * {@code transactions} says, with a MySQL data source bound to each transaction.
	 */
	private static boolean decide(RetryCall call, Runnable transactions, Throwable failure) {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
		CallTransactions recording = CallTransactions.open();
		TransactionSynchronizationManager.bindResource(dataSource, new Object());
		try {
			transactions.run();
			return policy(call).shouldRetry(failure);
		}
		finally {
			TransactionSynchronizationManager.unbindResource(dataSource);
			recording.close();
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
				Duration.ofSeconds(5), false, 6);
		MySqlBackOff caps = new MySqlBackOff(settings, policy(RetryCall.DEFAULT));
		assertThat(caps.cap(0)).isEqualTo(100);
		assertThat(caps.cap(1)).isEqualTo(200);
		assertThat(caps.cap(3)).isEqualTo(800);
		assertThat(caps.cap(5)).isEqualTo(1000);
		SQLException readOnly = server(1290, "The MySQL server is running with the --read-only option");
		for (int run = 0; run < 200; run++) {
			MySqlRetryPolicy policy = new MySqlRetryPolicy(settings, RetryCall.DEFAULT, UNLIMITED,
					new MySqlErrorClassifier(), (ex) -> true);
			BackOffExecution execution = new MySqlBackOff(settings, policy).start();
			for (int retry = 0; retry < 6; retry++) {
				assertThat(policy.shouldRetry(readOnly)).isTrue();
				assertThat(execution.nextBackOff()).isBetween(0L, caps.cap(retry));
			}
			assertThat(policy.shouldRetry(readOnly)).isTrue();
			assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
		}
	}

	@Test
	void conflictsAreRetriedUpToTheConflictSafetyNetWithDecorrelatedJitter() {
		// maxRetries 2, as users write it: a deadlock is still retried up to 10 times (the safety net)
		RetrySettings settings = new RetrySettings(2, Duration.ofMillis(100), 1, Duration.ofMillis(5000),
				Duration.ofSeconds(5), false);
		SQLException deadlock = server(1213, "Deadlock found when trying to get lock");
		MySqlRetryPolicy policy = new MySqlRetryPolicy(settings, new RetryCall(true, false, true), UNLIMITED,
				new MySqlErrorClassifier(), (ex) -> true);
		MySqlBackOff backOff = new MySqlBackOff(settings, policy);
		assertThat(backOff.conflictBase()).isEqualTo(50);
		assertThat(backOff.conflictCap()).isEqualTo(1000);
		BackOffExecution execution = backOff.start();
		for (int retry = 0; retry < 10; retry++) {
			assertThat(policy.shouldRetry(deadlock)).isTrue();
			assertThat(policy.lastWasConflict()).isTrue();
			assertThat(execution.nextBackOff()).isBetween(50L, 1000L);
		}
		assertThat(policy.shouldRetry(deadlock)).isTrue();
		assertThat(execution.nextBackOff()).as("the safety net").isEqualTo(BackOffExecution.STOP);
		for (int run = 0; run < 1000; run++) {
			assertThat(backOff.conflictDelay(50)).isBetween(50L, 150L);
			assertThat(backOff.conflictDelay(400)).isBetween(50L, 1000L);
		}
	}

	@Test
	void aSafeMySqlFailureIsBoundedByTheSafetyNetAndAnyOtherFailureByMaxRetries() {
		RetrySettings settings = new RetrySettings(2, Duration.ofMillis(100), 2, Duration.ofMillis(1000),
				Duration.ofSeconds(5), false, 4);
		MySqlRetryPolicy readOnly = new MySqlRetryPolicy(settings, RetryCall.DEFAULT, UNLIMITED,
				new MySqlErrorClassifier(), (ex) -> true);
		for (int retry = 0; retry < 4; retry++) {
			readOnly.shouldRetry(server(1290, "--read-only"));
			assertThat(readOnly.retryLeft()).isTrue();
		}
		readOnly.shouldRetry(server(1290, "--read-only"));
		assertThat(readOnly.retryLeft()).isFalse();
		MySqlRetryPolicy other = new MySqlRetryPolicy(settings, RetryCall.DEFAULT, UNLIMITED,
				new MySqlErrorClassifier(), (ex) -> true);
		for (int retry = 0; retry < 2; retry++) {
			other.shouldRetry(new IllegalStateException("not MySQL"));
			assertThat(other.retryLeft()).isTrue();
		}
		other.shouldRetry(new IllegalStateException("not MySQL"));
		assertThat(other.retryLeft()).isFalse();
	}

	@Test
	void conflictsDoNotSpendTheRetryBudgetButOutagesDo() {
		RetryBudget spent = new RetryBudget(0, 0, Duration.ofSeconds(10));
		MySqlRetryPolicy conflict = new MySqlRetryPolicy(RetrySettings.DEFAULTS, new RetryCall(true, false, true), spent,
				new MySqlErrorClassifier(), (ex) -> true);
		assertThat(conflict.shouldRetry(server(1213, "Deadlock found"))).isTrue();
		MySqlRetryPolicy outage = new MySqlRetryPolicy(RetrySettings.DEFAULTS, RetryCall.DEFAULT, spent,
				new MySqlErrorClassifier(), (ex) -> true);
		assertThat(outage.shouldRetry(server(1290, "--read-only"))).isFalse();
		assertThat(outage.refusal()).isEqualTo(RetryOutcome.FAILED_BUDGET_EXHAUSTED);
	}

	@Test
	void aRefusedUnknownOutcomeIsToldApartFromOtherRefusals() {
		SQLException lost = SQLError.createCommunicationsException("Communications link failure",
				new java.net.SocketException("Connection reset"), null);
		MySqlRetryPolicy policy = policy(RetryCall.DEFAULT);
		assertThat(policy.shouldRetry(lost)).isFalse();
		assertThat(policy.refusal()).isEqualTo(RetryOutcome.FAILED_OUTCOME_UNKNOWN);
		MySqlRetryPolicy duplicate = policy(RetryCall.DEFAULT);
		assertThat(duplicate.shouldRetry(server(1062, "Duplicate entry"))).isFalse();
		assertThat(duplicate.refusal()).isEqualTo(RetryOutcome.FAILED_NOT_RETRYABLE);
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
		assertThat(policy.shouldRetry(server(1290, "The MySQL server is running with the --read-only option"))).isFalse();
		assertThat(policy.refusal()).isEqualTo(RetryOutcome.FAILED_BUDGET_EXHAUSTED);
	}

	private static MySqlRetryPolicy policy(RetryCall call) {
		return new MySqlRetryPolicy(RetrySettings.DEFAULTS, call, UNLIMITED, new MySqlErrorClassifier(), (ex) -> true);
	}

	private static SQLException server(int code, String message) {
		return ConnectorJErrors.serverError(code, message);
	}

}
