package io.github.mysqlresilience.sample.drill;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.mysqlresilience.sample.EmbeddedDatabaseInitializer;
import io.github.mysqlresilience.sample.SampleApplication;
import io.github.mysqlresilience.sample.bank.TransferService;
import io.github.mysqlresilience.stream.KeysetScanner;
import io.github.mysqlresilience.test.EmbeddedMySqlServer;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import io.github.mysqlresilience.test.proxy.MySqlErrorPacket;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * The resilience drill: a workload of concurrent transfers and reads, into which the
 * faults of the articles are injected one after another (restarts, KILL, KILL QUERY, a
 * MySQL shutdown's 1053 on the wire, an outage, a slow streaming export, a failover to a
 * read-only primary behind the fault proxy), once with plain Spring Boot and once with
 * the starter, and a contention storm of transfers in opposite orders, three times:
 * plain Spring Boot, plain Spring Boot with Spring's own {@code @Retryable}, and the
 * starter. Two embedded servers, nothing to install.
 *
 * @since 0.1.0
 */
public final class Drill {

	private final DrillOptions options;

	/**
	 * The protocol-aware proxy between the application and the fault proxy, which injects
	 * MySQL-only errors on the wire.
	 */
	private @Nullable MySqlProtocolProxy wire;

	/**
	 * What each setup saw during each fault, for the pictures.
	 */
	private final Map<DrillFault, Map<Setup, DrillChart.Timeline>> timelines = new EnumMap<>(DrillFault.class);

	/**
	 * The failures of the last setup's run of each fault, by kind, for the progress output.
	 */
	private final Map<DrillFault, Map<String, Long>> failures = new EnumMap<>(DrillFault.class);

	private Drill(DrillOptions options) {
		this.options = options;
	}

	/**
	 * Run the drill.
	 * @param options how long and how loud
	 * @return the results, by protection and fault
	 */
	public static Map<Setup, Map<DrillFault, FaultResult>> run(DrillOptions options) {
		return new Drill(options).run();
	}

	private Map<Setup, Map<DrillFault, FaultResult>> run() {
		progress("Starting two embedded MariaDB servers (primary and failover target)...");
		Map<Setup, Map<DrillFault, FaultResult>> results = new EnumMap<>(Setup.class);
		try (EmbeddedMySqlServer primary = EmbeddedMySqlServer.launch();
				EmbeddedMySqlServer secondary = EmbeddedMySqlServer.launch();
				FaultProxy proxy = FaultProxy.start(address(primary), address(secondary));
				MySqlProtocolProxy wire = MySqlProtocolProxy.start(new InetSocketAddress(proxy.host(), proxy.port()))) {
			this.wire = wire;
			for (Setup setup : this.options.setups()) {
				prepare(primary, secondary, proxy);
				results.put(setup, runAll(setup, primary, secondary, proxy));
			}
			Path charts = this.options.charts();
			if (charts != null) {
				this.timelines.forEach((fault, timelines) -> DrillChart.write(charts, fault, timelines));
				progress("Pictures of each fault in " + charts.toAbsolutePath());
			}
		}
		return results;
	}

	private Map<DrillFault, FaultResult> runAll(Setup setup, EmbeddedMySqlServer primary,
			EmbeddedMySqlServer secondary, FaultProxy proxy) {
		String mode = setup.title();
		progress("Run " + mode + ": starting the application...");
		Map<DrillFault, FaultResult> results = new EnumMap<>(DrillFault.class);
		try (ConfigurableApplicationContext context = application(setup, primary, proxy)) {
			for (DrillFault fault : this.options.faults()) {
				FaultResult result = runFault(fault, setup, context, primary, secondary, proxy);
				results.put(fault, result);
				if (result.errors() > 0 && setup.withStarter()) {
					progress("    failures: " + failures.get(fault));
				}
				progress(String.format(
						"  [%s] %-40s %,6d calls, %,4d errors (%,d after), %d lost, %d duplicated, longest wait %,d ms,"
								+ " %,d logins + %,d knocks during the fault",
						mode, fault.title(), result.calls(), result.errors(), result.errorsAfterFault(),
						result.writesLost(), result.writesDuplicated(), result.longestWaitMillis(), result.logins(),
						result.knocks()));
			}
		}
		return results;
	}

