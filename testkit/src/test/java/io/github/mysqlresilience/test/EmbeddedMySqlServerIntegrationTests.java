package io.github.mysqlresilience.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link EmbeddedMySqlServer} and the admin operations of
 * {@link AbstractMySqlTestServer}, against the real shared server.
 */
@WithMySqlServer
class EmbeddedMySqlServerIntegrationTests {

	private final MySqlTestServer server;

	EmbeddedMySqlServerIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void createTable() {
		this.server.execute("DROP TABLE IF EXISTS app.testkit_rows",
				"CREATE TABLE app.testkit_rows (id INT PRIMARY KEY, name VARCHAR(20))");
	}

	@AfterEach
	void writable() {
		this.server.setReadOnly(false);
	}

	@Test
	void readOnlyRejectsTheApplicationUserButNotTheAdmin() throws SQLException {
		this.server.setReadOnly(true);
		assertThat(this.server.isReadOnly()).isTrue();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> insertAsApplication(1))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1290))
			.withMessageContaining("read-only");
		this.server.execute("INSERT INTO app.testkit_rows VALUES (2, 'admin')");
		this.server.setReadOnly(false);
		insertAsApplication(3);
		assertThat(count()).isEqualTo(2);
	}

	@Test
	void readOnlyIsSetWhileAWriteWaitsForARowLockWhoseTransactionGoesOn() throws Exception {
		this.server.execute("INSERT INTO app.testkit_rows VALUES (1, 'a')");
		try (Connection holder = this.server.dataSource().getConnection();
				Connection waiter = this.server.dataSource().getConnection()) {
			holder.setAutoCommit(false);
			update(holder, "UPDATE app.testkit_rows SET name = 'held' WHERE id = 1");
			// A write waits for the holder's row lock; the flag waits for that write; the
			// holder's next statement waits for the flag: a cycle that only InnoDB's 50 s lock
			// wait timeout would end (seen in the drill's failover as a 50 s caller wait)
			CompletableFuture<Void> waiting = CompletableFuture
				.runAsync(() -> update(waiter, "UPDATE app.testkit_rows SET name = 'waited' WHERE id = 1"));
			Thread.sleep(300);
			long started = System.nanoTime();
			CompletableFuture<Void> flag = CompletableFuture.runAsync(() -> this.server.setReadOnly(true));
			Thread.sleep(300);
			update(holder, "INSERT INTO app.testkit_rows VALUES (2, 'next')");
			holder.commit();
			waiting.get(20, TimeUnit.SECONDS);
			flag.get(20, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("read_only set, the cycle broken")
				.isLessThan(Duration.ofSeconds(10));
			assertThat(this.server.isReadOnly()).isTrue();
			assertThat(count()).isEqualTo(2);
		}
	}

	private static void update(Connection connection, String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void applicationUserHasNoDdlRights() {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			try (Connection connection = this.server.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("DROP TABLE app.testkit_rows");
			}
		}).satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1142));
	}

	@Test
	@RequiresServerControl
	void restartKeepsDataAndPort() throws SQLException {
		insertAsApplication(1);
		int port = this.server.port();
		this.server.restart();
		assertThat(this.server.port()).isEqualTo(port);
		assertThat(count()).isEqualTo(1);
	}

	@Test
	@RequiresServerControl
	void stopLosesOpenConnections() throws SQLException {
		try (Connection connection = this.server.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
			this.server.stop();
			try {
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("SELECT 1"));
			}
			finally {
				this.server.start();
			}
		}
		assertThat(count()).isZero();
	}

	@Test
	@RequiresServerControl
	void crashResetsConnectionsAndStartRecoversTheData() throws SQLException {
		insertAsApplication(1);
		try (Connection connection = this.server.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
			this.server.crash();
			try {
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("SELECT 1"));
			}
			finally {
				this.server.start();
			}
		}
		assertThat(count()).isEqualTo(1);
	}

	@Test
	void killConnectionsClosesTheApplicationsConnections() throws SQLException {
		try (Connection connection = this.server.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
			assertThat(this.server.killConnections(this.server.applicationCredentials().username())).isEqualTo(1);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("SELECT 1"));
		}
	}

	@Test
	void killQueriesInterruptsARunningQueryWith1317() throws Exception {
		String user = this.server.applicationCredentials().username();
		CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
			try (Connection connection = this.server.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				statement.executeQuery("SELECT SLEEP(30)");
				return null;
			}
			catch (SQLException ex) {
				return ex;
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> runningQueries(user) > 0);
		long started = System.nanoTime();
		assertThat(this.server.killQueries(user)).isEqualTo(1);
		SQLException ex = failure.get(10, TimeUnit.SECONDS);
		assertThat((Throwable) ex).isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(1317);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	private long runningQueries(String user) {
		return this.server.withAdminConnection((connection) -> {
			try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(
					"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND USER = '" + user
							+ "'")) {
				result.next();
				return result.getLong(1);
			}
		});
	}

	private void insertAsApplication(int id) throws SQLException {
		try (Connection connection = this.server.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO app.testkit_rows VALUES (" + id + ", 'app')");
		}
	}

	private long count() {
		return this.server.withAdminConnection((connection) -> {
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM app.testkit_rows")) {
				result.next();
				return result.getLong(1);
			}
		});
	}

}
