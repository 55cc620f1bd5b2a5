package io.github.mysqlresilience.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Reads the slices of a scan on several threads, each holding a connection only while it
 * reads a chunk. Each thread takes the next unread slice, in slice order, and reads it to
 * its end. Memory is bounded: a thread waits while its queue holds {@value #QUEUED}
 * chunks per thread (unordered) or per slice (in key order). In key order the consumer
 * takes slice after slice, so the other threads read at most {@value #QUEUED} chunks
 * ahead; out of order it takes whichever chunk is ready first.
 */
final class ParallelChunkFeed<T> implements ChunkFeed<T> {

	static final int QUEUED = 2;

	private static final AtomicInteger SCANS = new AtomicInteger();

	private final List<SliceReader<T>> slices;

	private final boolean inKeyOrder;

	private final List<BlockingQueue<Item<T>>> queues = new ArrayList<>();

	private final AtomicInteger nextSlice = new AtomicInteger();

	private final ExecutorService threads;

	private int completed;

	private int current;

	ParallelChunkFeed(List<SliceReader<T>> slices, int threadCount, boolean inKeyOrder) {
		this.slices = slices;
		this.inKeyOrder = inKeyOrder;
		if (inKeyOrder) {
			slices.forEach((slice) -> this.queues.add(new ArrayBlockingQueue<>(QUEUED)));
		}
		else {
			this.queues.add(new ArrayBlockingQueue<>(QUEUED * threadCount));
		}
		this.threads = Executors.newFixedThreadPool(threadCount, threadFactory());
		for (int i = 0; i < threadCount; i++) {
			this.threads.execute(this::readSlices);
		}
	}

	private static ThreadFactory threadFactory() {
		int scan = SCANS.incrementAndGet();
		AtomicInteger thread = new AtomicInteger();
		return (task) -> {
			Thread reader = new Thread(task, "keyset-scan-" + scan + "-" + thread.incrementAndGet());
			reader.setDaemon(true);
			return reader;
		};
	}

	private void readSlices() {
		try {
			for (int index = this.nextSlice.getAndIncrement(); index < this.slices.size(); index = this.nextSlice
				.getAndIncrement()) {
				BlockingQueue<Item<T>> queue = this.queues.get(this.inKeyOrder ? index : 0);
				try {
					for (Chunk<T> chunk = this.slices.get(index).next(); chunk != null; chunk = this.slices.get(index)
						.next()) {
						queue.put(new Item<>(chunk, null));
					}
				}
				catch (RuntimeException | Error ex) {
					queue.put(new Item<>(null, ex));
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			// The scan was closed
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public @Nullable Chunk<T> next() {
		while (this.completed < this.slices.size()) {
			Item<T> item = take(this.queues.get(this.inKeyOrder ? this.current : 0));
			if (item.failure() instanceof RuntimeException ex) {
				throw ex;
			}
			if (item.failure() instanceof Error error) {
				throw error;
			}
			Chunk<T> chunk = item.chunk();
			if (chunk != null && chunk.complete()) {
				this.completed++;
				this.current++;
			}
			if (chunk != null) {
				return chunk;
			}
		}
		return null;
	}

	private Item<T> take(BlockingQueue<Item<T>> queue) {
		try {
			return queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the next chunk of a parallel keyset scan",
					ex);
		}
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

	private record Item<T>(@Nullable Chunk<T> chunk, @Nullable Throwable failure) {
	}

}
