package io.github.mysqlresilience.retry;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mysqlresilience.test.EmbeddedMySqlServer;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.FaultProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failover: two servers behind the fault proxy, writes under load, then the primary A
 * becomes read-only and the proxy routes new connections to B (as DNS or a virtual IP
 * moves). The read-only errors evict the pool, the retries reach B: no error surfaces,
 * no write is lost, none is duplicated.
 */
@WithMySqlServer
@RequiresServerControl
class FailoverIntegrationTests {

	private final MySqlTestServer primary;

	FailoverIntegrationTests(MySqlTestServer primary) {
		this.primary = primary;
	}

	@Test
	void writesMoveToTheNewPrimary() throws Exception {
		try (EmbeddedMySqlServer secondary = EmbeddedMySqlServer.launch();
				FaultProxy proxy = FaultProxy.start(address(this.primary), address(secondary))) {
			for (MySqlTestServer server : List.of(this.primary, secondary)) {
				server.execute("DROP TABLE IF EXISTS app.payment", RetryTestApplication.paymentSchema());
			}
			RetryTestApplication.runner(this.primary, proxy).run((context) -> {
				BankService bank = context.getBean(BankService.class);
				Set<String> written = ConcurrentHashMap.newKeySet();
				AtomicInteger sequence = new AtomicInteger();
				try (Load load = Load.start(10, () -> {
					String key = "k-" + sequence.incrementAndGet();
					bank.insertPaymentOnce(key, 1);
					written.add(key);
				}, 10)) {
					Load.sleep(1000);
					this.primary.setReadOnly(true);
					proxy.routeTo(1);
					Load.sleep(2000);
					load.close();
					System.out.println("Failover: calls=" + load.calls().size() + ", errors=" + load.failures().size()
							+ ", longest call=" + load.longestCallMillis() + " ms");
					assertThat(load.failures()).as("errors surfaced to callers").isEmpty();
				}
				finally {
					this.primary.setReadOnly(false);
				}
				int onA = count(this.primary);
				int onB = count(secondary);
				assertThat(onB).as("writes after the failover land on B").isPositive();
				assertThat(onA + onB).as("no write lost, none duplicated").isEqualTo(written.size());
				assertThat(distinctKeys(this.primary, secondary)).isEqualTo(written.size());
			});
		}
	}

	private static int count(MySqlTestServer server) {
		return server.withAdminConnection((connection) -> {
			try (var statement = connection.createStatement();
					var result = statement.executeQuery("SELECT COUNT(*) FROM app.payment")) {
				result.next();
				return result.getInt(1);
			}
		});
	}

	private static int distinctKeys(MySqlTestServer... servers) {
		Set<String> keys = new java.util.HashSet<>();
		for (MySqlTestServer server : servers) {
			server.withAdminConnection((connection) -> {
				try (var statement = connection.createStatement();
						var result = statement.executeQuery("SELECT idempotency_key FROM app.payment")) {
					while (result.next()) {
						keys.add(result.getString(1));
					}
				}
				return null;
			});
		}
		return keys.size();
	}

	private static InetSocketAddress address(MySqlTestServer server) {
		return new InetSocketAddress(server.host(), server.port());
	}

}
