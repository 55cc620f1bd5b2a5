package io.github.mysqlresilience.sample.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mysqlresilience.commit.CommitOutcomeUnknownException;
import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.sample.bank.Transfer;
import io.github.mysqlresilience.sample.bank.TransferService;
import io.github.mysqlresilience.test.VirtualThreads;
import org.jspecify.annotations.Nullable;

/**
 * Concurrent callers of the bank: half write, transfers (each with a new idempotency key)
 * and deposits (with none) in turn, half read a slow report. Every call is recorded.
 */
final class Workload implements AutoCloseable {

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Executor executor;

	private final @Nullable ExecutorService owned;

	private final CountDownLatch finished;

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLong virtualCallers = new AtomicLong();

	private final TransferService bank;

	private final String keyPrefix;

	private volatile boolean running = true;

	/**
	 * Start the callers.
	 * @param bank the service
	 * @param callers how many
	 * @param keyPrefix the prefix of the idempotency keys and references
	 * @param executor the executor of the callers (the application's, for virtual
	 * threads), or {@code null} for threads of their own
	 */
	Workload(TransferService bank, int callers, String keyPrefix, @Nullable Executor executor) {
		this.bank = bank;
		this.keyPrefix = keyPrefix;
		this.owned = (executor != null) ? null : Executors.newFixedThreadPool(callers + 8);
		this.executor = (executor != null) ? executor : this.owned;
		this.finished = new CountDownLatch(callers);
		for (int i = 0; i < callers; i++) {
			boolean writer = i % 2 == 0;
			this.executor.execute(() -> {
				if (VirtualThreads.isVirtual(Thread.currentThread())) {
					this.virtualCallers.incrementAndGet();
				}
				try {
					long writes = 0;
					while (this.running) {
						if (writer) {
							this.calls.add((writes++ % 2 == 0) ? transfer(bank, keyPrefix) : deposit(bank, keyPrefix));
						}
						else {
							this.calls.add(read(bank));
						}
						pause(10);
					}
				}
				finally {
					this.finished.countDown();
				}
			});
		}
	}

	/**
	 * Run 4 pairs of extra callers for a while, each pair transferring between the same
	 * two accounts in opposite orders as fast as it can; their calls are recorded too.
	 * @param duration how long
	 */
	void contention(Duration duration) {
		CountDownLatch pairs = new CountDownLatch(8);
		long end = System.nanoTime() + duration.toNanos();
		for (int i = 0; i < 8; i++) {
			long first = 1 + 2 * (i / 2);
			long from = (i % 2 == 0) ? first : first + 1;
			long to = (i % 2 == 0) ? first + 1 : first;
			this.executor.execute(() -> {
				try {
					while (System.nanoTime() - end < 0) {
						this.calls.add(transfer(this.bank, this.keyPrefix, from, to));
					}
				}
				finally {
					pairs.countDown();
				}
			});
		}
		try {
			pairs.await(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Call transfer(TransferService bank, String keyPrefix) {
		long from = ThreadLocalRandom.current().nextLong(1, 9);
		return transfer(bank, keyPrefix, from, (from % 8) + 1);
	}

	private Call transfer(TransferService bank, String keyPrefix, long from, long to) {
		String key = keyPrefix + "-" + this.sequence.incrementAndGet();
		long started = System.nanoTime();
		try {
			bank.transfer(new Transfer(key, from, to, 1));
			return new Call(started, System.nanoTime(), true, key, null, null, false);
		}
		catch (RuntimeException ex) {
			return new Call(started, System.nanoTime(), false, null, null, describe(ex), toldOutcomeUnknown(ex));
		}
	}

	private Call deposit(TransferService bank, String keyPrefix) {
		String reference = keyPrefix + "-d" + this.sequence.incrementAndGet();
		long account = ThreadLocalRandom.current().nextLong(1, 9);
		long started = System.nanoTime();
		try {
			bank.deposit(account, 1, reference);
			return new Call(started, System.nanoTime(), true, null, reference, null, false);
		}
		catch (RuntimeException ex) {
			return new Call(started, System.nanoTime(), false, null, reference, describe(ex), toldOutcomeUnknown(ex));
		}
	}

	private Call read(TransferService bank) {
		long started = System.nanoTime();
		try {
			bank.report();
			return new Call(started, System.nanoTime(), true, null, null, null, false);
		}
		catch (RuntimeException ex) {
			return new Call(started, System.nanoTime(), false, null, null, describe(ex), toldOutcomeUnknown(ex));
		}
	}

	/**
	 * What a failure was: its type and the MySQL category the starter gives it (no
	 * message: it may hold values).
	 */
	/**
	 * Whether the failure told the caller that its COMMIT was lost and its outcome not
	 * known yet (the starter's commit-outcome resolution, unresolved by the deadline: it
	 * goes on in the background).
	 */
	private static boolean toldOutcomeUnknown(RuntimeException failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++) {
			if (cause instanceof CommitOutcomeUnknownException) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private static String describe(RuntimeException failure) {
		return failure.getClass().getSimpleName() + MySqlErrors.classify(failure)
			.map((error) -> " (" + error.category() + ", " + error.retrySafety() + ")")
			.orElse("");
	}


	/**
	 * Return how many of the callers ran on a virtual thread.
	 * @return the number of virtual callers
	 */
	long virtualCallers() {
		return this.virtualCallers.get();
	}

	List<Call> calls() {
		return new ArrayList<>(this.calls);
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.finished.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.owned != null) {
			this.owned.shutdown();
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
	 * @param depositReference the reference of a deposit (acknowledged or not)
	 * @param failure what the failure was, or {@code null} for a success
	 * @param outcomeUnknown whether the failure told the caller that its COMMIT's outcome
	 * was not known yet
	 */
	record Call(long started, long ended, boolean succeeded, @Nullable String transferKey,
			@Nullable String depositReference, @Nullable String failure, boolean outcomeUnknown) {

		long millis() {
			return TimeUnit.NANOSECONDS.toMillis(this.ended - this.started);
		}

	}

}
