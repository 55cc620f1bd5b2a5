package io.github.mysqlresilience.metrics;

import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.github.mysqlresilience.error.MySqlError;
import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrorListener;
import io.github.mysqlresilience.error.MySqlErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts each classified failure once in {@value MySqlMeters#ERRORS}, however many layers
 * report it (the pool, then the translator, then the transaction manager), and each
 * aborted stream in {@value MySqlMeters#STREAM_ABORTS}. The {@code code} tag takes only
 * the codes the error model knows ({@code other} for the rest, {@code none} when there is
 * no code): no SQL, no message, no value.
 *
 * @since 0.1.0
 */
public class MySqlErrorMetrics implements MySqlErrorListener {

	private static final int MAX_LINKS = 16;

	private final MeterRegistry registry;

	private final Set<Throwable> counted = Collections.newSetFromMap(new WeakHashMap<>());

	/**
	 * Guards {@link #counted}: a lock, not a monitor, so that a virtual thread counting an
	 * error never holds its carrier (JDK 21 to 23).
	 */
	private final Lock countedLock = new ReentrantLock();

	/**
	 * Create a new instance.
	 * @param registry the registry
	 */
	public MySqlErrorMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onError(MySqlError error, Throwable failure, @Nullable String pool) {
		if (!markCounted(failure)) {
			return;
		}
		String poolTag = (pool != null) ? pool : MySqlMeters.NO_POOL;
		Counter.builder(MySqlMeters.ERRORS)
			.description("MySQL failures, by category and code")
			.tag(MySqlMeters.CATEGORY, error.category().name())
			.tag(MySqlMeters.CODE, codeTag(error.code()))
			.tag(MySqlMeters.POOL, poolTag)
			.register(this.registry)
			.increment();
		if (error.category() == MySqlErrorCategory.STREAM_ABORTED) {
			Counter.builder(MySqlMeters.STREAM_ABORTS)
				.description("Streaming result sets aborted by a failure")
				.tag(MySqlMeters.POOL, poolTag)
				.register(this.registry)
				.increment();
		}
	}

	/**
	 * Mark the failure and the exceptions linked to it as counted.
	 * @return whether it was not counted yet
	 */
	private boolean markCounted(Throwable failure) {
		this.countedLock.lock();
		try {
			if (this.counted.contains(failure)) {
				return false;
			}
			Throwable current = failure;
			for (int i = 0; current != null && i < MAX_LINKS; i++) {
				this.counted.add(current);
				Throwable next = (current instanceof SQLException sqlException) ? sqlException.getNextException()
						: null;
				current = (next != null) ? next : current.getCause();
			}
			return true;
		}
		finally {
			this.countedLock.unlock();
		}
	}

	static String codeTag(int code) {
		if (code <= 0) {
			return "none";
		}
		return MySqlErrors.isKnownCode(code) ? Integer.toString(code) : "other";
	}

}
