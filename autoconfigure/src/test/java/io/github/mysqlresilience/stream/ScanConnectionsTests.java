package io.github.mysqlresilience.stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScanConnections}.
 */
class ScanConnectionsTests {

	@Test
	void aParallelScanHoldsNoMoreConnectionsThanThePoolHas() {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setMaximumPoolSize(3);
			assertThat(ScanConnections.threads(new JdbcTemplate(pool), 8)).isEqualTo(3);
			assertThat(ScanConnections.threads(new JdbcTemplate(pool), 2)).isEqualTo(2);
		}
	}

}
