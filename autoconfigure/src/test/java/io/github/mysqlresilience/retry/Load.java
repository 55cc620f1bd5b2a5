package io.github.mysqlresilience.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrors;
import org.jspecify.annotations.Nullable;

/**
 * Concurrent callers that call the same operation in a loop, with a short pause, and
 * record every call: when it ended, how long it took, and the category of its failure.
 */
final class Load implements AutoCloseable {

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final ExecutorService executor;

	private volatile boolean running = true;

	private Load(int callers, Runnable operation, long pauseMillis) {
		this.executor = Executors.newFixedThreadPool(callers);
		for (int i = 0; i < callers; i++) {
			this.executor.execute(() -> {
				while (this.running) {
					long started = System.nanoTime();
					MySqlErrorCategory failure = null;
					try {
						operation.run();
					}
					catch (RuntimeException ex) {
						failure = MySqlErrors.classify(ex).map((error) -> error.category())
							.orElse(MySqlErrorCategory.OTHER);
					}
					this.calls.add(new Call(started, System.nanoTime(), failure));
					sleep(pauseMillis);
				}
			});
		}
	}

	static Load start(int callers, Runnable operation, long pauseMillis) {
		return new Load(callers, operation, pauseMillis);
	}

	List<Call> calls() {
		return new ArrayList<>(this.calls);
	}

	List<Call> failures() {
		return calls().stream().filter((call) -> call.failure() != null).toList();
	}

	long longestCallMillis() {
		return calls().stream().mapToLong((call) -> TimeUnit.NANOSECONDS.toMillis(call.ended() - call.started()))
			.max()
			.orElse(0);
	}

	/**
	 * Return the first successful call that started after the given time.
	 */
	@Nullable Call firstSuccessAfter(long nanos) {
		return calls().stream()
			.filter((call) -> call.failure() == null && call.ended() > nanos)
			.min((a, b) -> Long.compare(a.ended(), b.ended()))
			.orElse(null);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.executor.shutdown();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Call(long started, long ended, @Nullable MySqlErrorCategory failure) {
	}

}
