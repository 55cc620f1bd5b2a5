package io.github.mysqlresilience.sample.drill;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints the drill's results: one Markdown table per fault, the setups side by side.
 *
 * @since 0.1.0
 */
public final class DrillReport {

	private DrillReport() {
	}

	/**
	 * Format the results.
	 * @param results the results, by protection and fault
	 * @return the tables
	 */
	public static String format(Map<Setup, Map<DrillFault, FaultResult>> results) {
		StringBuilder report = new StringBuilder();
		for (DrillFault fault : DrillFault.values()) {
			if (results.values().stream().anyMatch((setupResults) -> !setupResults.containsKey(fault))) {
				continue;
			}
			report.append("\n### ").append(fault.title()).append("\n\n|");
			StringBuilder rule = new StringBuilder("|---|");
			for (Setup setup : results.keySet()) {
				report.append(" | ").append(setup.title());
				rule.append("---:|");
			}
			report.append(" |\n").append(rule).append("\n");
			for (Row row : ROWS) {
				report.append("| ").append(row.name());
				for (Map<DrillFault, FaultResult> setupResults : results.values()) {
					report.append(" | ").append(row.value().apply(setupResults.get(fault)));
				}
				report.append(" |\n");
			}
		}
		return report.toString();
	}

	private static final List<Row> ROWS = List.of(new Row("calls", (result) -> number(result.calls())),
			new Row("errors surfaced to callers", (result) -> number(result.errors())),
			new Row("of them after the fault ended (server back)", (result) -> number(result.errorsAfterFault())),
			new Row("writes lost", (result) -> number(result.writesLost())),
			new Row("writes duplicated", (result) -> number(result.writesDuplicated())),
			new Row("writes failed but committed", (result) -> number(result.writesFailedButCommitted())),
			new Row("writes told \"outcome unknown\" (COMMIT lost, resolved later)",
					(result) -> number(result.writesOutcomeUnknown())),
			new Row("retries", (result) -> number(result.retries())),
			new Row("longest caller wait", (result) -> number(result.longestWaitMillis()) + " ms"),
			new Row("fault end to first success",
					(result) -> (result.recoveryMillis() >= 0) ? number(result.recoveryMillis()) + " ms" : "none"),
			new Row("connection attempts during the fault (logins)", (result) -> number(result.logins())),
			new Row("probe knocks during the fault (TCP, no login)", (result) -> number(result.knocks())));

	private static String number(long value) {
		return String.format("%,d", value);
	}

	private record Row(String name, Function<FaultResult, String> value) {
	}

}
