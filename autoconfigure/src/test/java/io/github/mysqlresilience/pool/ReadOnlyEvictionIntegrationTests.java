package io.github.mysqlresilience.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mysqlresilience.autoconfigure.MySqlPoolAutoConfiguration;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.RequiresServerControl;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A server that stays read-only does not make the pool log in again on every error: the
 * pool-wide eviction of a read-only error is debounced
 * ({@code mysql.resilience.pool.read-only-eviction-debounce}).
 */
@WithMySqlServer
@RequiresServerControl
class ReadOnlyEvictionIntegrationTests {

	private final MySqlTestServer server;

	ReadOnlyEvictionIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@AfterEach
	void writable() {
		this.server.setReadOnly(false);
	}

	@Test
	void twentyReadOnlyErrorsEvictThePoolOnce() {
		this.server.execute("DROP TABLE IF EXISTS app.note", "CREATE TABLE app.note (id INT AUTO_INCREMENT PRIMARY KEY)");
		List<PoolEviction> evictions = new CopyOnWriteArrayList<>();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, MySqlPoolAutoConfiguration.class))
			.withBean(MySqlPoolListener.class, () -> new MySqlPoolListener() {
				@Override
				public void onEviction(PoolEviction eviction) {
					evictions.add(eviction);
				}
			})
			.withPropertyValues("spring.datasource.url=" + this.server.jdbcUrl(),
					"spring.datasource.username=" + this.server.applicationCredentials().username(),
					"spring.datasource.password=" + this.server.applicationCredentials().password(),
					"spring.datasource.hikari.maximum-pool-size=4", "mysql.resilience.pool.read-only-eviction-debounce=10s")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.queryForObject("SELECT 1", Integer.class);
				this.server.setReadOnly(true);
				long loginsBefore = logins();
				for (int i = 0; i < 20; i++) {
					assertThatExceptionOfType(DataAccessException.class)
						.isThrownBy(() -> jdbc.update("INSERT INTO app.note VALUES (NULL)"));
				}
				assertThat(evictions).filteredOn((eviction) -> eviction.scope() == PoolEviction.Scope.POOL)
					.extracting(PoolEviction::reason)
					.containsExactly(MySqlErrorCategory.READ_ONLY);
				assertThat(logins() - loginsBefore).as("logins of a pool of 4 after 20 read-only errors")
					.isLessThanOrEqualTo(8);
			});
	}

	private long logins() {
		return new JdbcTemplate(this.server.adminDataSource())
			.queryForObject("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
					+ " WHERE VARIABLE_NAME = 'CONNECTIONS'", Long.class);
	}

}
