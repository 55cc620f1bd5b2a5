package io.github.mysqlresilience.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.mysqlresilience.autoconfigure.MySqlMetricsAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.autoconfigure.MySqlStreamingAutoConfiguration;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.RetrySafety;
import io.github.mysqlresilience.metrics.MySqlMeters;
import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.translate.MySqlBadSqlGrammarException;
import io.github.mysqlresilience.translate.MySqlStreamAbortedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The article's failure, reproduced with both drivers: 300,000 rows of 100 bytes
 * streamed, 10 rows read, a 10 s pause with {@code net_write_timeout = 2}: the server
 * drops the stream. The failure is {@code STREAM_ABORTED} with the diagnosis, counted,
 * never retried, and the poisoned connection does not go back to the pool.
 */
@WithMySqlServer
@ExtendWith(OutputCaptureExtension.class)
class StreamAbortIntegrationTests {

	private final MySqlTestServer server;

	StreamAbortIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTable() {
		BigTable.create(this.server, KeysetScannerIntegrationTests.ROWS);
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void slowConsumerAbortsTheStreamWithADiagnosis(JdbcDriver driver, CapturedOutput output) {
		String url = this.server.jdbcUrl(driver)
				+ ((driver == JdbcDriver.MYSQL_CONNECTOR_J) ? "?netTimeoutForStreamingResults=0" : "");
		runner(url).run((context) -> {
			StreamingReader reader = context.getBean(StreamingReader.class);
			AtomicLong read = new AtomicLong();
			MySqlStreamAbortedException aborted = catchThrowableOfType(MySqlStreamAbortedException.class, () -> {
				try (Stream<Long> rows = reader.stream("SELECT id, payload FROM big ORDER BY id",
						(result, row) -> result.getLong("id"))) {
					rows.forEach((id) -> {
						if (read.incrementAndGet() == 10) {
							KeysetScannerIntegrationTests.sleep(Duration.ofSeconds(10));
						}
					});
				}
			});
			assertThat(aborted).as("the stream was aborted").isNotNull();
			System.out.println("Stream abort [" + driver + "]: " + aborted.getMessage());
			assertThat(aborted.getMySqlError().category()).isEqualTo(MySqlErrorCategory.STREAM_ABORTED);
			assertThat(aborted.getMySqlError().retrySafety()).isEqualTo(RetrySafety.NEVER);
			assertThat(aborted.getMessage()).contains("net_write_timeout = 2 s")
				.contains("aborted after " + read.get() + " rows")
				.containsPattern("\\d+ s after the last row was read")
				.containsPattern("longest pause between two rows was 1\\d s");
			assertThat(read.get()).isBetween(10L, (long) KeysetScannerIntegrationTests.ROWS - 1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MySqlMeters.STREAM_ABORTS).tag(MySqlMeters.POOL, "streaming").counter().count())
				.isEqualTo(1);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class))
				.as("the next borrower gets a healthy connection").isEqualTo(1);
		});
		if (driver == JdbcDriver.MYSQL_CONNECTOR_J) {
			assertThat(output).contains("netTimeoutForStreamingResults=0");
		}
	}

	@ParameterizedTest
	@EnumSource(JdbcDriver.class)
	void failuresThatAreNotAbortsAreWhatTheyAre(JdbcDriver driver) {
		runner(this.server.jdbcUrl(driver)).run((context) -> {
			StreamingReader reader = context.getBean(StreamingReader.class);
			assertThatExceptionOfType(MySqlBadSqlGrammarException.class).isThrownBy(() -> {
				try (Stream<Long> rows = reader.stream("SELECT nope FROM big", (result, row) -> result.getLong(1))) {
					rows.forEach((id) -> {
					});
				}
			});
			Throwable mapperFailure = catchThrowable(() -> {
				try (Stream<String> rows = reader.stream("SELECT id FROM big ORDER BY id",
						(result, row) -> result.getString("missing_column"))) {
					rows.forEach((id) -> {
					});
				}
			});
			assertThat(mapperFailure).isInstanceOf(DataAccessException.class)
				.isNotInstanceOf(MySqlStreamAbortedException.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(MySqlMeters.STREAM_ABORTS).counters()).allMatch((counter) -> counter.count() == 0);
		});
	}

	private ApplicationContextRunner runner(String url) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					MySqlPoolAutoConfiguration.class, MySqlMetricsAutoConfiguration.class,
					MySqlStreamingAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("spring.datasource.url=" + url,
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + this.server.applicationCredentials().password(),
					"spring.datasource.hikari.pool-name=streaming", "spring.datasource.hikari.maximum-pool-size=1",
					"spring.datasource.hikari.connection-init-sql=SET SESSION net_write_timeout = 2");
	}

}
