package io.github.mysqlresilience.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mysqlresilience.stream.KeysetScanner;
import io.github.mysqlresilience.stream.ResumeToken;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.Assert;

/**
 * A Spring Batch {@link Partitioner} that divides a keyset scan into slices of its key
 * range ({@link KeysetScanner#split(int)}, exact for any integer or decimal key, probed
 * where keys are sparse) and gives each partition its slice as a {@link ResumeToken}
 * under the key its {@link KeysetItemReader} reads ({@code <name>.token}). The last key
 * is captured when the job partitions, so rows inserted after it are left to the next
 * run. Works with local workers ({@code TaskExecutorPartitionHandler}) and with remote
 * partitioning alike: a partition is nothing but its execution context.
 *
 * @since 0.1.0
 */
public class KeysetPartitioner implements Partitioner {

	private final KeysetScanner<?> scanner;

	private final String tokenKey;

	/**
	 * Create a partitioner for readers named {@value KeysetItemReader#DEFAULT_NAME}.
	 * @param scanner the scan to divide
	 */
	public KeysetPartitioner(KeysetScanner<?> scanner) {
		this(KeysetItemReader.DEFAULT_NAME, scanner);
	}

	/**
	 * Create a partitioner.
	 * @param readerName the name of the workers' {@link KeysetItemReader}
	 * @param scanner the scan to divide
	 */
	public KeysetPartitioner(String readerName, KeysetScanner<?> scanner) {
		Assert.hasText(readerName, "The reader name must not be empty");
		this.scanner = scanner;
		this.tokenKey = KeysetItemReader.tokenKey(readerName);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<? extends KeysetScanner<?>> slices = this.scanner.split(Math.max(1, gridSize));
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < slices.size(); i++) {
			ResumeToken token = slices.get(i).startToken();
			ExecutionContext context = new ExecutionContext();
			context.putString(this.tokenKey, String.valueOf(token));
			partitions.put("partition" + i, context);
		}
		return partitions;
	}

}