	private FaultResult runFault(DrillFault fault, Setup setup, ConfigurableApplicationContext context,
			EmbeddedMySqlServer primary, EmbeddedMySqlServer secondary, FaultProxy proxy) {
		TransferService bank = context.getBean(TransferService.class);
		String keys = setup.name().toLowerCase(java.util.Locale.ROOT) + "-" + fault.name();
		long retriesBefore = retries(context);
		int acceptedBefore = proxy.acceptedConnections();
		long knocksBefore = knocks(context);
		int logins;
		long knocks;
		long faultStart;
		long faultEnd;
		ExportResult export = new ExportResult();
		List<Workload.Call> calls;
		long origin = System.nanoTime();
		Executor callers = (setup == Setup.STARTER_VIRTUAL)
				? context.getBean("applicationTaskExecutor", Executor.class) : null;
		try (Workload workload = new Workload(bank, this.options.callers(), keys, callers)) {
			Workload.pause(this.options.warmUp().toMillis());
			faultStart = System.nanoTime();
			switch (fault) {
				case RESTART -> primary.restart();
				case LONG_RESTART -> {
					primary.stop();
					Workload.pause(3500);
					primary.start();
				}
				case KILL_CONNECTIONS -> primary.killConnections(primary.applicationCredentials().username());
				case KILL_QUERIES -> primary.killQueries(primary.applicationCredentials().username());
				case SERVER_SHUTDOWN -> {
					// As a shutting-down MySQL: its idle clients get 1053 and are closed, the busy
					// ones once their answer is sent, and every new statement is answered 1053
					wire().answerWithError("", MySqlErrorPacket.SERVER_SHUTDOWN, -1, true);
					wire().disconnectClients(MySqlErrorPacket.SERVER_SHUTDOWN);
					Workload.pause(1000);
					wire().clearRules();
				}
				case OUTAGE -> {
					primary.stop();
					Workload.pause(this.options.outage().toMillis());
					primary.start();
				}
				case SLOW_EXPORT -> export = export(context, setup.withStarter());
				case CONTENTION -> workload.contention(this.options.contention());
				case FAILOVER -> {
					primary.setReadOnly(true);
					proxy.routeTo(1);
				}
			}
			faultEnd = System.nanoTime();
			knocks = knocks(context) - knocksBefore;
			logins = (int) (proxy.acceptedConnections() - acceptedBefore - knocks);
			Workload.pause(this.options.observe().toMillis());
			workload.close();
			Assert.state(setup != Setup.STARTER_VIRTUAL || workload.virtualCallers() == this.options.callers(),
					"The callers did not run on virtual threads");
			List<Workload.Call> all = workload.calls();
			this.timelines.computeIfAbsent(fault, (key) -> new EnumMap<>(Setup.class))
				.put(setup, new DrillChart.Timeline(origin, faultStart, faultEnd, System.nanoTime(), all));
			calls = all.stream().filter((call) -> call.ended() >= faultStart).toList();
		}
		Set<String> acknowledged = new HashSet<>();
		calls.stream().filter((call) -> call.transferKey() != null).forEach((call) -> acknowledged.add(call.transferKey()));
		Set<String> onPrimary = transferKeys(primary, keys);
		Set<String> onSecondary = transferKeys(secondary, keys);
		int lost = (int) acknowledged.stream()
			.filter((key) -> !onPrimary.contains(key) && !onSecondary.contains(key))
			.count();
		int duplicated = (int) onPrimary.stream().filter(onSecondary::contains).count();
		// Deposits carry no idempotency key: each reference should be on the servers exactly
		// once if acknowledged, and not at all if its caller got an error
		Map<String, Integer> deposits = depositReferences(primary, keys);
		depositReferences(secondary, keys).forEach((reference, count) -> deposits.merge(reference, count, Integer::sum));
		lost += (int) calls.stream()
			.filter((call) -> call.succeeded() && call.depositReference() != null)
			.filter((call) -> !deposits.containsKey(call.depositReference()))
			.count();
		duplicated += (int) deposits.values().stream().filter((count) -> count > 1).count();
		// A caller told its COMMIT's outcome was not known yet (the resolution goes on in the
		// background) was not told its write failed
		int failedButCommitted = (int) calls.stream()
			.filter((call) -> !call.succeeded() && !call.outcomeUnknown() && call.depositReference() != null)
			.filter((call) -> deposits.containsKey(call.depositReference()))
			.count();
		int outcomeUnknown = (int) calls.stream().filter(Workload.Call::outcomeUnknown).count();
		int errors = (int) calls.stream().filter((call) -> !call.succeeded()).count() + export.errors;
		long longest = Math.max(export.millis, calls.stream().mapToLong(Workload.Call::millis).max().orElse(0));
		long recovery = calls.stream()
			.filter((call) -> call.succeeded() && call.ended() >= faultEnd)
			.mapToLong((call) -> TimeUnit.NANOSECONDS.toMillis(call.ended() - faultEnd))
			.min()
			.orElse(-1);
		int errorsAfter = (int) calls.stream().filter((call) -> !call.succeeded() && call.ended() > faultEnd).count();
		this.failures.put(fault, calls.stream()
			.filter((call) -> call.failure() != null)
			.collect(java.util.stream.Collectors.groupingBy(Workload.Call::failure, java.util.TreeMap::new,
					java.util.stream.Collectors.counting())));
		return new FaultResult(calls.size() + export.calls, errors, lost, duplicated,
				retries(context) - retriesBefore, longest, recovery, errorsAfter, logins, (int) knocks,
				failedButCommitted, outcomeUnknown);
	}

