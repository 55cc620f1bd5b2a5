package io.github.mysqlresilience.commit;

import java.time.Duration;

/**
 * How commit outcomes are resolved.
 *
 * @param table the marker table, optionally with its schema
 * @param createTable whether to create the marker table if it does not exist
 * @param resolveTimeout how long a resolution may take in a call without a retry
 * deadline
 * @param retention how long markers are kept (longer than the longest resolution)
 * @param cleanupInterval how often old markers are deleted
 * @since 0.1.0
 */
public record CommitOutcomeSettings(String table, boolean createTable, Duration resolveTimeout, Duration retention,
		Duration cleanupInterval) {

	/**
	 * The defaults: table {@code mysql_resilience_commit_marker}, created if missing, 5 s
	 * to resolve outside a retried call, markers kept 1 hour, cleaned every minute.
	 */
	public static final CommitOutcomeSettings DEFAULTS = new CommitOutcomeSettings("mysql_resilience_commit_marker",
			true, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(1));

}
