package io.github.mysqlresilience.test.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FaultProxy}, against loopback echo servers.
 */
class FaultProxyTests {

	private static final int READ_TIMEOUT_MILLIS = 3000;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private EchoServer echoA;

	private EchoServer echoB;

	@BeforeEach
	void startEchoServers() throws IOException {
		this.echoA = register(new EchoServer("A:"));
		this.echoB = register(new EchoServer("B:"));
	}

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void passesTrafficThrough() throws IOException {
		FaultProxy proxy = startProxy();
		assertThat(proxy.host()).isEqualTo("127.0.0.1");
		assertThat(proxy.port()).isPositive();
		Socket client = connect(proxy);
		assertThat(exchange(client, "hello")).isEqualTo("A:hello");
		assertThat(exchange(client, "again")).isEqualTo("A:again");
		assertThat(proxy.activeConnections()).isEqualTo(1);
	}

	@Test
	void cutConnectionsClosesOpenConnectionsAndStillAcceptsNewOnes() throws IOException {
		FaultProxy proxy = startProxy();
		Socket client = connect(proxy);
		assertThat(exchange(client, "before")).isEqualTo("A:before");
		proxy.cutConnections();
		assertThat(proxy.activeConnections()).isZero();
		assertThat(isClosedByPeer(client)).isTrue();
		Socket another = connect(proxy);
		assertThat(exchange(another, "after")).isEqualTo("A:after");
	}

