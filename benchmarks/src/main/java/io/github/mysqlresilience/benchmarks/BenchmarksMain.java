package io.github.mysqlresilience.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks and writes docs/benchmarks.md: the machine, the versions, each
 * figure with its error, and the ratios against the alternatives, followed by the
 * streaming benchmark and the drill when their outputs are given.
 */
public final class BenchmarksMain {

	private BenchmarksMain() {
	}

	/**
	 * Run.
	 * @param args the output file, then optionally the streaming benchmark's and the
	 * drill's outputs
	 * @throws RunnerException if JMH fails
	 * @throws IOException if a file cannot be read or written
	 */
	public static void main(String[] args) throws RunnerException, IOException {
		Options options = new OptionsBuilder().include(RetryInterceptorBenchmark.class.getSimpleName())
			.include(TranslationBenchmark.class.getSimpleName())
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Map<String, Result<?>> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String params = result.getParams().getParamsKeys().stream()
				.map((key) -> result.getParams().getParam(key))
				.collect(Collectors.joining(", "));
			String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
			scores.put(params.isEmpty() ? name : name + " (" + params + ")", result.getPrimaryResult());
		}
		StringBuilder report = new StringBuilder();
		report.append("# Benchmarks\n\n");
		report.append("Written by `benchmarks/run.sh`; rerun it to refresh. Absolute times are only context: the goals are ")
			.append("ratios measured in one run.\n\n");
		report.append("| machine | |\n|---|---|\n");
		report.append("| processors | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
		report.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ')
			.append(System.getProperty("java.version")).append(" |\n");
		report.append("| OS | ").append(System.getProperty("os.name")).append(' ')
			.append(System.getProperty("os.version")).append(" |\n");
		report.append("| versions | Spring Boot 4.1.1, Spring Framework 7.0.9, spring-retry 2.0.13, Connector/J 9.7.0, JMH 1.37 |\n");
		report.append("| JMH | 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement, average time; ± is the 99.9 % confidence interval |\n\n");
		appendRetry(report, scores);
		appendTranslation(report, scores);
		if (args.length > 1) {
			appendSection(report, "## Keyset scanner vs streaming", Path.of(args[1]), "BENCHMARK");
		}
		if (args.length > 2) {
			appendDrill(report, Path.of(args[2]));
		}
		Files.writeString(Path.of(args[0]), report.toString());
		System.out.println(report);
	}

	private static void appendRetry(StringBuilder report, Map<String, Result<?>> scores) {
		report.append("## Happy-path cost of `@Retryable`\n\n");
		report.append("A call that succeeds at once, with in-memory work only.\n\n");
		report.append("| call | ns/op | ± | above a plain call |\n|---|---:|---:|---:|\n");
		Result<?> plain = scores.get("plainCall");
		for (String name : List.of("plainCall", "mySqlAwareRetryable", "springFrameworkRetryable",
				"springRetryRetryable")) {
			Result<?> score = scores.get(name);
			if (score != null && plain != null) {
				report.append(String.format("| %s | %.1f | %.1f | %+.1f ns |%n", name, score.getScore(),
						score.getScoreError(), score.getScore() - plain.getScore()));
			}
		}
		Result<?> ours = scores.get("mySqlAwareRetryable");
		Result<?> spring = scores.get("springFrameworkRetryable");
		if (ours != null && spring != null && plain != null) {
			double above = ours.getScore() - plain.getScore();
			report.append(String.format("%nMySQL-aware / Spring Framework's plain `@Retryable`: **%.2f** (goal: at most 1). ",
					ours.getScore() / spring.getScore()));
			report.append(String.format("Above a plain call: **%.0f ns** (goal: under 1,000 ns).%n%n", above));
		}
	}

	private static void appendTranslation(StringBuilder report, Map<String, Result<?>> scores) {
		report.append("## Classification and translation\n\n");
		report.append("| chain | `MySqlErrors.classify` | `MySqlExceptionTranslator` | Spring's default | translator ratio |\n");
		report.append("|---|---:|---:|---:|---:|\n");
		List<String> chains = new ArrayList<>();
		scores.keySet().stream().filter((key) -> key.startsWith("classify (")).forEach((key) -> chains.add(
				key.substring("classify (".length(), key.length() - 1)));
		for (String chain : chains) {
			Result<?> classify = scores.get("classify (" + chain + ")");
			Result<?> ours = scores.get("mySqlTranslator (" + chain + ")");
			Result<?> spring = scores.get("springDefaultTranslator (" + chain + ")");
			report.append(String.format("| %s | %.0f ± %.0f ns | %.0f ± %.0f ns | %.0f ± %.0f ns | %.2f |%n", chain,
					classify.getScore(), classify.getScoreError(), ours.getScore(), ours.getScoreError(),
					spring.getScore(), spring.getScoreError(), ours.getScore() / spring.getScore()));
		}
		report.append("\nGoal: classify + translate no slower than Spring's default translator (ratio at most 1). On the deep ")
			.append("chains Spring's default returns nothing at once (the outer exception has no SQLState it knows, and it ")
			.append("does not look further), so JdbcTemplate would throw `UncategorizedSQLException`: its time there is ")
			.append("the cost of giving up, not of an answer.\n\n");
	}

	private static void appendSection(StringBuilder report, String title, Path output, String marker)
			throws IOException {
		report.append(title).append("\n\n```\n");
		for (String line : Files.readAllLines(output)) {
			if (line.contains(marker)) {
				report.append(line.substring(line.indexOf(marker))).append('\n');
			}
		}
		report.append("```\n\n");
	}

	private static void appendDrill(StringBuilder report, Path output) throws IOException {
		report.append("## Outage benchmark: the drill\n\n");
		for (String line : Files.readAllLines(output)) {
			if (line.startsWith("|") || line.startsWith("###")) {
				report.append(line).append('\n');
			}
		}
		report.append('\n');
	}

}
