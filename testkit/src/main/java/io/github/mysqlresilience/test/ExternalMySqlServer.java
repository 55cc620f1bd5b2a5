package io.github.mysqlresilience.test;

import java.net.URI;

/**
 * An existing MySQL or MariaDB server, such as a MySQL 8 in CI, reached with admin
 * credentials. The test kit creates the application user and the database if missing. It
 * cannot stop or restart the server: tests that need that are skipped.
 *
 * @since 0.1.0
 * @see MySqlTestServers
 */
public final class ExternalMySqlServer extends AbstractMySqlTestServer {

	private ExternalMySqlServer(String host, int port, String database, MySqlCredentials admin) {
		super(host, port, database, admin, EmbeddedMySqlServer.APPLICATION);
	}

	/**
	 * Connect to an external server and create the application user.
	 * @param jdbcUrl a {@code jdbc:mysql://host:port/database} URL
	 * @param admin the admin credentials
	 * @return the server
	 */
	public static ExternalMySqlServer connect(String jdbcUrl, MySqlCredentials admin) {
		URI uri = parse(jdbcUrl);
		String database = uri.getPath().replaceFirst("^/", "");
		ExternalMySqlServer server = new ExternalMySqlServer(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 3306,
				database.isEmpty() ? EmbeddedMySqlServer.DATABASE : database, admin);
		server.createApplicationUser();
		return server;
	}

	private static URI parse(String jdbcUrl) {
		if (!jdbcUrl.startsWith("jdbc:mysql://") && !jdbcUrl.startsWith("jdbc:mariadb://")) {
			throw new IllegalArgumentException("Expected a jdbc:mysql:// or jdbc:mariadb:// URL but got '"
					+ jdbcUrl.replaceAll("//[^@/]*@", "//") + "'");
		}
		String withoutQuery = jdbcUrl.substring("jdbc:".length()).split("\\?", 2)[0];
		return URI.create(withoutQuery);
	}

	@Override
	public boolean isControllable() {
		return false;
	}

	@Override
	public void stop() {
		throw notControllable();
	}

	@Override
	public void start() {
		throw notControllable();
	}

	@Override
	public void crash() {
		throw notControllable();
	}

	private UnsupportedOperationException notControllable() {
		return new UnsupportedOperationException("An external server (" + this + ") cannot be stopped or started");
	}

	@Override
	public void close() {
	}

}
