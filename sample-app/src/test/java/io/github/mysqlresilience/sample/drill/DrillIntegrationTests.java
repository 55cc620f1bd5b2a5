package io.github.mysqlresilience.sample.drill;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill at small scale: with the starter no write is lost or duplicated, and fewer
 * errors surface than with plain Spring Boot for every fault where the starter claims to
 * help; for an outage it claims shorter waits, not fewer errors (callers fail fast).
 */
class DrillIntegrationTests {

	@Test
	void theStarterLosesNoWriteAndSurfacesFewerErrors() {
		Map<Boolean, Map<DrillFault, FaultResult>> results = Drill.run(Drill.DrillOptions.QUICK);
		System.out.println(DrillReport.format(results));
		Map<DrillFault, FaultResult> plain = results.get(false);
		Map<DrillFault, FaultResult> starter = results.get(true);
		for (DrillFault fault : DrillFault.values()) {
			assertThat(starter.get(fault).writesLost()).as("%s: writes lost", fault).isZero();
			assertThat(starter.get(fault).writesDuplicated()).as("%s: writes duplicated", fault).isZero();
		}
		for (DrillFault fault : new DrillFault[] { DrillFault.RESTART, DrillFault.LONG_RESTART,
				DrillFault.KILL_CONNECTIONS, DrillFault.SERVER_SHUTDOWN, DrillFault.SLOW_EXPORT, DrillFault.FAILOVER }) {
			int withStarter = starter.get(fault).errors();
			assertThat(withStarter == 0 || withStarter < plain.get(fault).errors())
				.as("%s: %d errors with the starter, %d without", fault, withStarter, plain.get(fault).errors())
				.isTrue();
		}
		assertThat(starter.get(DrillFault.LONG_RESTART).errors())
			.as("a restart shorter than the retry deadline costs retried callers nothing")
			.isZero();
		// The quick outage (4 s, plus the server's start and the probe's interval) ends near the
		// 5 s retry deadline: calls whose deadline did not cover the wait fail at their deadline,
		// where plain Spring Boot's callers wait on (docs/retry.md, "Measured")
		assertThat(starter.get(DrillFault.OUTAGE).longestWaitMillis()).as("no caller waits past the 5 s deadline")
			.isLessThanOrEqualTo(6000);
		assertThat(plain.get(DrillFault.FAILOVER).errors()).isPositive();
		assertThat(plain.get(DrillFault.SLOW_EXPORT).errors()).isPositive();
	}

}
