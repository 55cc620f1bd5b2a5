package io.github.mysqlresilience.test;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A MySQL-compatible server that tests run against, with the faults production meets:
 * restart, {@code read_only}, {@code KILL} of connections and queries.
 * <p>
 * Two users are provided: an admin user with every privilege, and an application user
 * with DML rights only on {@link #database()}, so that {@code read_only} binds it as it
 * binds a real application.
 *
 * @since 0.1.0
 * @see EmbeddedMySqlServer
 * @see MySqlTestServers#shared()
 */
public interface MySqlTestServer extends AutoCloseable {

	/**
	 * Return the host the server listens on.
	 * @return the host
	 */
	String host();

	/**
	 * Return the TCP port the server listens on. It stays the same across restarts.
	 * @return the port
	 */
	int port();

	/**
	 * Return the database the application user may use.
	 * @return the database name
	 */
	String database();

	/**
	 * Return the credentials of the admin user (all privileges, not bound by
	 * {@code read_only}).
	 * @return the admin credentials
	 */
	MySqlCredentials adminCredentials();

	/**
	 * Return the credentials of the application user (DML only on {@link #database()}).
	 * @return the application credentials
	 */
	MySqlCredentials applicationCredentials();

	/**
	 * Return a JDBC URL for MySQL Connector/J.
	 * @return the JDBC URL
	 */
	default String jdbcUrl() {
		return jdbcUrl(JdbcDriver.MYSQL_CONNECTOR_J);
	}

	/**
	 * Return a JDBC URL for the given driver.
	 * @param driver the driver
	 * @return the JDBC URL
	 */
	default String jdbcUrl(JdbcDriver driver) {
		return driver.url(host(), port(), database());
	}

	/**
	 * Return an unpooled {@link DataSource} (MySQL Connector/J) for the application user.
	 * @return a data source
	 */
	DataSource dataSource();

	/**
	 * Return an unpooled {@link DataSource} (MySQL Connector/J) for the admin user.
	 * @return a data source
	 */
	DataSource adminDataSource();

	/**
	 * Run SQL statements as the admin user, in order, each in autocommit mode.
	 * @param statements the statements
	 */
	void execute(String... statements);

	/**
	 * Run a callback on a new admin connection, closed afterwards.
	 * @param <T> the type of the result
	 * @param callback the callback
	 * @return the callback's result
	 */
	<T> T withAdminConnection(ConnectionCallback<T> callback);

	/**
	 * Set the server's global {@code read_only} flag, as a failover does to the old
	 * primary. The application user's writes then fail with error 1290.
	 * @param readOnly whether the server is read-only
	 */
	void setReadOnly(boolean readOnly);

	/**
	 * Return whether the server's global {@code read_only} flag is set.
	 * @return whether the server is read-only
	 */
	boolean isReadOnly();

	/**
	 * {@code KILL CONNECTION} every connection of the given user.
	 * @param username the user name
	 * @return how many connections were killed
	 */
	int killConnections(String username);

	/**
	 * {@code KILL QUERY} every running statement of the given user; their connections
	 * stay open and the statements fail with error 1317.
	 * @param username the user name
	 * @return how many statements were killed
	 */
	int killQueries(String username);

	/**
	 * Return whether this server can be stopped, started and restarted by the test kit.
	 * An external server cannot.
	 * @return whether {@link #stop()}, {@link #start()} and {@link #restart()} work
	 */
	boolean isControllable();

	/**
	 * Stop the server; every open connection is lost. The data and the port are kept.
	 * @throws UnsupportedOperationException if the server is not
	 * {@link #isControllable() controllable}
	 */
	void stop();

	/**
	 * Start the server again on the same port, with the same data.
	 * @throws UnsupportedOperationException if the server is not
	 * {@link #isControllable() controllable}
	 */
	void start();

	/**
	 * Kill the server process at once ({@code SIGKILL}), as a crash does: every
	 * connection is reset, nothing is shut down cleanly. {@link #start()} recovers it with
	 * its data.
	 * @throws UnsupportedOperationException if the server is not
	 * {@link #isControllable() controllable}
	 */
	void crash();

	/**
	 * Stop and start the server, as an operator's restart does.
	 * @throws UnsupportedOperationException if the server is not
	 * {@link #isControllable() controllable}
	 */
	default void restart() {
		stop();
		start();
	}

	/**
	 * Release the server: an embedded one is stopped and its files removed.
	 */
	@Override
	void close();

	/**
	 * Work to do with a JDBC {@link Connection}.
	 *
	 * @param <T> the type of the result
	 */
	@FunctionalInterface
	interface ConnectionCallback<T> {

		/**
		 * Do the work.
		 * @param connection the connection
		 * @return the result
		 * @throws SQLException on failure
		 */
		T doInConnection(Connection connection) throws SQLException;

	}

}
