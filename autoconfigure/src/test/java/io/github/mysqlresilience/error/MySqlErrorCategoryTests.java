package io.github.mysqlresilience.error;

import io.github.mysqlresilience.error.MySqlErrorCategory.ConnectionFate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each category declares for the retry, the connection and the pool (DESIGN.md §4
 * and §6), in one place.
 */
class MySqlErrorCategoryTests {

	@Test
	void lostConnectionsEvictTheConnectionAndThePoolAndTheirOutcomeIsUnknown() {
		for (MySqlErrorCategory lost : new MySqlErrorCategory[] { MySqlErrorCategory.CONNECTION_LOST,
				MySqlErrorCategory.SERVER_SHUTDOWN }) {
			assertThat(lost.defaultRetrySafety()).isEqualTo(RetrySafety.OUTCOME_UNKNOWN);
			assertThat(lost.connectionFate()).isEqualTo(ConnectionFate.EVICT);
			assertThat(lost.evictsPool()).isTrue();
		}
	}

	@Test
	void aReadOnlyServerKeepsTheConnectionEvictsThePoolAndIsSafeToRetry() {
		// kept until its transaction is rolled back: HikariCP would close an evicted one at once
		assertThat(MySqlErrorCategory.READ_ONLY.defaultRetrySafety()).isEqualTo(RetrySafety.SAFE);
		assertThat(MySqlErrorCategory.READ_ONLY.connectionFate()).isEqualTo(ConnectionFate.KEEP);
		assertThat(MySqlErrorCategory.READ_ONLY.evictsPool()).isTrue();
	}

	@Test
	void onlyLostConnectionsAndReadOnlyServersEvictThePool() {
		assertThat(MySqlErrorCategory.values()).filteredOn(MySqlErrorCategory::evictsPool)
			.containsExactlyInAnyOrder(MySqlErrorCategory.CONNECTION_LOST, MySqlErrorCategory.SERVER_SHUTDOWN,
					MySqlErrorCategory.READ_ONLY);
	}

	@Test
	void rolledBackTransactionsAndFailuresWhereNothingRanAreTheOnlyRetryableOnes() {
		assertThat(MySqlErrorCategory.values()).filteredOn((category) -> category.defaultRetrySafety().allowsRetry())
			.containsExactlyInAnyOrder(MySqlErrorCategory.CANNOT_CONNECT, MySqlErrorCategory.TOO_MANY_CONNECTIONS,
					MySqlErrorCategory.READ_ONLY, MySqlErrorCategory.DEADLOCK, MySqlErrorCategory.LOCK_WAIT_TIMEOUT);
	}

	@Test
	void aStreamAbortEvictsItsConnectionAndIsNeverRetried() {
		assertThat(MySqlErrorCategory.values()).filteredOn((category) -> category.connectionFate() == ConnectionFate.EVICT)
			.containsExactlyInAnyOrder(MySqlErrorCategory.CONNECTION_LOST, MySqlErrorCategory.SERVER_SHUTDOWN,
					MySqlErrorCategory.STREAM_ABORTED)
			.allMatch(MySqlErrorCategory::losesConnection);
		assertThat(MySqlErrorCategory.STREAM_ABORTED.connectionFate()).isEqualTo(ConnectionFate.EVICT);
		assertThat(MySqlErrorCategory.STREAM_ABORTED.defaultRetrySafety()).isEqualTo(RetrySafety.NEVER);
	}

}
