package io.github.mysqlresilience.retry;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.autoconfigure.MySqlMetricsAutoConfiguration;
import io.github.mysqlresilience.metrics.MySqlMeters;
import io.github.mysqlresilience.pool.MySqlPoolListener;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL down for 20 s under 20 callers: no caller waits longer than the retry deadline,
 * the probe knocks instead of logging in, and once it has connected no call fails. A
 * restart shorter than the deadline costs a retried call nothing.
 */
@WithMySqlServer
@RequiresServerControl
class OutageIntegrationTests {

	private static final long OUTAGE_MILLIS = 20_000;

	private final MySqlTestServer server;

	OutageIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@Test
	void callersFailFastAndRecoverWhenTheServerIsBack() throws Exception {
		RetryTestApplication.createAccounts(this.server, 1);
		OutageInstants instants = new OutageInstants();
		try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress(this.server.host(), this.server.port()))) {
			RetryTestApplication.runner(this.server, proxy)
				.withBean(OutageInstants.class, () -> instants)
				.withBean(SimpleMeterRegistry.class)
				.withConfiguration(AutoConfigurations.of(MySqlMetricsAutoConfiguration.class))
				.run((context) -> {
					BankService bank = context.getBean(BankService.class);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					try (Load load = Load.start(20, () -> bank.balance(1), 20)) {
						Load.sleep(1000);
						long down = System.nanoTime();
						int acceptedBefore = proxy.acceptedConnections();
						double knocksBefore = probes(registry, "knock");
						this.server.stop();
						Load.sleep(OUTAGE_MILLIS);
						int accepted = proxy.acceptedConnections() - acceptedBefore;
						double knocks = probes(registry, "knock") - knocksBefore;
						this.server.start();
						long back = System.nanoTime();
						Load.sleep(3000);
						load.close();
						Load.Call first = load.firstSuccessAfter(back);
						List<Load.Call> duringOutage = load.calls()
							.stream()
							.filter((call) -> call.started() > down && call.ended() < back)
							.toList();
						long firstSuccess = (first != null) ? TimeUnit.NANOSECONDS.toMillis(first.ended() - back) : -1;
						long failedAfterBack = load.failures().stream().filter((call) -> call.ended() > back).count();
						// TCP connections the proxy accepted while the server was down, less the
						// probe's knocks (which only wait for a greeting): the logins tried
						long logins = accepted - Math.round(knocks);
						System.out.println("Outage (20 s): calls during the outage=" + duringOutage.size() + ", failed="
								+ duringOutage.stream().filter((call) -> call.failure() != null).count()
								+ ", failed after the server was back=" + failedAfterBack + ", connection attempts"
								+ " while down=" + logins + " logins + " + Math.round(knocks) + " knocks"
								+ ", longest call=" + load.longestCallMillis() + " ms, first success " + firstSuccess
								+ " ms after the server was back, outage mode ended "
								+ TimeUnit.NANOSECONDS.toMillis(instants.ended - back) + " ms after it");
						// The probe may see the server before its start() returns (it waits for a log line)
						assertThat(instants.ended).as("outage mode ended, once the server was up again")
							.isGreaterThan(down + TimeUnit.MILLISECONDS.toNanos(OUTAGE_MILLIS));
						assertThat(load.calls()
							.stream()
							.filter((call) -> call.started() > instants.ended && call.failure() != null))
							.as("calls started after the probe connected that failed")
							.isEmpty();
						assertThat(load.longestCallMillis()).as("no caller waits much longer than the 5 s deadline")
							.isLessThanOrEqualTo(5500);
						assertThat(logins).as("logins tried while the server was down (the knocks stand in for them)")
							.isLessThanOrEqualTo(30);
						assertThat(firstSuccess).as("first success after the server is back").isBetween(0L, 2000L);
					}
				});
		}
	}

	private static double probes(MeterRegistry registry, String kind) {
		return registry.find(MySqlMeters.POOL_PROBES).tag(MySqlMeters.KIND, kind).counters().stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * When outage mode ended, as the pool guard reports it.
	 */
	static final class OutageInstants implements MySqlPoolListener {

		volatile long ended;

		@Override
		public void onOutageMode(String pool, boolean active) {
			if (!active) {
				this.ended = System.nanoTime();
			}
		}

	}

	@Test
	void aRestartShorterThanTheDeadlineCostsNoErrorAndNoCallFailsOnceTheServerIsBack() throws Exception {
		RetryTestApplication.createAccounts(this.server, 1);
		RetryTestApplication.runner(this.server).run((context) -> {
			BankService bank = context.getBean(BankService.class);
			try (Load load = Load.start(20, () -> bank.balance(1), 20)) {
				Load.sleep(1000);
				this.server.stop();
				long down = System.nanoTime();
				Load.sleep(3000);
				this.server.start();
				long back = System.nanoTime();
				Load.sleep(2000);
				load.close();
				Load.Call first = load.firstSuccessAfter(back);
				System.out.println("Restart (down " + TimeUnit.NANOSECONDS.toMillis(back - down) + " ms): calls="
						+ load.calls().size() + ", errors=" + load.failures().size() + ", longest call="
						+ load.longestCallMillis() + " ms, first success "
						+ ((first != null) ? TimeUnit.NANOSECONDS.toMillis(first.ended() - back) : -1)
						+ " ms after the server was back");
				assertThat(load.failures()).as("errors surfaced to callers of a retried read during a restart "
						+ "shorter than the deadline").isEmpty();
			}
		});
	}

}
