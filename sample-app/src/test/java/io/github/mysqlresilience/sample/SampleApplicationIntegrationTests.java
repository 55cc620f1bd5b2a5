package io.github.mysqlresilience.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample starts on the embedded server when no DataSource URL is set.
 */
@SpringBootTest
class SampleApplicationIntegrationTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void runsOnTheEmbeddedServer() {
		assertThat(this.jdbc.sql("SELECT VERSION()").query(String.class).single()).containsIgnoringCase("MariaDB");
	}

}
