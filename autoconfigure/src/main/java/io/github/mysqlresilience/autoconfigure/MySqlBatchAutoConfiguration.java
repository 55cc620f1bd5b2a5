package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.batch.KeysetBatchItems;
import io.github.mysqlresilience.stream.KeysetScanners;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the Spring Batch integration of the keyset scanner: {@link KeysetBatchItems}, which
 * creates restartable readers and partitioners on the application's
 * {@link KeysetScanners}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MySqlStreamingAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.batch.core.partition.Partitioner",
		"org.springframework.batch.infrastructure.item.ItemStreamReader" })
@ConditionalOnBean(KeysetScanners.class)
public final class MySqlBatchAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeysetBatchItems keysetBatchItems(KeysetScanners scanners) {
		return new KeysetBatchItems(scanners);
	}

}
