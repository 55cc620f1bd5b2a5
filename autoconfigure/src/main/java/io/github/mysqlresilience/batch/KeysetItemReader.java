package io.github.mysqlresilience.batch;

import io.github.mysqlresilience.stream.KeysetCursor;
import io.github.mysqlresilience.stream.KeysetScanner;
import io.github.mysqlresilience.stream.ResumeToken;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.util.Assert;

/**
 * A restartable Spring Batch {@link ItemStreamReader} backed by a {@link KeysetScanner}.
 * Its state is the scan's {@link ResumeToken}, kept in the step's
 * {@link ExecutionContext} under {@code <name>.token} and saved with each chunk's commit:
 * a restarted step reads the rows after the last one its last committed chunk read, so
 * no row is read twice or skipped. When the context already holds a token at the first
 * start (put there by a {@link KeysetPartitioner}), the reader reads that slice.
 * <p>
 * The scan's chunk queries are independent of Spring Batch's chunks: each holds a
 * connection only while it reads, so a slow writer never holds a server-side stream
 * open. One reader serves one step execution; it is not thread-safe (use a
 * {@link KeysetPartitioner} for parallel steps).
 *
 * @param <T> the type of the items
 * @since 0.1.0
 */
public class KeysetItemReader<T> implements ItemStreamReader<T> {

	/** The default name, whose state key is {@code keyset.token}. */
	public static final String DEFAULT_NAME = "keyset";

	private final KeysetScanner<T> scanner;

	private final String tokenKey;

	private @Nullable KeysetCursor<T> cursor;

	/**
	 * Create a reader named {@value #DEFAULT_NAME}.
	 * @param scanner the scan to read
	 */
	public KeysetItemReader(KeysetScanner<T> scanner) {
		this(DEFAULT_NAME, scanner);
	}

	/**
	 * Create a reader.
	 * @param name the name of the reader, unique among the streams of its step; its state
	 * is kept under {@code <name>.token}
	 * @param scanner the scan to read
	 */
	public KeysetItemReader(String name, KeysetScanner<T> scanner) {
		Assert.hasText(name, "The name of a KeysetItemReader must not be empty");
		this.scanner = scanner;
		this.tokenKey = tokenKey(name);
	}

	/**
	 * Return the key of the execution context that holds the token of a reader.
	 * @param name the reader's name
	 * @return the key
	 */
	public static String tokenKey(String name) {
		return name + ".token";
	}

	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		Assert.state(this.cursor == null, "The reader is already open");
		KeysetScanner<T> scan = this.scanner;
		if (executionContext.containsKey(this.tokenKey)) {
			try {
				scan = scan.resumeFrom(ResumeToken.parse(executionContext.getString(this.tokenKey)));
			}
			catch (IllegalArgumentException ex) {
				throw new ItemStreamException("The execution context's '" + this.tokenKey + "' is not a keyset scan "
						+ "resume token", ex);
			}
		}
		this.cursor = scan.open();
	}

	@Override
	public @Nullable T read() {
		Assert.state(this.cursor != null, "The reader is not open");
		return this.cursor.next();
	}

	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		if (this.cursor != null) {
			executionContext.putString(this.tokenKey, this.cursor.position().toString());
		}
	}

	@Override
	public void close() throws ItemStreamException {
		if (this.cursor != null) {
			this.cursor.close();
			this.cursor = null;
		}
	}

}
