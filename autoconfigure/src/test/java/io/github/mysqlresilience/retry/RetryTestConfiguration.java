package io.github.mysqlresilience.retry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mysqlresilience.autoconfigure.MySqlExceptionTranslationAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlRetryAutoConfiguration;
import io.github.mysqlresilience.error.MySqlError;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * A small application for retry tests: Boot's DataSource, JdbcTemplate and transaction
 * manager, the starter, a {@link BankService} and counters of transactions and retries.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		TransactionManagerCustomizationAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		TransactionAutoConfiguration.class, AopAutoConfiguration.class,
		MySqlExceptionTranslationAutoConfiguration.class, MySqlRetryAutoConfiguration.class,
		MySqlPoolAutoConfiguration.class })
@Import(BankService.class)
class RetryTestConfiguration {

	@Bean
	TransactionCounter transactionCounter() {
		return new TransactionCounter();
	}

	@Bean
	RetryRecorder retryRecorder() {
		return new RetryRecorder();
	}

	/**
	 * Counts the transactions begun, to prove that each retry runs a new transaction.
	 */
	static class TransactionCounter implements TransactionExecutionListener {

		final AtomicInteger begun = new AtomicInteger();

		@Override
		public void beforeBegin(TransactionExecution transaction) {
			this.begun.incrementAndGet();
		}

	}

	/**
	 * Records the retries and call outcomes of the MySQL-aware retry.
	 */
	static class RetryRecorder implements MySqlRetryListener {

		final List<MySqlError> retries = new CopyOnWriteArrayList<>();

		final List<RetryOutcome> outcomes = new CopyOnWriteArrayList<>();

		@Override
		public void onRetry(MySqlError error, int retry) {
			this.retries.add(error);
		}

		@Override
		public void onCallEnded(RetryOutcome outcome) {
			this.outcomes.add(outcome);
		}

		void clear() {
			this.retries.clear();
			this.outcomes.clear();
		}

	}

}
