package io.github.mysqlresilience.test;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The server shared by every test of a JVM: an {@link EmbeddedMySqlServer}, started on
 * first use and closed when the JVM exits, or an {@link ExternalMySqlServer} when one is
 * configured.
 * <p>
 * An external server is configured with the system property
 * {@value #URL_PROPERTY} (or the environment variable {@code MYSQL_RESILIENCE_TEST_URL}),
 * {@value #ADMIN_USERNAME_PROPERTY} ({@code MYSQL_RESILIENCE_TEST_ADMIN_USERNAME}) and
 * {@value #ADMIN_PASSWORD_PROPERTY} ({@code MYSQL_RESILIENCE_TEST_ADMIN_PASSWORD}).
 *
 * @since 0.1.0
 */
public final class MySqlTestServers {

	/**
	 * System property with the JDBC URL of an external server.
	 */
	public static final String URL_PROPERTY = "mysql.resilience.test.url";

	/**
	 * System property with the admin user name of an external server.
	 */
	public static final String ADMIN_USERNAME_PROPERTY = "mysql.resilience.test.admin-username";

	/**
	 * System property with the admin password of an external server.
	 */
	public static final String ADMIN_PASSWORD_PROPERTY = "mysql.resilience.test.admin-password";

	private static @Nullable MySqlTestServer shared;

	private static @Nullable RuntimeException startFailure;

	private MySqlTestServers() {
	}

	/**
	 * Return the server shared by this JVM, starting it on first use.
	 * @return the shared server
	 */
	public static synchronized MySqlTestServer shared() {
		if (startFailure != null) {
			throw new IllegalStateException("The shared test server could not be started", startFailure);
		}
		if (shared == null) {
			try {
				MySqlTestServer server = create(MySqlTestServers::setting);
				Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mysql-test-server-shutdown"));
				shared = server;
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
		}
		return shared;
	}

	/**
	 * Return whether an external server is configured.
	 * @return whether the shared server is external
	 */
	public static boolean isExternalConfigured() {
		return setting(URL_PROPERTY) != null;
	}

	static MySqlTestServer create(Function<String, @Nullable String> settings) {
		String url = settings.apply(URL_PROPERTY);
		if (url == null) {
			return EmbeddedMySqlServer.launch();
		}
		String username = settings.apply(ADMIN_USERNAME_PROPERTY);
		String password = settings.apply(ADMIN_PASSWORD_PROPERTY);
		if (username == null) {
			throw new IllegalStateException(
					"'" + URL_PROPERTY + "' is set, so '" + ADMIN_USERNAME_PROPERTY + "' must be set too");
		}
		return ExternalMySqlServer.connect(url, new MySqlCredentials(username, (password != null) ? password : ""));
	}

	private static @Nullable String setting(String property) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			String variable = property.toUpperCase().replace('.', '_').replace('-', '_');
			value = System.getenv(variable);
		}
		return (value == null || value.isBlank()) ? null : value;
	}

}
