package io.github.mysqlresilience.metrics;

import java.time.Duration;
import java.util.Locale;

import io.github.mysqlresilience.commit.CommitOutcome;
import io.github.mysqlresilience.commit.CommitOutcomeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts the outcomes of commits lost in flight ({@value MySqlMeters#COMMIT_OUTCOME}) and
 * times their resolution ({@value MySqlMeters#COMMIT_OUTCOME_RESOLUTION}).
 *
 * @since 0.1.0
 */
public class MySqlCommitOutcomeMetrics implements CommitOutcomeListener {

	private final MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the registry
	 */
	public MySqlCommitOutcomeMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onCommitOutcome(CommitOutcome outcome, Duration took, boolean late) {
		String result = outcome.name().toLowerCase(Locale.ROOT);
		String when = late ? "background" : "call";
		Counter.builder(MySqlMeters.COMMIT_OUTCOME)
			.description("Outcomes of commits lost in flight, as the commit-outcome resolution found them")
			.tag(MySqlMeters.RESULT, result)
			.tag(MySqlMeters.WHEN, when)
			.register(this.registry)
			.increment();
		Timer.builder(MySqlMeters.COMMIT_OUTCOME_RESOLUTION)
			.description("Time to resolve the outcome of a commit lost in flight")
			.tag(MySqlMeters.RESULT, result)
			.tag(MySqlMeters.WHEN, when)
			.register(this.registry)
			.record(took);
	}

}
