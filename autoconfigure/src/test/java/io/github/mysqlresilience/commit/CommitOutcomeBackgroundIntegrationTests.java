package io.github.mysqlresilience.commit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.health.CommitOutcomeHealthIndicator;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What the commit-outcome resolution does when it cannot tell in time, and how it cleans
 * up: a COMMIT lost in flight whose resolver cannot reach the server within the budget
 * fails with the marker id, and the background resolver finds the answer later, reports
 * it and clears the health indicator; markers older than the retention are deleted, newer
 * ones kept.
 */
@WithMySqlServer
class CommitOutcomeBackgroundIntegrationTests {

	private final MySqlTestServer server;

	private MySqlProtocolProxy proxy;

	CommitOutcomeBackgroundIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start(MySqlProtocolProxy proxy) {
		this.server.execute("DROP TABLE IF EXISTS app.mysql_resilience_commit_marker",
				new CommitMarkers("app.mysql_resilience_commit_marker").ddl(), "DROP TABLE IF EXISTS app.entry",
				"CREATE TABLE app.entry (id INT PRIMARY KEY) ENGINE=InnoDB");
		this.proxy = proxy;
	}

	@Test
	void anOutcomeNotKnownInTimeFailsWithTheMarkerAndIsResolvedInTheBackground() {
		Outcomes outcomes = new Outcomes();
		runner().withBean(Outcomes.class, () -> outcomes)
			.withPropertyValues("mysql.resilience.commit-outcome.resolve-timeout=300ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
				CommitOutcomes commitOutcomes = context.getBean(CommitOutcomes.class);
				CommitOutcomeHealthIndicator health = new CommitOutcomeHealthIndicator(commitOutcomes);
				// Write a marker once, so that the session's identity is known before the cut
				transactions.executeWithoutResult((status) -> jdbc.update("INSERT INTO entry VALUES (1)"));
				this.proxy.cutAfterExecution("^COMMIT", 1);
				// The resolver's first look at the server gets no answer before its budget ends
				this.proxy.delayAnswer("CONNECTION_ID", null, 1);
				Throwable failure = catchThrowable(
						() -> transactions.executeWithoutResult((status) -> jdbc.update("INSERT INTO entry VALUES (2)")));
				CommitOutcomeUnknownException unknown = find(failure, CommitOutcomeUnknownException.class);
				assertThat((Throwable) unknown).as("the failure carries the marker").isNotNull();
				assertThat(unknown.getMarkerId()).matches("[0-9a-f-]{36}");
				assertThat(outcomes.seen).first().isEqualTo("UNRESOLVED call");
				await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.seen.contains("COMMITTED background"));
				assertThat(commitOutcomes.unresolved()).isZero();
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				assertThat(count("SELECT COUNT(*) FROM app.entry WHERE id = 2")).as("it had committed").isOne();
			});
	}

	@Test
	void markersOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
		this.server.execute(
				"INSERT INTO app.mysql_resilience_commit_marker (id, created) SELECT UNHEX(REPLACE(UUID(), '-', '')),"
						+ " NOW(6) - INTERVAL 2 HOUR FROM seq_1_to_2500",
				"INSERT INTO app.mysql_resilience_commit_marker (id) SELECT UNHEX(REPLACE(UUID(), '-', '')) FROM seq_1_to_3");
		runner().withPropertyValues("mysql.resilience.commit-outcome.retention=1m",
				"mysql.resilience.commit-outcome.cleanup-interval=100ms")
			.run((context) -> {
				// The first connection starts the clean-up
				context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> count("SELECT COUNT(*) FROM app.mysql_resilience_commit_marker") == 3);
			});
	}

	private long count(String sql) {
		return this.server.withAdminConnection((connection) -> {
			try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
				result.next();
				return result.getLong(1);
			}
		});
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth++ < 32; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					TransactionAutoConfiguration.class, MySqlPoolAutoConfiguration.class))
			.withPropertyValues(
					"spring.datasource.url=jdbc:mysql://" + this.proxy.host() + ":" + this.proxy.port() + "/"
							+ this.server.database() + "?socketTimeout=1000&connectTimeout=1000",
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + this.server.applicationCredentials().password(),
					"mysql.resilience.commit-outcome.enabled=true",
					"mysql.resilience.commit-outcome.create-table=false");
	}

	/**
	 * Records the outcomes reported.
	 */
	static final class Outcomes implements CommitOutcomeListener {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public void onCommitOutcome(CommitOutcome outcome, Duration took, boolean late) {
			this.seen.add(outcome + (late ? " background" : " call"));
		}

	}

}
