package io.github.mysqlresilience.health;

import io.github.mysqlresilience.commit.CommitOutcomes;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows how many commits lost in flight the background resolver still looks for: their
 * callers were told the outcome is unknown, and the answer will be logged. Up while there
 * are none, unknown otherwise.
 *
 * @since 0.1.0
 */
public class CommitOutcomeHealthIndicator implements HealthIndicator {

	private final CommitOutcomes outcomes;

	/**
	 * Create an indicator.
	 * @param outcomes the commit-outcome resolution
	 */
	public CommitOutcomeHealthIndicator(CommitOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	@Override
	public Health health() {
		int unresolved = this.outcomes.unresolved();
		return ((unresolved == 0) ? Health.up() : Health.unknown()).withDetail("unresolved", unresolved).build();
	}

}
