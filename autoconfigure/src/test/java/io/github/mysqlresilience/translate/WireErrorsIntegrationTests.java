package io.github.mysqlresilience.translate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.error.RetrySafety;
import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.MySqlCredentials;
import io.github.mysqlresilience.test.MySqlTestServer;
import io.github.mysqlresilience.test.junit.WithMySqlServer;
import io.github.mysqlresilience.test.proxy.MySqlErrorPacket;
import io.github.mysqlresilience.test.proxy.MySqlProtocolProxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The MySQL-only errors MariaDB cannot produce, on the real wire: the protocol-aware
 * proxy answers a statement with MySQL 8.4's error packet, each driver parses it, and the
 * starter classifies and translates what the driver made of it.
 */
@WithMySqlServer
class WireErrorsIntegrationTests {

	private final MySqlTestServer server;

	private final MySqlExceptionTranslator translator = new MySqlExceptionTranslator();

	private MySqlProtocolProxy proxy;

	WireErrorsIntegrationTests(MySqlTestServer server) {
		this.server = server;
	}

	@BeforeEach
	void start(MySqlProtocolProxy proxy) {
		this.proxy = proxy;
	}

	static Stream<Arguments> mySqlOnlyErrors() {
		return MySqlOnlyWireErrors.withBothDrivers(
				(error) -> new Object[] { error.packet(), error.category(), error.safety(), error.translated() });
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("mySqlOnlyErrors")
	void classifiedAndTranslatedFromTheWire(JdbcDriver driver, MySqlErrorPacket packet, MySqlErrorCategory category,
			RetrySafety safety, Class<? extends DataAccessException> translated) throws SQLException {
		this.proxy.answerWithError("SELECT 42", packet, 1, false);
		MySqlCredentials credentials = this.server.applicationCredentials();
		try (Connection connection = DriverManager.getConnection(
				driver.url(this.proxy.host(), this.proxy.port(), this.server.database()), credentials.username(),
				credentials.password()); Statement statement = connection.createStatement()) {
			SQLException failure = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("SELECT 42"));
			// Connector/J turns 4031 into a CommunicationsException with code 0 and the server's text
			boolean codeDropped = driver == JdbcDriver.MYSQL_CONNECTOR_J && packet.code() == 4031;
			assertThat(failure.getErrorCode()).isEqualTo(codeDropped ? 0 : packet.code());
			MySqlError error = MySqlErrors.classify(failure).orElseThrow();
			assertThat(error.category()).isEqualTo(category);
			assertThat(error.retrySafety()).isEqualTo(safety);
			assertThat(this.translator.translate("test", "SELECT 42", failure)).isInstanceOf(translated);
		}
	}

}
