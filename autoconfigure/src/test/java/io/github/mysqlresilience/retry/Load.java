package io.github.mysqlresilience.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.test.VirtualThreads;
import org.jspecify.annotations.Nullable;

/**
 * Concurrent callers that call the same operation in a loop, with a short pause, and
 * record every call: when it ended, how long it took, and the category of its failure.
 */
final class Load implements AutoCloseable {

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final @Nullable ExecutorService owned;

	private final CountDownLatch finished;

	private final AtomicInteger virtualCallers = new AtomicInteger();

	private volatile boolean running = true;

	private Load(Executor executor, @Nullable ExecutorService owned, int callers, Runnable operation,
			long pauseMillis) {
		this.owned = owned;
		this.finished = new CountDownLatch(callers);
		for (int i = 0; i < callers; i++) {
			executor.execute(() -> {
				if (VirtualThreads.isVirtual(Thread.currentThread())) {
					this.virtualCallers.incrementAndGet();
				}
				try {
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
				}
				finally {
					this.finished.countDown();
				}
			});
		}
	}

	/**
	 * Start callers on threads of their own.
	 */
	static Load start(int callers, Runnable operation, long pauseMillis) {
		ExecutorService threads = Executors.newFixedThreadPool(callers);
		return new Load(threads, threads, callers, operation, pauseMillis);
	}

	/**
	 * Start callers on the given executor (the application's, for virtual threads).
	 */
	static Load start(Executor executor, int callers, Runnable operation, long pauseMillis) {
		return new Load(executor, null, callers, operation, pauseMillis);
	}

	/**
	 * Return how many callers ran on a virtual thread.
	 */
	int virtualCallers() {
		return this.virtualCallers.get();
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
		this.finished.await(30, TimeUnit.SECONDS);
		if (this.owned != null) {
			this.owned.shutdown();
		}
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
