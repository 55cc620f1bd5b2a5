package io.github.mysqlresilience.autoconfigure;

import javax.sql.DataSource;

import io.github.mysqlresilience.batch.KeysetBatchItems;
import io.github.mysqlresilience.stream.KeysetScanners;
import io.github.mysqlresilience.stream.StreamingReader;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlStreamingAutoConfiguration} and
 * {@link MySqlBatchAutoConfiguration}.
 */
class MySqlStreamingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MySqlRetryAutoConfiguration.class,
				MySqlStreamingAutoConfiguration.class, MySqlBatchAutoConfiguration.class))
		.withBean("dataSource", DataSource.class, SimpleDriverDataSource::new)
		.withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()));

	@Test
	void scannersReaderAndBatchItems() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(StreamingReader.class)
				.hasSingleBean(KeysetScanners.class)
				.hasSingleBean(KeysetBatchItems.class);
			assertThat(context.getBean(KeysetScanners.class).forTable("orders", (result, row) -> row))
				.hasToString("KeysetScanner[table orders by [id], 25 ms per chunk]");
		});
	}

	@Test
	void chunkTimeFromProperty() {
		this.runner.withPropertyValues("mysql.resilience.stream.chunk-time=250ms")
			.run((context) -> assertThat(context.getBean(KeysetScanners.class).forTable("orders", (result, row) -> row))
				.hasToString("KeysetScanner[table orders by [id], 250 ms per chunk]"));
	}

	@Test
	void badChunkTimeFailsAtStartUpNamingTheProperty() {
		this.runner.withPropertyValues("mysql.resilience.stream.chunk-time=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mysql.resilience.stream.chunk-time must be from 1ms to 10s, not PT0S"));
	}

	@Test
	void backsOffToTheUsersScanners() {
		KeysetScanners own = new KeysetScanners(new JdbcTemplate(), null, java.time.Duration.ofSeconds(1));
		this.runner.withBean(KeysetScanners.class, () -> own)
			.run((context) -> assertThat(context.getBean(KeysetScanners.class)).isSameAs(own));
	}

	@Test
	void noBatchItemsWithoutSpringBatch() {
		this.runner.withClassLoader(new FilteredClassLoader(Partitioner.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(KeysetScanners.class)
				.doesNotHaveBean(KeysetBatchItems.class));
	}

	@Test
	void noScannersWithoutOneJdbcTemplate() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MySqlStreamingAutoConfiguration.class,
					MySqlBatchAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KeysetScanners.class)
				.doesNotHaveBean(KeysetBatchItems.class));
	}

}
