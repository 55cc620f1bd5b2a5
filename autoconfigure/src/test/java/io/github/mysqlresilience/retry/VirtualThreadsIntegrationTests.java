package io.github.mysqlresilience.retry;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry scenarios with {@code spring.threads.virtual.enabled=true}: hundreds of
 * callers on the application's virtual-thread executor through a restart, a KILL of every
 * connection and a deadlock storm. No call fails, and a flight recording shows that the
 * starter's own code never pins a carrier nor waits on a monitor (which pins on JDK 21 to
 * 23); the process's CPU while the callers wait out the restart shows nothing spins.
 */
@WithMySqlServer
@RequiresServerControl
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsIntegrationTests {

	private static final int CALLERS = 200;

	private final MySqlTestServer server;

	VirtualThreadsIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void accounts() {
		RetryTestApplication.createAccounts(this.server, 2);
	}

	@Test
	void aRestartShorterThanTheDeadlineCostsVirtualCallersNothingAndNothingSpins() {
		withVirtualCallers((context) -> {
			BankService bank = context.getBean(BankService.class);
			try (Load load = Load.start(executor(context), CALLERS, () -> bank.balance(1), 20)) {
				Load.sleep(1000);
				warmUpTheFailurePath();
				CarrierRecording carriers = CarrierRecording.start();
				long busyCpu = cpuNanosOver(1000);
				this.server.stop();
				long down = System.nanoTime();
				Load.sleep(500);
				// The callers wait out the restart: parked on the outage gate or in their
				// back-off, their carriers free
				long waitingCpu = cpuNanosOver(2000);
				this.server.start();
				long back = System.nanoTime();
				Load.sleep(2000);
				load.close();
				carriers.stop().close();
				System.out.printf("Virtual threads, restart (down %d ms): %,d calls by %d virtual callers, %d errors,"
						+ " longest call %,d ms; CPU of this process: %.0f %% of a core under load, %.0f %% while the"
						+ " callers waited; %s%n", TimeUnit.NANOSECONDS.toMillis(back - down), load.calls().size(),
						load.virtualCallers(), load.failures().size(), load.longestCallMillis(), busyCpu / 1e7,
						waitingCpu / 2e7, summary(carriers));
				assertThat(load.virtualCallers()).as("callers on virtual threads").isEqualTo(CALLERS);
				assertThat(load.failures()).as("errors surfaced to virtual callers").isEmpty();
				assertStarterHoldsNoCarrier(carriers);
				assertThat(waitingCpu).as("CPU used while the callers waited 2 s: nothing spins (half a core at most)")
					.isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
			}
		});
	}

	@Test
	void aKillOfEveryConnectionCostsVirtualCallersNothing() {
		withVirtualCallers((context) -> {
			BankService bank = context.getBean(BankService.class);
			try (Load load = Load.start(executor(context), CALLERS, () -> bank.balance(1), 5)) {
				Load.sleep(1000);
				int killedFirst = warmUpTheFailurePath();
				CarrierRecording carriers = CarrierRecording.start();
				int killed = this.server.killConnections(this.server.applicationCredentials().username());
				Load.sleep(1500);
				load.close();
				carriers.stop().close();
				System.out.printf("Virtual threads, KILL of %d then %d connections: %,d calls, %d errors; second"
						+ " KILL: %s%n", killedFirst, killed, load.calls().size(), load.failures().size(),
						summary(carriers));
				assertThat(killedFirst).as("connections killed").isPositive();
				assertThat(killed).as("connections killed").isPositive();
				assertThat(load.virtualCallers()).isEqualTo(CALLERS);
				assertThat(load.failures()).as("errors surfaced to virtual callers").isEmpty();
				assertStarterHoldsNoCarrier(carriers);
			}
		});
	}

	@Test
	void aDeadlockStormCostsVirtualCallersNothing() {
		withVirtualCallers((context) -> {
			BankService bank = context.getBean(BankService.class);
			// The drill's storm: 4 pairs of callers transfer in opposite orders as fast as they
			// can, first on platform threads, then on the application's virtual threads
			long platformErrors;
			try (Load forth = Load.start(4, () -> bank.transfer(1, 2, 1, 0), 0);
					Load back = Load.start(4, () -> bank.transfer(2, 1, 1, 0), 0)) {
				Load.sleep(3000);
				forth.close();
				back.close();
				platformErrors = forth.failures().size() + back.failures().size();
			}
			bank.attempts().set(0);
			AsyncTaskExecutor executor = executor(context);
			try (CarrierRecording carriers = CarrierRecording.start();
					Load forth = Load.start(executor, 4, () -> bank.transfer(1, 2, 1, 0), 0);
					Load back = Load.start(executor, 4, () -> bank.transfer(2, 1, 1, 0), 0)) {
				Load.sleep(3000);
				forth.close();
				back.close();
				carriers.stop();
				long calls = forth.calls().size() + back.calls().size();
				System.out.printf("Virtual threads, deadlock storm: %,d transfers, %d errors (%d on platform threads),"
						+ " %,d attempts; %s%n", calls, forth.failures().size() + back.failures().size(),
						platformErrors, bank.attempts().get(), summary(carriers));
				assertThat(forth.virtualCallers() + back.virtualCallers()).isEqualTo(8);
				assertThat(bank.attempts().get()).as("attempts: the storm deadlocked, and was retried")
					.isGreaterThan((int) calls);
				assertThat(forth.failures()).as("errors surfaced to virtual callers").isEmpty();
				assertThat(back.failures()).as("errors surfaced to virtual callers").isEmpty();
				assertStarterHoldsNoCarrier(carriers);
			}
			Integer total = this.server.withAdminConnection((connection) -> {
				try (var statement = connection.createStatement();
						var result = statement.executeQuery("SELECT SUM(balance) FROM app.account")) {
					result.next();
					return result.getInt(1);
				}
			});
			assertThat(total).as("money is neither made nor lost").isEqualTo(2000);
		});
	}

	/**
	 * KILL the application's connections once, unrecorded: the first failure loads and
	 * links the failure path's classes and call sites, and the JDK pins a virtual thread
	 * that does that, in any code, once.
	 * @return the connections killed
	 */
	private int warmUpTheFailurePath() {
		int killed = this.server.killConnections(this.server.applicationCredentials().username());
		Load.sleep(1500);
		return killed;
	}

	private void withVirtualCallers(ContextConsumer<AssertableApplicationContext> scenario) {
		RetryTestApplication.runner(this.server)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.run(scenario);
	}

	private static AsyncTaskExecutor executor(ConfigurableApplicationContext context) {
		return context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
	}

	private static void assertStarterHoldsNoCarrier(CarrierRecording carriers) {
		for (String event : List.of(CarrierRecording.PINNED, CarrierRecording.MONITOR_WAIT,
				CarrierRecording.MONITOR_ENTER)) {
			assertThat(carriers.inTheStarter(event)).as("%s events in the starter's own code", event).isEmpty();
		}
	}

	private static String summary(CarrierRecording carriers) {
		return String.format("JFR, all code: %d pinned parks (%d of them loading classes), %d monitor waits, %d"
				+ " contended monitor entries; in the starter's own code: %d, %d, %d",
				carriers.count(CarrierRecording.PINNED), carriers.classLoading(CarrierRecording.PINNED),
				carriers.count(CarrierRecording.MONITOR_WAIT), carriers.count(CarrierRecording.MONITOR_ENTER),
				carriers.inTheStarter(CarrierRecording.PINNED).size(),
				carriers.inTheStarter(CarrierRecording.MONITOR_WAIT).size(),
				carriers.inTheStarter(CarrierRecording.MONITOR_ENTER).size());
	}

	/**
	 * Return the CPU time this process used over the given time.
	 */
	private static long cpuNanosOver(long millis) {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long before = os.getProcessCpuTime();
		Load.sleep(millis);
		return os.getProcessCpuTime() - before;
	}

}
