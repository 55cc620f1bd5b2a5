package io.github.mysqlresilience.sample.drill;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick drill with {@code spring.threads.virtual.enabled=true}, its callers on the
 * application's virtual-thread executor: every fault, with what the starter promises on
 * platform threads ({@link DrillIntegrationTests}): no write lost, duplicated or
 * failed-but-committed, a restart shorter than the deadline and a deadlock storm cost
 * nothing, no caller waits past the deadline.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadDrillIntegrationTests {

	@Test
	void theStarterKeepsItsPromisesOnVirtualThreads() {
		Drill.DrillOptions quick = Drill.DrillOptions.QUICK;
		Drill.DrillOptions options = quick.only(List.of(Setup.STARTER_VIRTUAL), List.of(DrillFault.values()));
		Map<DrillFault, FaultResult> results = Drill.run(options).get(Setup.STARTER_VIRTUAL);
		System.out.println(DrillReport.format(Map.of(Setup.STARTER_VIRTUAL, results)));
		for (DrillFault fault : DrillFault.values()) {
			FaultResult result = results.get(fault);
			assertThat(result.calls()).as("%s: calls", fault).isPositive();
			assertThat(result.writesLost()).as("%s: writes lost", fault).isZero();
			assertThat(result.writesDuplicated()).as("%s: writes duplicated", fault).isZero();
			assertThat(result.writesFailedButCommitted()).as("%s: writes failed but committed", fault).isZero();
			if (fault != DrillFault.OUTAGE) {
				// The quick drill's slack on platform threads: one error per fault
				assertThat(result.errors()).as("%s: errors", fault).isLessThanOrEqualTo(1);
				// Only an outage longer than the deadline leaves a lost COMMIT unresolved
				assertThat(result.writesOutcomeUnknown()).as("%s: writes told \"outcome unknown\"", fault).isZero();
			}
		}
		assertThat(results.get(DrillFault.LONG_RESTART).errors()).as("a restart shorter than the deadline").isZero();
		assertThat(results.get(DrillFault.CONTENTION).errors()).as("a deadlock storm").isZero();
		assertThat(results.get(DrillFault.OUTAGE).errors()).as("outage: at most one failure per caller")
			.isLessThanOrEqualTo(quick.callers());
		assertThat(results.get(DrillFault.OUTAGE).longestWaitMillis()).as("no caller waits past the 5 s deadline")
			.isLessThanOrEqualTo(6000);
	}

}
