package io.github.mysqlresilience.retry;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL down for 20 s under 20 callers: in outage mode callers fail fast, no caller waits
 * longer than the retry deadline, and connection attempts stay far below one per call.
 * When the server is back, the probe ends the outage within its interval.
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
		this.server.execute("DROP TABLE IF EXISTS app.account", "CREATE TABLE app.account (id BIGINT PRIMARY KEY,"
				+ " email VARCHAR(100), balance INT NOT NULL) ENGINE=InnoDB",
				"INSERT INTO app.account VALUES (1, 'alice@example.com', 1000)");
		try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress(this.server.host(), this.server.port()))) {
			RetryTestApplication.runner(this.server, proxy).run((context) -> {
				BankService bank = context.getBean(BankService.class);
				try (Load load = Load.start(20, () -> bank.balance(1), 20)) {
					Load.sleep(1000);
					long down = System.nanoTime();
					this.server.stop();
					Load.sleep(1000);
					int attemptsBefore = proxy.acceptedConnections();
					int callsBefore = load.calls().size();
					Load.sleep(OUTAGE_MILLIS - 1000);
					int attempts = proxy.acceptedConnections() - attemptsBefore;
					int calls = load.calls().size() - callsBefore;
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
					System.out.println("Outage: calls during the outage=" + duringOutage.size() + ", failed="
							+ duringOutage.stream().filter((call) -> call.failure() != null).count()
							+ ", connection attempts after the first second=" + attempts + " for " + calls
							+ " calls, longest call=" + load.longestCallMillis() + " ms, first success "
							+ firstSuccess + " ms after the server was back");
					assertThat(load.longestCallMillis()).as("no caller waits longer than the 5 s deadline")
						.isLessThanOrEqualTo(5500);
					assertThat((double) attempts / calls).as("connection attempts per call")
						.isLessThanOrEqualTo(1.2);
					assertThat(firstSuccess).as("first success after the server is back").isBetween(0L, 2000L);
				}
			});
		}
	}

	@Test
	void aRestartShorterThanTheDeadlineCostsNoErrorAndNoCallFailsOnceTheServerIsBack() throws Exception {
		this.server.execute("DROP TABLE IF EXISTS app.account", "CREATE TABLE app.account (id BIGINT PRIMARY KEY,"
				+ " email VARCHAR(100), balance INT NOT NULL) ENGINE=InnoDB",
				"INSERT INTO app.account VALUES (1, 'alice@example.com', 1000)");
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
