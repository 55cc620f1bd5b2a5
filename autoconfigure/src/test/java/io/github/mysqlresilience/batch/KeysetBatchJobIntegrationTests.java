package io.github.mysqlresilience.batch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.stream.KeysetScanner;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partitioned Spring Batch job with local workers reads a table through
 * {@link KeysetPartitioner} and {@link KeysetItemReader}, with a JDBC job repository on
 * the real server. The first run fails mid-way in two partitions (a writer failure, as a
 * crash leaves it: the chunk under way rolled back, the others committed with their
 * reader's resume token); the restart reads each failed partition from its last
 * committed token. Every row is written exactly once (the target table's primary key
 * would refuse a second write, failing the job).
 */
@WithMySqlServer
class KeysetBatchJobIntegrationTests {

	static final int ROWS = 40_000;

	static final Set<Long> CRASH_AT = ConcurrentHashMap.newKeySet();

	private final MySqlTestServer server;

	private AnnotationConfigApplicationContext context;

	KeysetBatchJobIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTables() {
		this.server.execute("DROP TABLE IF EXISTS app.source_rows", "DROP TABLE IF EXISTS app.processed",
				"CREATE TABLE app.source_rows (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(20) NOT NULL)",
				"INSERT INTO app.source_rows SELECT seq * 7, CONCAT('row ', seq) FROM seq_1_to_" + ROWS,
				"CREATE TABLE app.processed (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(20) NOT NULL)",
				"DROP TABLE IF EXISTS app.BATCH_STEP_EXECUTION_CONTEXT", "DROP TABLE IF EXISTS app.BATCH_JOB_EXECUTION_CONTEXT",
				"DROP TABLE IF EXISTS app.BATCH_STEP_EXECUTION", "DROP TABLE IF EXISTS app.BATCH_JOB_EXECUTION_PARAMS",
				"DROP TABLE IF EXISTS app.BATCH_JOB_EXECUTION", "DROP TABLE IF EXISTS app.BATCH_JOB_INSTANCE",
				"DROP TABLE IF EXISTS app.BATCH_STEP_EXECUTION_SEQ", "DROP TABLE IF EXISTS app.BATCH_JOB_EXECUTION_SEQ",
				"DROP TABLE IF EXISTS app.BATCH_JOB_INSTANCE_SEQ");
		// Connector/J reports MySQL, so Spring Batch uses its MySQL dialect and schema
		new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-mysql.sql"))
			.execute(adminDataSource());
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(MySqlTestServer.class, () -> this.server);
		this.context.register(PartitionedJob.class);
		this.context.refresh();
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		CRASH_AT.clear();
	}

	@Test
	void failedPartitionedJobRestartsAndProcessesEveryRowExactlyOnce() throws Exception {
		JobOperator operator = this.context.getBean(JobOperator.class);
		Job job = this.context.getBean(Job.class);
		JdbcTemplate jdbc = this.context.getBean(JdbcTemplate.class);
		// two of the four partitions fail mid-way: one early, one late in its slice
		CRASH_AT.addAll(List.of(7L * 1_234, 7L * 38_765));
		JobParameters parameters = new JobParametersBuilder().addString("run", "restart-test").toJobParameters();
		JobExecution first = operator.start(job, parameters);
		assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
		Integer writtenByFirstRun = jdbc.queryForObject("SELECT COUNT(*) FROM processed", Integer.class);
		assertThat(writtenByFirstRun).isBetween(1, ROWS - 1);
		assertThat(first.getStepExecutions().stream().filter((step) -> step.getStepName().startsWith("worker:"))
			.filter((step) -> step.getStatus() == BatchStatus.FAILED)).hasSize(2);

		JobExecution restart = operator.restart(first);

		assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> rerun = restart.getStepExecutions().stream()
			.filter((step) -> step.getStepName().startsWith("worker:"))
			.toList();
		assertThat(rerun).as("only the failed partitions run again").hasSize(2);
		assertThat(rerun.stream().mapToLong(StepExecution::getReadCount).sum())
			.as("the restart reads only what the first run did not commit")
			.isEqualTo(ROWS - writtenByFirstRun);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed", Integer.class)).isEqualTo(ROWS);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed p JOIN source_rows s ON s.id = p.id"
				+ " AND s.payload = p.payload", Integer.class)).isEqualTo(ROWS);
	}

	private DataSource adminDataSource() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.server.jdbcUrl());
		config.setUsername(this.server.adminCredentials().username());
		config.setPassword(this.server.adminCredentials().password());
		config.setMaximumPoolSize(1);
		HikariDataSource dataSource = new HikariDataSource(config);
		Runtime.getRuntime().addShutdownHook(new Thread(dataSource::close));
		return dataSource;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableBatchProcessing
	@EnableJdbcJobRepository
	static class PartitionedJob {

		@Bean(destroyMethod = "close")
		HikariDataSource dataSource(MySqlTestServer server) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(server.jdbcUrl());
			config.setUsername(server.applicationCredentials().username());
			config.setPassword(server.applicationCredentials().password());
			config.setMaximumPoolSize(10);
			return new HikariDataSource(config);
		}

		@Bean
		JdbcTransactionManager transactionManager(DataSource dataSource) {
			return new JdbcTransactionManager(dataSource);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		KeysetScanner<String[]> rows(JdbcTemplate jdbc) {
			return KeysetScanner.forTable(jdbc, "source_rows",
					(result, row) -> new String[] { result.getString("id"), result.getString("payload") });
		}

		@Bean
		@StepScope
		KeysetItemReader<String[]> reader(KeysetScanner<String[]> rows) {
			return new KeysetItemReader<>("rows", rows);
		}

		@Bean
		ItemWriter<String[]> writer(JdbcTemplate jdbc) {
			return (chunk) -> {
				for (String[] row : chunk) {
					if (CRASH_AT.remove(Long.parseLong(row[0]))) {
						throw new IllegalStateException("Crash while writing row " + row[0]);
					}
				}
				List<Object[]> values = new java.util.ArrayList<>();
				for (String[] row : chunk) {
					values.add(new Object[] { Long.parseLong(row[0]), row[1] });
				}
				jdbc.batchUpdate("INSERT INTO processed (id, payload) VALUES (?, ?)", values);
			};
		}

		@Bean
		Step worker(JobRepository repository, PlatformTransactionManager transactionManager,
				KeysetItemReader<String[]> reader, ItemWriter<String[]> writer) {
			return new StepBuilder("worker", repository).<String[], String[]>chunk(250)
				.transactionManager(transactionManager)
				.reader(reader)
				.writer(writer)
				.build();
		}

		@Bean
		Step manager(JobRepository repository, Step worker, KeysetScanner<String[]> rows) {
			return new StepBuilder("manager", repository).partitioner("worker", new KeysetPartitioner("rows", rows))
				.step(worker)
				.gridSize(4)
				.taskExecutor(new SimpleAsyncTaskExecutor("partition-"))
				.build();
		}

		@Bean
		Job job(JobRepository repository, Step manager) {
			return new JobBuilder("keysetScanJob", repository).start(manager).build();
		}

	}

}
