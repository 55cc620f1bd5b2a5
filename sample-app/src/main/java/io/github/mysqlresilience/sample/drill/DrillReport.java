package io.github.mysqlresilience.sample.drill;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints the drill's results: one Markdown table per fault, plain Spring Boot beside the
 * starter.
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
	public static String format(Map<Boolean, Map<DrillFault, FaultResult>> results) {
		StringBuilder report = new StringBuilder();
		for (DrillFault fault : DrillFault.values()) {
			FaultResult plain = results.get(false).get(fault);
			FaultResult protectedResult = results.get(true).get(fault);
			report.append("\n### ").append(fault.title()).append("\n\n");
			report.append("| | plain Spring Boot | with the starter |\n|---|---:|---:|\n");
			for (Row row : ROWS) {
				report.append("| ").append(row.name()).append(" | ").append(row.value().apply(plain)).append(" | ")
					.append(row.value().apply(protectedResult)).append(" |\n");
			}
		}
		return report.toString();
	}

	private static final List<Row> ROWS = List.of(new Row("calls", (result) -> number(result.calls())),
			new Row("errors surfaced to callers", (result) -> number(result.errors())),
			new Row("of them after the fault ended (server back)", (result) -> number(result.errorsAfterFault())),
			new Row("writes lost", (result) -> number(result.writesLost())),
			new Row("writes duplicated", (result) -> number(result.writesDuplicated())),
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
