package io.github.mysqlresilience.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.mysql.cj.jdbc.MysqlDataSource;

/**
 * Base for {@link MySqlTestServer} implementations: the administration that works the
 * same on an embedded and an external server, done over JDBC as the admin user.
 *
 * @since 0.1.0
 */
public abstract class AbstractMySqlTestServer implements MySqlTestServer {

	private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

	private static final int MAX_READ_ONLY_ATTEMPTS = 30;

	private static final int ER_NO_SUCH_THREAD = 1094;

	private final String host;

	private final int port;

	private final String database;

	private final MySqlCredentials admin;

	private final MySqlCredentials application;

	/**
	 * Create a new instance.
	 * @param host the host
	 * @param port the port
	 * @param database the application database
	 * @param admin the admin credentials
	 * @param application the application credentials
	 */
	protected AbstractMySqlTestServer(String host, int port, String database, MySqlCredentials admin,
			MySqlCredentials application) {
		this.host = host;
		this.port = port;
		this.database = database;
		this.admin = admin;
		this.application = application;
	}

	@Override
	public String host() {
		return this.host;
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String database() {
		return this.database;
	}

	@Override
	public MySqlCredentials adminCredentials() {
		return this.admin;
	}

	@Override
	public MySqlCredentials applicationCredentials() {
		return this.application;
	}

	@Override
	public DataSource dataSource() {
		return dataSource(this.application);
	}

	@Override
	public DataSource adminDataSource() {
		return dataSource(this.admin);
	}

	private DataSource dataSource(MySqlCredentials credentials) {
		return dataSource(jdbcUrl(), credentials);
	}

	private static DataSource dataSource(String url, MySqlCredentials credentials) {
		MysqlDataSource dataSource = new MysqlDataSource();
		dataSource.setUrl(url);
		dataSource.setUser(credentials.username());
		dataSource.setPassword(credentials.password());
		return dataSource;
	}

	@Override
	public void execute(String... statements) {
		withAdminConnection((connection) -> {
			try (Statement statement = connection.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
			return null;
		});
	}

	@Override
	public <T> T withAdminConnection(ConnectionCallback<T> callback) {
		try (Connection connection = adminDataSource().getConnection()) {
			return callback.doInConnection(connection);
		}
		catch (SQLException ex) {
			throw new MySqlTestServerException("Admin SQL failed on " + host() + ":" + port(), ex);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * As failover tools do, with a short {@code lock_wait_timeout}, asked again until set:
	 * setting {@code read_only} waits for the running statements and holds back new ones
	 * meanwhile, so under concurrent writes it can close a cycle that only InnoDB's 50 s
	 * lock wait timeout would end (a statement waits for a row lock, the flag waits for
	 * that statement, and the lock's transaction waits for the flag to run its next
	 * statement). Each try holds writers back for 1 s at most.
	 */
	@Override
	public void setReadOnly(boolean readOnly) {
		if (!readOnly) {
			execute("SET GLOBAL read_only = OFF");
			return;
		}
		withAdminConnection((connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET SESSION lock_wait_timeout = 1");
				for (int attempt = 1;; attempt++) {
					try {
						statement.execute("SET GLOBAL read_only = ON");
						return null;
					}
					catch (SQLException ex) {
						if (ex.getErrorCode() != ER_LOCK_WAIT_TIMEOUT || attempt == MAX_READ_ONLY_ATTEMPTS) {
							throw ex;
						}
					}
				}
			}
		});
	}

	@Override
	public boolean isReadOnly() {
		return withAdminConnection((connection) -> {
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT @@global.read_only")) {
				result.next();
				return result.getBoolean(1);
			}
		});
	}

	@Override
	public int killConnections(String username) {
		if (!username.equals(this.admin.username()) && isMariaDb()) {
			// One statement kills them all at once, as a crash would: no connection is
			// still alive while the others are being killed
			return withAdminConnection((connection) -> {
				int connections = processIds(connection, username, false).size();
				try (Statement statement = connection.createStatement()) {
					statement.execute("KILL CONNECTION USER '" + username.replace("'", "''") + "'");
				}
				return connections;
			});
		}
		return kill(username, "CONNECTION", false);
	}

	private boolean isMariaDb() {
		return withAdminConnection((connection) -> {
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT VERSION()")) {
				return result.next() && result.getString(1).toLowerCase(java.util.Locale.ROOT).contains("mariadb");
			}
		});
	}

	@Override
	public int killQueries(String username) {
		return kill(username, "QUERY", true);
	}

	private int kill(String username, String what, boolean runningOnly) {
		return withAdminConnection((connection) -> {
			int killed = 0;
			for (long id : processIds(connection, username, runningOnly)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("KILL " + what + " " + id);
					killed++;
				}
				catch (SQLException ex) {
					if (ex.getErrorCode() != ER_NO_SUCH_THREAD) {
						throw ex;
					}
				}
			}
			return killed;
		});
	}

	private List<Long> processIds(Connection connection, String username, boolean runningOnly) throws SQLException {
		String sql = "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()"
				+ (runningOnly ? " AND COMMAND = 'Query'" : "");
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, username);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					ids.add(result.getLong(1));
				}
			}
		}
		return ids;
	}

	/**
	 * Create the application user, if missing, with DML rights on {@link #database()}
	 * only, and create the database if missing.
	 */
	protected void createApplicationUser() {
		String user = "'" + this.application.username() + "'@'%'";
		String serverUrl = JdbcDriver.MYSQL_CONNECTOR_J.url(this.host, this.port, "");
		try (Connection connection = dataSource(serverUrl, this.admin).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS `" + this.database + "`");
		}
		catch (SQLException ex) {
			throw new MySqlTestServerException("Could not create database '" + this.database + "'", ex);
		}
		String identified = " IDENTIFIED BY '" + this.application.password() + "'";
		execute("CREATE USER IF NOT EXISTS " + user + identified, "ALTER USER " + user + identified,
				"GRANT SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE ON `"
						+ this.database + "`.* TO " + user);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.host + ":" + this.port + "/" + this.database + "]";
	}

}