	@Test
	void refuseConnectionsRefusesNewConnectionsAndAcceptsAgainOnTheSamePort() throws IOException {
		FaultProxy proxy = startProxy();
		int port = proxy.port();
		Socket open = connect(proxy);
		assertThat(exchange(open, "open")).isEqualTo("A:open");
		proxy.refuseConnections(true);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(proxy));
		proxy.refuseConnections(false);
		assertThat(proxy.port()).isEqualTo(port);
		Socket client = connect(proxy);
		assertThat(exchange(client, "back")).isEqualTo("A:back");
		assertThat(exchange(open, "still open")).isEqualTo("A:still open");
	}

	@Test
	void blackHoleMakesReadsTimeOutOnOpenAndNewConnections() throws IOException {
		FaultProxy proxy = startProxy();
		Socket open = connect(proxy);
		assertThat(exchange(open, "before")).isEqualTo("A:before");
		proxy.blackHole(true);
		assertReadTimesOutAfterOneSecond(open, "lost");
		Socket fresh = connect(proxy);
		assertReadTimesOutAfterOneSecond(fresh, "lost too");
		proxy.blackHole(false);
		assertThat(exchange(open, "after")).isEqualTo("A:after");
		assertThat(exchange(fresh, "after")).isEqualTo("A:after");
		Socket later = connect(proxy);
		assertThat(exchange(later, "later")).isEqualTo("A:later");
	}

	@Test
	void latencyDelaysEachDirection() throws IOException {
		FaultProxy proxy = startProxy();
		Socket client = connect(proxy);
		assertThat(exchange(client, "warm up")).isEqualTo("A:warm up");
		proxy.latency(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(exchange(client, "slow")).isEqualTo("A:slow");
		long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertThat(elapsedMillis).isGreaterThanOrEqualTo(600);
	}

	@Test
	void routeToSendsNewConnectionsToAnotherTargetAndLeavesOpenOnesAlone() throws IOException {
		FaultProxy proxy = startProxy();
		Socket old = connect(proxy);
		assertThat(exchange(old, "one")).isEqualTo("A:one");
		proxy.routeTo(1);
		assertThat(proxy.target()).isEqualTo(1);
		Socket moved = connect(proxy);
		assertThat(exchange(moved, "two")).isEqualTo("B:two");
		assertThat(exchange(old, "three")).isEqualTo("A:three");
	}

	@Test
	void resetReturnsToPassThrough() throws IOException {
		FaultProxy proxy = startProxy();
		proxy.routeTo(1);
		proxy.latency(Duration.ofSeconds(10));
		proxy.blackHole(true);
		proxy.refuseConnections(true);
		proxy.reset();
		assertThat(proxy.target()).isZero();
		Socket client = connect(proxy);
		assertThat(exchange(client, "normal")).isEqualTo("A:normal");
	}

	@Test
	void failureToConnectUpstreamClosesTheClient() throws IOException {
		InetSocketAddress nothingListening = freeLoopbackAddress();
		FaultProxy proxy = register(FaultProxy.start(nothingListening));
		Socket client = connect(proxy);
		assertThat(isClosedByPeer(client)).isTrue();
		awaitCondition(() -> proxy.activeConnections() == 0);
		assertThat(proxy.activeConnections()).isZero();
	}

	@Test
	void connectionsBeyondTheMaximumAreClosed() throws IOException {
		FaultProxy proxy = register(FaultProxy.start(0, 1, this.echoA.address()));
		Socket first = connect(proxy);
		assertThat(exchange(first, "first")).isEqualTo("A:first");
		Socket second = connect(proxy);
		assertThat(isClosedByPeer(second)).isTrue();
		assertThat(exchange(first, "still")).isEqualTo("A:still");
		assertThat(proxy.activeConnections()).isEqualTo(1);
	}

	@Test
	void closeClosesConnectionsAndStopsThreads() throws IOException {
		FaultProxy proxy = startProxy();
		String threadPrefix = "fault-proxy-" + proxy.port() + "-";
		Socket first = connect(proxy);
		Socket second = connect(proxy);
		assertThat(exchange(first, "one")).isEqualTo("A:one");
		assertThat(exchange(second, "two")).isEqualTo("A:two");
		assertThat(proxy.activeConnections()).isEqualTo(2);
		assertThat(proxyThreadsAlive(threadPrefix)).isTrue();
		proxy.close();
		proxy.close();
		assertThat(proxy.activeConnections()).isZero();
		assertThat(isClosedByPeer(first)).isTrue();
		assertThat(isClosedByPeer(second)).isTrue();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(proxy));
		awaitCondition(() -> !proxyThreadsAlive(threadPrefix));
		assertThat(proxyThreadsAlive(threadPrefix)).isFalse();
	}

	private FaultProxy startProxy() {
		return register(FaultProxy.start(this.echoA.address(), this.echoB.address()));
	}

	private Socket connect(FaultProxy proxy) throws IOException {
		Socket socket = register(new Socket());
		socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), READ_TIMEOUT_MILLIS);
		socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		socket.setTcpNoDelay(true);
		return socket;
	}

	private <T extends AutoCloseable> T register(T resource) {
		this.resources.add(resource);
		return resource;
	}

	private void assertReadTimesOutAfterOneSecond(Socket socket, String line) throws IOException {
		socket.setSoTimeout(1000);
		send(socket, line);
		long start = System.nanoTime();
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.getInputStream().read());
		long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertThat(elapsedMillis).isGreaterThanOrEqualTo(900).isLessThan(5000);
		socket.setSoTimeout(READ_TIMEOUT_MILLIS);
	}

	private static String exchange(Socket socket, String line) throws IOException {
		send(socket, line);
		return readLine(socket);
	}

	private static void send(Socket socket, String line) throws IOException {
		OutputStream output = socket.getOutputStream();
		output.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		output.flush();
	}

	private static String readLine(Socket socket) throws IOException {
		InputStream input = socket.getInputStream();
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int read;
		while ((read = input.read()) != '\n') {
			if (read == -1) {
				throw new IOException("Connection closed after '" + line.toString(StandardCharsets.UTF_8) + "'");
			}
			line.write(read);
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	private static boolean isClosedByPeer(Socket socket) {
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static boolean proxyThreadsAlive(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.isAlive() && thread.getName().startsWith(prefix));
	}

	private static void awaitCondition(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static InetSocketAddress freeLoopbackAddress() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
		}
	}

	/**
	 * A line-based echo server on the loopback interface that prefixes each answer.
	 */
	private static final class EchoServer implements AutoCloseable {

		private final String prefix;

		private final ServerSocket serverSocket;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		EchoServer(String prefix) throws IOException {
			this.prefix = prefix;
			this.serverSocket = new ServerSocket();
			this.serverSocket.bind(new InetSocketAddress("127.0.0.1", 0));
			Thread acceptor = new Thread(this::acceptConnections, "echo-" + this.serverSocket.getLocalPort());
			acceptor.setDaemon(true);
			acceptor.start();
		}

		InetSocketAddress address() {
			return new InetSocketAddress("127.0.0.1", this.serverSocket.getLocalPort());
		}

		private void acceptConnections() {
			try {
				while (true) {
					Socket socket = this.serverSocket.accept();
					this.sockets.add(socket);
					Thread echo = new Thread(() -> echo(socket), "echo-" + socket.getPort());
					echo.setDaemon(true);
					echo.start();
				}
			}
			catch (IOException ex) {
				// Closed
			}
		}

		private void echo(Socket socket) {
			try (socket) {
				while (true) {
					String line = readLine(socket);
					send(socket, this.prefix + line);
				}
			}
			catch (IOException ex) {
				// Closed
			}
		}

		@Override
		public void close() throws IOException {
			this.serverSocket.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

}
