package io.github.mysqlresilience.stream;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyColumns} and {@link StreamingConfigurationCheck}.
 */
class KeyColumnsTests {

	@Test
	void singleKey() {
		KeyColumns key = new KeyColumns(List.of("id"));
		assertThat(key.afterCondition()).isEqualTo("((`id` > ?))");
		assertThat(key.afterParameters(new Object[] { 7 })).containsExactly(7);
		assertThat(key.orderBy()).isEqualTo(" ORDER BY `id`");
	}

	@Test
	void compositeKey() {
		KeyColumns key = new KeyColumns(List.of("a", "b", "c"));
		assertThat(key.afterCondition())
			.isEqualTo("((`a` > ?) OR (`a` = ? AND `b` > ?) OR (`a` = ? AND `b` = ? AND `c` > ?))");
		assertThat(key.afterParameters(new Object[] { 1, 2, 3 })).containsExactly(1, 1, 2, 1, 2, 3);
		assertThat(key.orderBy()).isEqualTo(" ORDER BY `a`, `b`, `c`");
	}

	@Test
	void quotesIdentifiers() {
		assertThat(KeyColumns.quote("we`ird")).isEqualTo("`we``ird`");
	}

	@Test
	void warnsAboutUrlsWhoseStreamingCannotSurvive() {
		assertThat(StreamingConfigurationCheck.warning("jdbc:mysql://db/app?netTimeoutForStreamingResults=0"))
			.hasValueSatisfying((warning) -> assertThat(warning).contains("net_write_timeout"));
		assertThat(StreamingConfigurationCheck.warning("jdbc:mysql://db/app")).isEmpty();
	}

}
