package io.github.mysqlresilience.sample.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mysqlresilience.sample.bank.Transfer;
import io.github.mysqlresilience.sample.bank.TransferService;
import org.jspecify.annotations.Nullable;

/**
 * Concurrent callers of the bank: half transfer (each with a new idempotency key), half
 * read a slow report. Every call is recorded.
 */
final class Workload implements AutoCloseable {

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final ExecutorService executor;

	private final AtomicLong sequence = new AtomicLong();

	private volatile boolean running = true;

	Workload(TransferService bank, int callers, String keyPrefix) {
		this.executor = Executors.newFixedThreadPool(callers);
		for (int i = 0; i < callers; i++) {
			boolean writer = i % 2 == 0;
			this.executor.execute(() -> {
				while (this.running) {
					this.calls.add(writer ? transfer(bank, keyPrefix) : read(bank));
					pause(10);
				}
			});
		}
	}

	private Call transfer(TransferService bank, String keyPrefix) {
		String key = keyPrefix + "-" + this.sequence.incrementAndGet();
		long from = ThreadLocalRandom.current().nextLong(1, 9);
		long to = (from % 8) + 1;
		long started = System.nanoTime();
		try {
			bank.transfer(new Transfer(key, from, to, 1));
			return new Call(started, System.nanoTime(), true, key);
		}
		catch (RuntimeException ex) {
			return new Call(started, System.nanoTime(), false, null);
		}
	}

	private Call read(TransferService bank) {
		long started = System.nanoTime();
		try {
			bank.report();
			return new Call(started, System.nanoTime(), true, null);
		}
		catch (RuntimeException ex) {
			return new Call(started, System.nanoTime(), false, null);
		}
	}

	List<Call> calls() {
		return new ArrayList<>(this.calls);
	}

	@Override
	public void close() {
		this.running = false;
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One call.
	 *
	 * @param started when it started
	 * @param ended when it ended
	 * @param succeeded whether it succeeded
	 * @param transferKey the idempotency key of an acknowledged transfer
	 */
	record Call(long started, long ended, boolean succeeded, @Nullable String transferKey) {

		long millis() {
			return TimeUnit.NANOSECONDS.toMillis(this.ended - this.started);
		}

	}

}