	/**
	 * Export the ledger (300,000 rows of 100 bytes, more than the socket buffers hold)
	 * with a consumer that pauses longer than {@code net_write_timeout} (2 s here):
	 * plainly, with one streaming query; with the starter, with the keyset scanner.
	 */
	private ExportResult export(ConfigurableApplicationContext context, boolean protectedRun) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		ExportResult result = new ExportResult();
		result.calls = 1;
		AtomicLong rows = new AtomicLong();
		long started = System.nanoTime();
		try (Stream<Long> ledger = protectedRun
				? KeysetScanner.forTable(jdbc, "ledger", (row, number) -> row.getLong("id")).chunkSize(1000).stream()
				: jdbc.queryForStream((connection) -> {
					PreparedStatement statement = connection.prepareStatement("SELECT id, entry FROM ledger ORDER BY id",
							ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
					statement.setFetchSize(Integer.MIN_VALUE);
					return statement;
				}, (row, number) -> row.getLong("id"))) {
			ledger.forEach((id) -> {
				if (rows.incrementAndGet() == 10) {
					Workload.pause(this.options.exportPause().toMillis());
				}
			});
			if (rows.get() != this.options.ledgerRows()) {
				result.errors = 1;
			}
		}
		catch (RuntimeException ex) {
			result.errors = 1;
		}
		result.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		return result;
	}

