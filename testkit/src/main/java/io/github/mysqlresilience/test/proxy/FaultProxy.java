package io.github.mysqlresilience.test.proxy;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on the loopback interface that sits in front of one or more upstream
 * servers (typically MySQL) and lets a test make them go away for real: cut the open
 * connections, refuse new ones, black-hole the traffic, add latency or route new
 * connections to another upstream, as when DNS or a virtual IP moves.
 * <p>
 * By default the proxy passes traffic through unchanged. Each accepted connection is
 * served by two threads of a bounded pool (one per direction) and the number of
 * concurrent connections is capped; a connection beyond the cap is closed straight
 * away. All threads are daemon threads named {@code fault-proxy-<port>-...}. When one
 * side of a proxied connection closes, both sides are closed.
 * <p>
 * Instances are thread-safe. Use {@link #close()}, typically in a
 * try-with-resources block or an {@code @AfterAll} method, to release the port and the
 * threads.
 *
 * @since 0.1.0
 */
public final class FaultProxy implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final int DEFAULT_MAX_CONNECTIONS = 200;

	private static final int THREADS_PER_CONNECTION = 2;

	private static final int BACKLOG = 50;

	private static final int BUFFER_SIZE = 16 * 1024;

	private static final byte[] NO_BYTES = {};

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private static final int BLACK_HOLE_POLL_MILLIS = 100;

	private static final long ACCEPT_BACKOFF_MILLIS = 50;

	private static final long IDLE_THREAD_KEEP_ALIVE_SECONDS = 30;

	private static final long SHUTDOWN_TIMEOUT_MILLIS = 2000;

	private final List<InetSocketAddress> targets;

	private final int port;

	private final int maxConnections;

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final Object monitor = new Object();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicInteger accepted = new AtomicInteger();

	private final ThreadPoolExecutor executor;

	private final Thread acceptor;

	private volatile @Nullable ServerSocket serverSocket;

	// Guarded by monitor: the socket the acceptor is blocked on, if any
	private @Nullable ServerSocket accepting;

	private volatile boolean blackHole;

	private volatile long latencyNanos;

	private volatile int target;

	private FaultProxy(ServerSocket serverSocket, int maxConnections, List<InetSocketAddress> targets) {
		this.serverSocket = serverSocket;
		this.port = serverSocket.getLocalPort();
		this.maxConnections = maxConnections;
		this.targets = targets;
		this.executor = new ThreadPoolExecutor(0, maxConnections * THREADS_PER_CONNECTION,
				IDLE_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), workerThreadFactory());
		this.acceptor = newDaemonThread(this::acceptConnections, "acceptor");
	}

	/**
	 * Start a proxy on a free loopback port in front of the given targets. New
	 * connections go to the first target until {@link #routeTo(int)} is called.
	 * @param targets the upstream addresses, at least one
	 * @return the started proxy
	 * @throws UncheckedIOException if the proxy cannot listen
	 */
	public static FaultProxy start(InetSocketAddress... targets) {
		return start(0, targets);
	}

	/**
	 * Start a proxy on the given loopback port in front of the given targets, accepting
	 * up to 200 concurrent connections.
	 * @param listenPort the port to listen on, or {@code 0} for a free port
	 * @param targets the upstream addresses, at least one
	 * @return the started proxy
	 * @throws UncheckedIOException if the proxy cannot listen on the port
	 */
	public static FaultProxy start(int listenPort, InetSocketAddress... targets) {
		return start(listenPort, DEFAULT_MAX_CONNECTIONS, targets);
	}

	/**
	 * Start a proxy on the given loopback port in front of the given targets, accepting
	 * up to {@code maxConnections} concurrent connections. Further connections are
	 * accepted and closed straight away.
	 * @param listenPort the port to listen on, or {@code 0} for a free port
	 * @param maxConnections the maximum number of concurrent proxied connections
	 * @param targets the upstream addresses, at least one
	 * @return the started proxy
	 * @throws UncheckedIOException if the proxy cannot listen on the port
	 */
	public static FaultProxy start(int listenPort, int maxConnections, InetSocketAddress... targets) {
		if (listenPort < 0 || listenPort > 0xFFFF) {
			throw new IllegalArgumentException("'listenPort' must be between 0 and 65535");
		}
		if (maxConnections < 1 || maxConnections > Integer.MAX_VALUE / THREADS_PER_CONNECTION) {
			throw new IllegalArgumentException("'maxConnections' must be positive and not absurdly large");
		}
		FaultProxy proxy = new FaultProxy(bind(listenPort), maxConnections, validateTargets(targets));
		proxy.acceptor.start();
		return proxy;
	}

	private static List<InetSocketAddress> validateTargets(InetSocketAddress[] targets) {
		Objects.requireNonNull(targets, "'targets' must not be null");
		if (targets.length == 0) {
			throw new IllegalArgumentException("'targets' must not be empty");
		}
		for (InetSocketAddress target : targets) {
			Objects.requireNonNull(target, "'targets' must not contain null elements");
		}
		return List.of(targets);
	}

	private static ServerSocket bind(int port) {
		ServerSocket serverSocket = null;
		try {
			serverSocket = new ServerSocket();
			serverSocket.setReuseAddress(true);
			serverSocket.bind(new InetSocketAddress(HOST, port), BACKLOG);
			return serverSocket;
		}
		catch (IOException ex) {
			closeQuietly(serverSocket);
			throw new UncheckedIOException("Unable to listen on " + HOST + ":" + port, ex);
		}
	}

	/**
	 * Return the host that the proxy listens on.
	 * @return always {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * Return the port that the proxy listens on. The port does not change when
	 * connections are refused and accepted again.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the number of open proxied connections, including black-holed ones.
	 * @return the number of open connections
	 */
	public int activeConnections() {
		return this.connections.size();
	}

	/**
	 * Return how many connections the proxy has accepted since it started: every
	 * connection attempt that reached it, whether or not the upstream answered.
	 * @return the number of accepted connections
	 */
	public int acceptedConnections() {
		return this.accepted.get();
	}

	/**
	 * Return the index of the target that new connections are sent to.
	 * @return the index of the current target
	 */
	public int target() {
		return this.target;
	}

	/**
	 * Close every open proxied connection now, on both sides. New connections are still
	 * accepted.
	 */
	public void cutConnections() {
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	/**
	 * Refuse or accept new connections. When refusing, the listening socket is closed so
	 * that a new connection attempt fails with {@code ECONNREFUSED}; open connections are
	 * not affected (combine with {@link #cutConnections()} to simulate a server that
	 * went down). When accepting again, the proxy listens on the same port.
	 * @param refuse {@code true} to refuse new connections, {@code false} to accept them
	 * @throws IllegalStateException if {@code refuse} is {@code false} and the proxy is
	 * closed
	 * @throws UncheckedIOException if the port cannot be bound again
	 */
	public void refuseConnections(boolean refuse) {
		if (refuse) {
			stopListening();
			return;
		}
		if (this.closed.get()) {
			throw new IllegalStateException("FaultProxy on port " + this.port + " is closed");
		}
		listen();
	}

	/**
	 * Switch the black hole on or off. While it is on, new connections are accepted but
	 * neither connected upstream nor answered, and the data on open connections is read
	 * and dropped in both directions, so a client only notices through its own timeouts.
	 * When it is switched off, open connections forward data again (dropped data is not
	 * delivered) and connections accepted in the meantime are connected upstream.
	 * @param on whether the black hole is on
	 */
	public void blackHole(boolean on) {
		this.blackHole = on;
	}

	/**
	 * Set a delay added before each chunk of data is forwarded, in both directions.
	 * @param latency the delay, {@link Duration#ZERO} for none
	 */
	public void latency(Duration latency) {
		Objects.requireNonNull(latency, "'latency' must not be null");
		if (latency.isNegative()) {
			throw new IllegalArgumentException("'latency' must not be negative");
		}
		this.latencyNanos = latency.toNanos();
	}

	/**
	 * Send new connections to another target. Open connections stay connected to their
	 * target, as when DNS or a virtual IP moves.
	 * @param targetIndex the index of the target, in the order given to {@code start}
	 */
	public void routeTo(int targetIndex) {
		if (targetIndex < 0 || targetIndex >= this.targets.size()) {
			throw new IllegalArgumentException(
					"'targetIndex' must be between 0 and " + (this.targets.size() - 1) + " but was " + targetIndex);
		}
		this.target = targetIndex;
	}

	/**
	 * Return to pass-through: no black hole, no latency, new connections to the first
	 * target and accepted (unless the proxy is closed). Open connections are left alone.
	 */
	public void reset() {
		this.blackHole = false;
		this.latencyNanos = 0;
		this.target = 0;
		listen();
	}

	/**
	 * Stop accepting, close every connection and stop the threads, waiting briefly for
	 * them to finish. Calling this method more than once has no effect.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		stopListening();
		this.executor.shutdownNow();
		cutConnections();
		awaitTermination();
		cutConnections();
	}

	private void listen() {
		synchronized (this.monitor) {
			if (!this.closed.get() && this.serverSocket == null) {
				this.serverSocket = bind(this.port);
				this.monitor.notifyAll();
			}
		}
	}

	private void stopListening() {
		synchronized (this.monitor) {
			ServerSocket serverSocket = this.serverSocket;
			this.serverSocket = null;
			this.monitor.notifyAll();
			if (serverSocket != null) {
				closeQuietly(serverSocket);
				awaitAcceptReturned(serverSocket);
			}
		}
	}

	/**
	 * Wait for the acceptor to return from {@code accept()} on a socket that was just
	 * closed: until it does, the kernel keeps the socket listening and would still
	 * queue new connections (and the port could not be bound again).
	 */
	private void awaitAcceptReturned(ServerSocket serverSocket) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_TIMEOUT_MILLIS);
		try {
			while (this.accepting == serverSocket) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitTermination() {
		try {
			this.executor.awaitTermination(SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			this.acceptor.join(SHUTDOWN_TIMEOUT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void acceptConnections() {
		ServerSocket serverSocket;
		while ((serverSocket = awaitServerSocket()) != null) {
			Socket client = accept(serverSocket);
			if (client != null) {
				handle(client);
			}
			else {
				backOffIfStillListening(serverSocket);
			}
		}
	}

	private @Nullable ServerSocket awaitServerSocket() {
		synchronized (this.monitor) {
			while (!this.closed.get() && this.serverSocket == null) {
				try {
					this.monitor.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
			this.accepting = (!this.closed.get()) ? this.serverSocket : null;
			return this.accepting;
		}
	}

	private @Nullable Socket accept(ServerSocket serverSocket) {
		try {
			return serverSocket.accept();
		}
		catch (IOException ex) {
			return null;
		}
		finally {
			synchronized (this.monitor) {
				this.accepting = null;
				this.monitor.notifyAll();
			}
		}
	}

	private void backOffIfStillListening(ServerSocket serverSocket) {
		// A closed socket means refuseConnections(true) or close(): no need to wait
		if (!serverSocket.isClosed()) {
			try {
				Thread.sleep(ACCEPT_BACKOFF_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void handle(Socket client) {
		this.accepted.incrementAndGet();
		if (this.closed.get() || this.connections.size() >= this.maxConnections) {
			closeQuietly(client);
			return;
		}
		Connection connection = new Connection(client);
		this.connections.add(connection);
		try {
			this.executor.execute(connection::open);
		}
		catch (RejectedExecutionException ex) {
			connection.close();
		}
	}

	private ThreadFactory workerThreadFactory() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> newDaemonThread(runnable, "worker-" + count.incrementAndGet());
	}

	private Thread newDaemonThread(Runnable runnable, String suffix) {
		Thread thread = new Thread(runnable, "fault-proxy-" + this.port + "-" + suffix);
		thread.setDaemon(true);
		return thread;
	}

	private static void closeQuietly(@Nullable Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				// Ignore
			}
		}
	}

	/**
	 * A proxied connection: the accepted client socket and the socket to the upstream
	 * target.
	 */
	private final class Connection {

		private final Socket client;

		private final Socket upstream = new Socket();

		private final AtomicBoolean closed = new AtomicBoolean();

		Connection(Socket client) {
			this.client = client;
		}

		void open() {
			try {
				this.client.setTcpNoDelay(true);
				this.upstream.setTcpNoDelay(true);
				byte[] pending = drainWhileBlackHoled();
				this.upstream.connect(FaultProxy.this.targets.get(FaultProxy.this.target), CONNECT_TIMEOUT_MILLIS);
				this.upstream.getOutputStream().write(pending);
			}
			catch (IOException ex) {
				// The client sees the connection close, as behind a load balancer
				close();
				return;
			}
			try {
				FaultProxy.this.executor.execute(() -> forward(this.upstream, this.client));
			}
			catch (RejectedExecutionException ex) {
				close();
				return;
			}
			forward(this.client, this.upstream);
		}

		/**
		 * Read and drop what the client sends while the black hole is on.
		 * @return what was read just after the black hole was switched off, to forward
		 */
		private byte[] drainWhileBlackHoled() throws IOException {
			if (!FaultProxy.this.blackHole) {
				return NO_BYTES;
			}
			this.client.setSoTimeout(BLACK_HOLE_POLL_MILLIS);
			InputStream input = this.client.getInputStream();
			byte[] buffer = new byte[BUFFER_SIZE];
			int read = 0;
			while (FaultProxy.this.blackHole) {
				read = readOrTimeOut(input, buffer);
			}
			this.client.setSoTimeout(0);
			return Arrays.copyOf(buffer, read);
		}

		private int readOrTimeOut(InputStream input, byte[] buffer) throws IOException {
			try {
				int read = input.read(buffer);
				if (read == -1) {
					throw new EOFException("Client closed a black-holed connection");
				}
				return read;
			}
			catch (SocketTimeoutException ex) {
				return 0;
			}
		}

		private void forward(Socket from, Socket to) {
			byte[] buffer = new byte[BUFFER_SIZE];
			try {
				InputStream input = from.getInputStream();
				OutputStream output = to.getOutputStream();
				int read;
				while ((read = input.read(buffer)) != -1) {
					delay();
					if (!FaultProxy.this.blackHole) {
						output.write(buffer, 0, read);
					}
				}
			}
			catch (IOException ex) {
				// Closed by either side or by the proxy
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				close();
			}
		}

		private void delay() throws InterruptedException {
			long nanos = FaultProxy.this.latencyNanos;
			if (nanos > 0) {
				TimeUnit.NANOSECONDS.sleep(nanos);
			}
		}

		void close() {
			if (this.closed.compareAndSet(false, true)) {
				FaultProxy.this.connections.remove(this);
				closeQuietly(this.client);
				closeQuietly(this.upstream);
			}
		}

	}

}
