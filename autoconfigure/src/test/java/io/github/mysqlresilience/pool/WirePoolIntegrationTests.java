package io.github.mysqlresilience.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.mysqlresilience.autoconfigure.MySqlMetricsAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.metrics.MySqlMeters;
import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.MySqlErrorPacket;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import io.github.mysqlresilience.translate.MySqlOnlyWireErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What the pool does with each MySQL-only error on the real wire, with both drivers: the
 * failure is counted once in {@code mysql.errors} with its category and code, the
 * connection is kept or evicted as the category says (or, for ProxySQL's 9001, as
 * HikariCP's own rule does: the connection to the proxy is fine), and the whole pool is evicted for
 * the categories that say the server went away or became read-only. An idle connection
 * that the server closes with an unsolicited error (4031, MySQL 8.0.24+) is replaced
 * without a caller noticing.
 */
@WithMySqlServer
class WirePoolIntegrationTests {

	private final MySqlTestServer server;

	private MySqlProtocolProxy proxy;

	WirePoolIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start(MySqlProtocolProxy proxy) {
		this.proxy = proxy;
	}

	static Stream<Arguments> mySqlOnlyErrors() {
		return MySqlOnlyWireErrors.withBothDrivers(
				(error) -> new Object[] { error.packet(), error.thenClose(), error.category() });
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("mySqlOnlyErrors")
	void countedOnceAndTheConnectionKeptOrEvictedAsTheCategorySays(JdbcDriver driver, MySqlErrorPacket packet,
			boolean thenClose, MySqlErrorCategory category) {
		Evictions evictions = new Evictions();
		runner(driver).withBean(Evictions.class, () -> evictions).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			long before = jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class);
			this.proxy.answerWithError("SELECT 42", packet, 1, thenClose);
			assertThat(catchThrowable(() -> jdbc.queryForObject("SELECT 42", Integer.class))).isNotNull();
			// Connector/J reports 4031 with code 0 (and the server's text)
			String code = (driver == JdbcDriver.MYSQL_CONNECTOR_J && packet.code() == 4031) ? "none"
					: Integer.toString(packet.code());
			assertThat(registry.find(MySqlMeters.ERRORS).tag(MySqlMeters.CATEGORY, category.name()).counters())
				.as("mysql.errors counters of the category")
				.singleElement()
				.satisfies((counter) -> {
					assertThat(counter.getId().getTag(MySqlMeters.CODE)).isEqualTo(code);
					assertThat(counter.count()).isEqualTo(1);
				});
			long after = jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class);
			// HikariCP's own rule, for the categories that leave the decision to it: an 08 SQLState
			// breaks the connection
			boolean kept = category.connectionFate() == MySqlErrorCategory.ConnectionFate.KEEP
					|| (category.connectionFate() == MySqlErrorCategory.ConnectionFate.POOL_DECIDES
							&& !packet.sqlState().startsWith("08"));
			if (kept && !thenClose && !category.evictsPool()) {
				assertThat(after).as("the same connection serves on").isEqualTo(before);
			}
			else {
				// Lost, or evicted with the whole pool (read-only: it may still point at the old primary)
				assertThat(after).as("a new connection").isNotEqualTo(before);
			}
			assertThat(evictions.pool()).as("pool-wide evictions").isEqualTo(category.evictsPool() ? 1 : 0);
		});
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void idleConnectionsClosedByTheServerAreReplacedWithoutACallerNoticing(JdbcDriver driver) {
		runner(driver).withPropertyValues("spring.datasource.hikari.maximum-pool-size=4").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isOne();
			Thread.sleep(600);
			assertThat(this.proxy.disconnectClients(MySqlErrorPacket.IDLE_DISCONNECT)).isPositive();
			// HikariCP checks a connection idle for more than 500 ms before it hands it out
			Thread.sleep(600);
			assertThat(jdbc.queryForObject("SELECT 2", Integer.class)).isEqualTo(2);
		});
	}

	private ApplicationContextRunner runner(JdbcDriver driver) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, MySqlPoolAutoConfiguration.class,
					MySqlMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues(
					"spring.datasource.url=" + driver.url(this.proxy.host(), this.proxy.port(), this.server.database()),
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + this.server.applicationCredentials().password(),
					"spring.datasource.hikari.maximum-pool-size=1");
	}

	/**
	 * Counts the pool-wide evictions.
	 */
	static final class Evictions implements MySqlPoolListener {

		private final List<PoolEviction> evictions = new CopyOnWriteArrayList<>();

		@Override
		public void onEviction(PoolEviction eviction) {
			this.evictions.add(eviction);
		}

		long pool() {
			return this.evictions.stream().filter((eviction) -> eviction.scope() == PoolEviction.Scope.POOL).count();
		}

	}

}
