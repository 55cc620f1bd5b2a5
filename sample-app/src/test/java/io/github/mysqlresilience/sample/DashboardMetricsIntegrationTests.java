package io.github.mysqlresilience.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mysqlresilience.test.EmbeddedMySqlServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * After real faults (a duplicate key, a KILL of every connection retried by a read), the
 * Prometheus output of the running sample holds every metric the Grafana dashboard
 * queries: the dashboard cannot drift from the meters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DashboardMetricsIntegrationTests.Reads.class)
class DashboardMetricsIntegrationTests {

	private static final Path DASHBOARD = Path.of("../docs/grafana/mysql-resilience.json");

	private static final Pattern METRIC = Pattern.compile("\\b((?:mysql|hikaricp)_[a-z_]+)\\b");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EmbeddedMySqlServer server;

	@Autowired
	private Reads reads;

	@Test
	void everyMetricOfTheDashboardIsScraped() throws Exception {
		String insert = "INSERT INTO transfer (idempotency_key, from_account, to_account, amount) VALUES ('dash', 1, 2, 1)";
		this.jdbc.update(insert);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.jdbc.update(insert));
		this.reads.count();
		this.server.killConnections(this.server.applicationCredentials().username());
		assertThat(this.reads.count()).isEqualTo(1);
		String scrape = get("/actuator/prometheus");
		Set<String> missing = new TreeSet<>();
		for (String metric : dashboardMetrics()) {
			if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(scrape).find()) {
				missing.add(metric);
			}
		}
		assertThat(dashboardMetrics()).contains("mysql_errors_total", "mysql_pool_outage", "hikaricp_connections_active");
		assertThat(missing).as("dashboard metrics missing from /actuator/prometheus").isEmpty();
		assertThat(scrape).contains("mysql_errors_total{application=\"mysql-resilience-sample\",category=\"DUPLICATE_KEY\"");
	}

	private Set<String> dashboardMetrics() throws IOException {
		Set<String> metrics = new TreeSet<>();
		Matcher matcher = METRIC.matcher(Files.readString(DASHBOARD));
		while (matcher.find()) {
			metrics.add(matcher.group(1));
		}
		return metrics;
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/**
	 * A read with the MySQL-aware retry, in a read-only transaction.
	 */
	static class Reads {

		private final JdbcTemplate jdbc;

		Reads(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Retryable
		@Transactional(readOnly = true)
		public int count() {
			Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM transfer WHERE idempotency_key = 'dash'",
					Integer.class);
			return (count != null) ? count : 0;
		}

	}

}
