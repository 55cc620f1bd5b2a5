package io.github.mysqlresilience.sample;

import java.util.Map;

import io.github.mysqlresilience.test.EmbeddedMySqlServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded MariaDB server when no {@code spring.datasource.url} is set, points
 * the DataSource at it, and removes it when the application stops.
 *
 * @since 0.1.0
 */
public class EmbeddedDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY_SOURCE_NAME = "embeddedMySqlServer";

	private static final Log logger = LogFactory.getLog(EmbeddedDatabaseInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (environment.containsProperty("spring.datasource.url")
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		EmbeddedMySqlServer server = EmbeddedMySqlServer.launch();
		System.out.printf("%nEmbedded MariaDB server: port %d, data in %s (removed at exit)%n%n", server.port(),
				server.rootDirectory());
		logger.info("Using the embedded MariaDB server at " + server.jdbcUrl());
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("spring.datasource.url", server.jdbcUrl(), "spring.datasource.username",
							server.adminCredentials().username(), "spring.datasource.password",
							server.adminCredentials().password())));
		context.getBeanFactory().registerSingleton("embeddedMySqlServer", server);
		context.addApplicationListener((ContextClosedEvent event) -> server.close());
	}

}
