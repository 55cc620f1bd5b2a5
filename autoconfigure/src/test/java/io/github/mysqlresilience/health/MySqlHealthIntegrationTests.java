package io.github.mysqlresilience.health;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.github.mysqlresilience.autoconfigure.MySqlHealthContributorAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mysql} health contributor on a real server: UP, OUT_OF_SERVICE while the
 * server is read-only, DOWN within its timeout when the network black-holes.
 */
@WithMySqlServer
class MySqlHealthIntegrationTests {

	private final MySqlTestServer server;

	MySqlHealthIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@AfterEach
	void writable() {
		this.server.setReadOnly(false);
	}

	@Test
	void readOnlyServerIsOutOfServiceForAWritingApplication() {
		try (FaultProxy proxy = proxy()) {
			runner(proxy).run((context) -> {
				HealthIndicator health = context.getBean("mysqlHealthContributor", HealthIndicator.class);
				Health up = health.health();
				assertThat(up.getStatus()).isEqualTo(Status.UP);
				assertThat(up.getDetails()).containsEntry("flavour", "MariaDB")
					.containsEntry("readOnly", false)
					.containsEntry("outageMode", false)
					.containsKeys("version", "pool", "lastDeadPoolEpisode");
				assertThat(up.getDetails().toString()).doesNotContain(this.server.applicationCredentials().password())
					.doesNotContain("jdbc:");
				this.server.setReadOnly(true);
				assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
				this.server.setReadOnly(false);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			});
		}
	}

	@Test
	void readOnlyServerIsUpForAReadingApplication() {
		try (FaultProxy proxy = proxy()) {
			runner(proxy).withPropertyValues("mysql.resilience.health.writable-expected=false").run((context) -> {
				this.server.setReadOnly(true);
				Health health = context.getBean("mysqlHealthContributor", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("readOnly", true);
			});
		}
	}

	@Test
	void blackHoleIsDownWithinTheTimeout() {
		try (FaultProxy proxy = proxy()) {
			runner(proxy).withPropertyValues("mysql.resilience.health.timeout=1s").run((context) -> {
				HealthIndicator health = context.getBean("mysqlHealthContributor", HealthIndicator.class);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				proxy.blackHole(true);
				long started = System.nanoTime();
				Health down = health.health();
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(took).isLessThan(Duration.ofSeconds(3));
				// End the fault before the pool closes: HikariCP's close waits for a login under
				// way, which the black hole holds for the login timeout (30 s)
				proxy.blackHole(false);
				proxy.cutConnections();
			});
		}
	}

	private FaultProxy proxy() {
		return FaultProxy.start(new InetSocketAddress(this.server.host(), this.server.port()));
	}

	private ApplicationContextRunner runner(FaultProxy proxy) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MySqlPoolAutoConfiguration.class, MySqlHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:mysql://" + proxy.host() + ":" + proxy.port() + "/app",
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + this.server.applicationCredentials().password());
	}

}