	private ConfigurableApplicationContext application(Setup setup, MySqlTestServer primary,
			FaultProxy proxy) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", "jdbc:mysql://" + wire().host() + ":" + wire().port() + "/"
				+ primary.database() + "?connectTimeout=2000&netTimeoutForStreamingResults=0");
		properties.put("spring.datasource.username", primary.applicationCredentials().username());
		properties.put("spring.datasource.password", primary.applicationCredentials().password());
		properties.put("spring.datasource.hikari.connection-init-sql", "SET SESSION net_write_timeout = 2");
		properties.put("spring.sql.init.mode", "never");
		properties.put("logging.level.root", "ERROR");
		properties.put("spring.main.banner-mode", "off");
		if (setup == Setup.PLAIN) {
			properties.put("sample.spring-retry.enabled", "false");
		}
		if (setup == Setup.STARTER_VIRTUAL) {
			properties.put("spring.threads.virtual.enabled", "true");
		}
		if (!setup.withStarter()) {
			properties.put("mysql.resilience.translation.enabled", "false");
			properties.put("mysql.resilience.retry.enabled", "false");
			properties.put("mysql.resilience.pool.enabled", "false");
		}
		// As command-line arguments, so that they win over application.properties
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class)
			.main(SampleApplication.class)
			.logStartupInfo(false);
		boolean serving = this.options.metricsPort() > 0 && setup.withStarter();
		if (serving) {
			arguments = Stream.concat(Stream.of(arguments), Stream.of("--server.port=" + this.options.metricsPort()))
				.toArray(String[]::new);
		}
		if (setup != Setup.STARTER_AOT) {
			return application.web(serving ? WebApplicationType.SERVLET : WebApplicationType.NONE).run(arguments);
		}
		// The application's bean definitions as generated at build time: the conditions
		// were evaluated then, with the starter and a web server on, so only the starter's
		// setup runs so, as the web application it was processed as (on a free port)
		arguments = Stream.concat(Stream.of(arguments), Stream.of("--server.port=0")).toArray(String[]::new);
		String enabled = System.getProperty(AotDetector.AOT_ENABLED);
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			ConfigurableApplicationContext context = application.run(arguments);
			Assert.state(!(context instanceof AnnotationConfigApplicationContext),
					"The application did not start from its ahead-of-time generated initializer");
			return context;
		}
		finally {
			if (enabled != null) {
				System.setProperty(AotDetector.AOT_ENABLED, enabled);
			}
			else {
				System.clearProperty(AotDetector.AOT_ENABLED);
			}
		}
	}

	private void prepare(EmbeddedMySqlServer primary, EmbeddedMySqlServer secondary, FaultProxy proxy) {
		proxy.reset();
		wire().clearRules();
		primary.setReadOnly(false);
		for (EmbeddedMySqlServer server : List.of(primary, secondary)) {
			// The ledger is only read (by the export): filled once, kept for the next setup
			server.execute("DROP TABLE IF EXISTS app.transfer", "DROP TABLE IF EXISTS app.account",
					"DROP TABLE IF EXISTS app.deposit", "DROP TABLE IF EXISTS app.mysql_resilience_commit_marker");
			EmbeddedDatabaseInitializer.createSchema(server);
			if (ledgerRows(server) != this.options.ledgerRows()) {
				server.execute("TRUNCATE TABLE app.ledger", "INSERT INTO app.ledger SELECT seq, REPEAT('x', 100) FROM"
						+ " seq_1_to_" + this.options.ledgerRows());
			}
		}
	}

	private static long ledgerRows(MySqlTestServer server) {
		return server.withAdminConnection((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM app.ledger");
					ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		});
	}

	private static Set<String> transferKeys(MySqlTestServer server, String prefix) {
		return server.withAdminConnection((connection) -> {
			Set<String> keys = new HashSet<>();
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT idempotency_key FROM app.transfer WHERE idempotency_key LIKE ?")) {
				statement.setString(1, prefix + "-%");
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						keys.add(result.getString(1));
					}
				}
			}
			return keys;
		});
	}

	private static Map<String, Integer> depositReferences(MySqlTestServer server, String prefix) {
		return server.withAdminConnection((connection) -> {
			Map<String, Integer> references = new java.util.HashMap<>();
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT reference, COUNT(*) FROM app.deposit WHERE reference LIKE ? GROUP BY reference")) {
				statement.setString(1, prefix + "-%");
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						references.put(result.getString(1), result.getInt(2));
					}
				}
			}
			return references;
		});
	}

	private static long retries(ConfigurableApplicationContext context) {
		return (long) context.getBean(MeterRegistry.class)
			.find("mysql.retry.attempts")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * The outage probe's knocks so far: they reach the fault proxy as connections, but
	 * never log in.
	 */
	private static long knocks(ConfigurableApplicationContext context) {
		return (long) context.getBean(MeterRegistry.class)
			.find("mysql.pool.probes")
			.tag("kind", "knock")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private void progress(String message) {
		if (this.options.verbose()) {
			System.out.println(message);
		}
	}

	private MySqlProtocolProxy wire() {
		MySqlProtocolProxy wire = this.wire;
		if (wire == null) {
			throw new IllegalStateException("The drill is not running");
		}
		return wire;
	}

	private static InetSocketAddress address(MySqlTestServer server) {
		return new InetSocketAddress(server.host(), server.port());
	}

	/**
	 * What the export saw.
	 */
	private static final class ExportResult {

		int calls;

		int errors;

		long millis;

	}

	/**
	 * How long and how loud the drill is.
	 *
	 * @param callers concurrent callers
	 * @param warmUp how long the workload runs before each fault
	 * @param observe how long it runs after each fault
	 * @param outage how long the outage lasts
	 * @param exportPause the export consumer's pause
	 * @param ledgerRows rows of the exported ledger
	 * @param contention how long the contention storm lasts
	 * @param verbose whether to print progress
	 * @param charts where to write a picture of each fault, or {@code null} for none
	 * @param setups the applications to run, in order
	 * @param faults the faults to inject into each, in order
	 * @param metricsPort the port on which the starter's applications serve their actuator
	 * endpoints (Prometheus scrapes {@code /actuator/prometheus}), or 0 for none
	 */
	public record DrillOptions(int callers, Duration warmUp, Duration observe, Duration outage, Duration exportPause,
			int ledgerRows, Duration contention, boolean verbose, @Nullable Path charts, List<Setup> setups,
			List<DrillFault> faults, int metricsPort) {

		private static final List<Setup> COMPARED = List.of(Setup.PLAIN, Setup.SPRING_RETRY, Setup.STARTER);

		/**
		 * The full drill: 8 callers, a 20 s outage, 4 s of contention, every fault, plain
		 * Spring Boot, Spring's own retry and the starter.
		 */
		public static final DrillOptions FULL = new DrillOptions(8, Duration.ofSeconds(1), Duration.ofSeconds(3),
				Duration.ofSeconds(20), Duration.ofSeconds(4), 300_000, Duration.ofSeconds(4), true,
				Path.of("target", "drill"), COMPARED, List.of(DrillFault.values()), 0);

		/**
		 * The short drill, for tests: 4 callers, a 4 s outage, 2 s of contention.
		 */
		public static final DrillOptions QUICK = new DrillOptions(4, Duration.ofMillis(800), Duration.ofSeconds(2),
				Duration.ofSeconds(4), Duration.ofSeconds(4), 300_000, Duration.ofSeconds(2), true,
				Path.of("target", "drill"), COMPARED, List.of(DrillFault.values()), 0);

		public DrillOptions {
			setups = List.copyOf(setups);
			faults = List.copyOf(faults);
		}

		/**
		 * Return these options for other applications and faults, without pictures.
		 * @param setups the applications to run, in order
		 * @param faults the faults to inject into each, in order
		 * @return the options
		 */
		public DrillOptions only(List<Setup> setups, List<DrillFault> faults) {
			return new DrillOptions(this.callers, this.warmUp, this.observe, this.outage, this.exportPause,
					this.ledgerRows, this.contention, this.verbose, null, setups, faults, this.metricsPort);
		}

		/**
		 * Return these options with the starter's applications serving their actuator
		 * endpoints on the given port.
		 * @param port the port
		 * @return the options
		 */
		public DrillOptions servingMetricsOn(int port) {
			return new DrillOptions(this.callers, this.warmUp, this.observe, this.outage, this.exportPause,
					this.ledgerRows, this.contention, this.verbose, this.charts, this.setups, this.faults, port);
		}

	}

}
