package io.github.mysqlresilience.retry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead connection pool: a warm pool of 10 under 20 callers, when every connection is
 * killed, and when the server crashes and comes back. After a KILL, plain Spring Boot
 * surfaces one lost connection per recently used pooled connection, the starter one. A
 * crash also fails every query in flight (the dying server holds them), which no pool can
 * prevent: there {@code @Retryable} makes the difference. The figures are printed, and
 * recorded in docs/retry.md.
 */
@WithMySqlServer
@RequiresServerControl
class DeadPoolIntegrationTests {

	private static final int CALLERS = 20;

	private final MySqlTestServer server;

	DeadPoolIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTable() {
		RetryTestApplication.createAccounts(this.server, 1);
	}

	@Test
	void killOfEveryConnectionUnderLoad() {
		Runnable kill = () -> this.server.killConnections(this.server.applicationCredentials().username());
		Result plain = underLoad("KILL, plain Spring Boot", plainBoot(), (bank) -> () -> bank.plainBalance(1), kill);
		Result guarded = underLoad("KILL, starter, no retry", runner(), (bank) -> () -> bank.plainBalance(1), kill);
		Result retried = underLoad("KILL, starter, @Retryable", runner(), (bank) -> () -> bank.patientBalance(1),
				kill);
		assertThat(plain.lost()).as("plain Boot: one lost connection per recently used pooled connection")
			.isGreaterThanOrEqualTo(5);
		assertThat(guarded.lostAfterFirst()).as("the starter: once one lost connection is seen, no dead connection "
				+ "is handed out (only the queries in flight when the connections were killed fail)")
			.isZero();
		assertThat(retried.errors()).as("@Retryable: no error").isZero();
	}

	@Test
	void crashAndStartUnderLoad() {
		Runnable crash = () -> {
			this.server.crash();
			this.server.start();
		};
		Result plain = underLoad("crash, plain Spring Boot", plainBoot(), (bank) -> () -> bank.plainBalance(1),
				crash);
		Result guarded = underLoad("crash, starter, no retry", runner(), (bank) -> () -> bank.plainBalance(1), crash);
		Result retried = underLoad("crash, starter, @Retryable", runner(), (bank) -> () -> bank.patientBalance(1),
				crash);
		assertThat(plain.errors()).as("plain Boot surfaces the crash").isPositive();
		assertThat(guarded.longestCallMillis()).as("outage mode: no caller waits the 30 s connection timeout")
			.isLessThan(5000);
		assertThat(retried.errors()).as("@Retryable: no error when the server is back within the deadline").isZero();
		assertThat(retried.firstSuccessMillis()).as("first success after the server is back").isLessThan(2000);
	}

	private ApplicationContextRunner plainBoot() {
		return runner().withPropertyValues("mysql.resilience.pool.enabled=false",
				"mysql.resilience.retry.enabled=false");
	}

	private Result underLoad(String name, ApplicationContextRunner runner, Function<BankService, Runnable> operation,
			Runnable fault) {
		Result[] result = new Result[1];
		runner.run((context) -> {
			BankService bank = context.getBean(BankService.class);
			try (Load load = Load.start(CALLERS, operation.apply(bank), 50)) {
				Load.sleep(1000);
				long stopped = System.nanoTime();
				fault.run();
				long back = System.nanoTime();
				Load.sleep(2500);
				load.close();
				result[0] = Result.of(name, load, stopped, back);
			}
		});
		System.out.println(result[0]);
		return result[0];
	}

	private ApplicationContextRunner runner() {
		return RetryTestApplication.runner(this.server)
			.withPropertyValues("spring.datasource.hikari.minimum-idle=10",
					"spring.datasource.hikari.connection-timeout=30000");
	}

	record Result(String name, int calls, Map<MySqlErrorCategory, Long> errorsByCategory, long firstSuccessMillis,
			long longestCallMillis, long lostAfterFirst) {

		static Result of(String name, Load load, long stopped, long back) {
			List<Load.Call> failures = load.failures();
			long firstLostEnded = failures.stream()
				.filter((call) -> call.failure() == MySqlErrorCategory.CONNECTION_LOST)
				.mapToLong(Load.Call::ended)
				.min()
				.orElse(Long.MAX_VALUE);
			long lostAfterFirst = failures.stream()
				.filter((call) -> call.failure() == MySqlErrorCategory.CONNECTION_LOST
						&& call.started() > firstLostEnded)
				.count();
			Map<MySqlErrorCategory, Long> byCategory = new TreeMap<>();
			failures.forEach((call) -> byCategory.merge(call.failure(), 1L, Long::sum));
			Load.Call first = load.firstSuccessAfter(back);
			long firstSuccess = (first != null) ? TimeUnit.NANOSECONDS.toMillis(first.ended() - back) : -1;
			return new Result(name, load.calls().size(), byCategory, firstSuccess, load.longestCallMillis(),
					lostAfterFirst);
		}

		long lost() {
			return this.errorsByCategory.getOrDefault(MySqlErrorCategory.CONNECTION_LOST, 0L)
					+ this.errorsByCategory.getOrDefault(MySqlErrorCategory.SERVER_SHUTDOWN, 0L);
		}

		long errors() {
			return this.errorsByCategory.values().stream().mapToLong(Long::longValue).sum();
		}

		@Override
		public String toString() {
			return "Dead pool [" + this.name + "]: calls=" + this.calls + ", errors=" + errors() + " "
					+ this.errorsByCategory + ", lost connections=" + lost() + " (" + this.lostAfterFirst
					+ " on calls started after the first one failed), first success after restart="
					+ this.firstSuccessMillis + " ms, longest call=" + this.longestCallMillis + " ms";
		}

	}

}
