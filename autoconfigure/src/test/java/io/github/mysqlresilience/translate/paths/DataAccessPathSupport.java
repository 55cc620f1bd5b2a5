package io.github.mysqlresilience.translate.paths;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.MySqlTestServers;
import io.github.mysqlresilience.test.spring.MySqlTestServerProperties;
import io.github.mysqlresilience.translate.MySqlConnectionLostException;
import io.github.mysqlresilience.translate.MySqlDataAccessFailure;
import io.github.mysqlresilience.translate.MySqlDuplicateKeyException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every data-access path test shares: the shared server, an {@code account} table
 * with a row whose email is taken, and the assertions on a translated duplicate key and
 * lost connection.
 */
abstract class DataAccessPathSupport {

	protected final MySqlTestServer server = MySqlTestServers.shared();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		MySqlTestServerProperties.register(registry, MySqlTestServers.shared());
	}

	@BeforeEach
	void createAccounts() {
		this.server.execute("DROP TABLE IF EXISTS app.account",
				"CREATE TABLE app.account (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL, balance INT NOT NULL,"
						+ " UNIQUE KEY email (email)) ENGINE=InnoDB",
				"INSERT INTO app.account VALUES (1, 'alice@example.com', 100)");
	}

	@Autowired
	private DataSource dataSource;

	/**
	 * Evict what a previous test killed: a pool does not notice dead connections it used
	 * in the last 500 ms (the dead connection pool that the retry issue deals with).
	 */
	@AfterEach
	void evictKilledConnections() throws SQLException {
		this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
	}

	protected void killApplicationConnections() {
		assertThat(this.server.killConnections(this.server.applicationCredentials().username())).isPositive();
	}

	protected static void assertDuplicateKey(ThrowingCallable call) {
		MySqlDuplicateKeyException ex = catchThrowableOfType(MySqlDuplicateKeyException.class, call);
		assertThat(ex).as("a translated duplicate key").isNotNull();
		assertThat(ex.getKeyName()).isEqualTo("email");
		assertThat(ex.getMessage()).doesNotContain("alice@example.com");
		assertThat(ex.getMySqlError().category()).isEqualTo(MySqlErrorCategory.DUPLICATE_KEY);
	}

	protected static void assertConnectionLost(DataAccessException ex) {
		assertThat(ex).as("a translated lost connection").isInstanceOf(MySqlConnectionLostException.class);
		assertThat(((MySqlDataAccessFailure) ex).getMySqlError().category())
			.isEqualTo(MySqlErrorCategory.CONNECTION_LOST);
	}

}
