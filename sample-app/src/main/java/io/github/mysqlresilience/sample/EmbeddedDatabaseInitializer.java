package io.github.mysqlresilience.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.github.mysqlresilience.test.EmbeddedMySqlServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Starts an embedded MariaDB server when no {@code spring.datasource.url} is set: creates
 * the schema and the accounts with its admin user, points the DataSource at it with the
 * application user (DML rights only, so {@code read_only} binds it as in production), and
 * removes it when the application stops. Ahead-of-time processing at build time starts
 * no server: it needs bean definitions, not a database.
 *
 * @since 0.1.0
 */
public class EmbeddedDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY_SOURCE_NAME = "embeddedMySqlServer";

	private static final Log logger = LogFactory.getLog(EmbeddedDatabaseInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING) || environment.containsProperty("spring.datasource.url")
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		EmbeddedMySqlServer server = EmbeddedMySqlServer.launch();
		createSchema(server);
		System.out.printf("%nEmbedded MariaDB server: port %d, data in %s (removed at exit)%n%n", server.port(),
				server.rootDirectory());
		logger.info("Using the embedded MariaDB server at " + server.jdbcUrl());
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("spring.datasource.url", server.jdbcUrl(),
					"spring.datasource.username", server.applicationCredentials().username(),
					"spring.datasource.password", server.applicationCredentials().password(), "spring.sql.init.mode",
					"never")));
		context.getBeanFactory().registerSingleton("embeddedMySqlServer", server);
		context.addApplicationListener((ContextClosedEvent event) -> server.close());
	}

	/**
	 * Create the sample's tables and accounts with the server's admin user.
	 * @param server the server
	 */
	public static void createSchema(EmbeddedMySqlServer server) {
		String[] statements = (script("schema.sql") + script("data.sql")).split(";");
		server.execute(Arrays.stream(statements).map(String::strip).filter((sql) -> !sql.isEmpty())
			.map((sql) -> sql.replaceFirst("(?i)^(CREATE TABLE IF NOT EXISTS|INSERT IGNORE INTO) ",
					"$1 " + server.database() + "."))
			.toArray(String[]::new));
	}

	private static String script(String name) {
		try {
			return new ClassPathResource(name).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
