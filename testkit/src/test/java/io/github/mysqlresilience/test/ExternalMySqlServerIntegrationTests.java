package io.github.mysqlresilience.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.mysqlresilience.test.junit.WithMySqlServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Integration tests for {@link ExternalMySqlServer}, using the shared server as the
 * "external" one.
 */
@WithMySqlServer
class ExternalMySqlServerIntegrationTests {

	@Test
	void connectsWithAdminCredentialsAndCreatesTheApplicationUser(MySqlTestServer shared) throws SQLException {
		String url = shared.jdbcUrl().replace("/" + shared.database(), "/external_db") + "?connectTimeout=2000";
		ExternalMySqlServer external = ExternalMySqlServer.connect(url, shared.adminCredentials());
		assertThat(external.database()).isEqualTo("external_db");
		assertThat(external.port()).isEqualTo(shared.port());
		assertThat(external.isControllable()).isFalse();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(external::restart);
		try (Connection connection = external.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT CURRENT_USER(), DATABASE()")) {
			result.next();
			assertThat(result.getString(1)).startsWith(EmbeddedMySqlServer.APPLICATION.username() + "@");
			assertThat(result.getString(2)).isEqualTo("external_db");
		}
	}

	@Test
	void externalSettingsNeedAnAdminUser() {
		assertThatIllegalStateException()
			.isThrownBy(() -> MySqlTestServers.create((name) -> name.equals(MySqlTestServers.URL_PROPERTY)
					? "jdbc:mysql://127.0.0.1:1/app" : null))
			.withMessageContaining(MySqlTestServers.ADMIN_USERNAME_PROPERTY);
	}

	@Test
	void externalUrlMustBeAMySqlUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ExternalMySqlServer.connect("jdbc:postgresql://user:secret@db/app",
					new MySqlCredentials("root", "x")))
			.withMessageContaining("jdbc:mysql://")
			.withMessageNotContaining("secret");
	}

}
