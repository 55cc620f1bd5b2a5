package io.github.mysqlresilience.commit;

import java.time.Duration;

/**
 * Told of each commit whose outcome was resolved, for metrics and logs. Declare beans of
 * this type; callbacks must be quick and must not throw.
 *
 * @since 0.1.0
 */
public interface CommitOutcomeListener {

	/**
	 * Called when the outcome of a commit lost in flight is known, or given up on.
	 * @param outcome the outcome
	 * @param took how long the resolution took
	 * @param late whether the background resolver found it, after the call had failed
	 * with {@link CommitOutcome#UNRESOLVED}
	 */
	void onCommitOutcome(CommitOutcome outcome, Duration took, boolean late);

}
