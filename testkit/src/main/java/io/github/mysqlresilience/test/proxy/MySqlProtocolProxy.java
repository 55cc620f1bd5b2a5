package io.github.mysqlresilience.test.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy in front of a MySQL or MariaDB server that reads the MySQL protocol well
 * enough to act on statements, not bytes: it can answer a statement with an error packet
 * the server never sent (MySQL-only errors such as 1053 or 3024, on the real wire, through
 * the driver's own packet parsing), forward a statement, let the server execute it, and
 * cut the connection before the answer reaches the client (a COMMIT that the server
 * applied while the client only sees a lost connection), or hold the answer back.
 * <p>
 * Rules match the text of {@code COM_QUERY} commands (the first packet of a command, the
 * one with sequence number 0) by a regular expression. Connections must not use TLS: a
 * client that asks for it is disconnected and counted in {@link #tlsRefused()} (the test
 * kit's servers and URLs run without TLS). Compression is not supported either.
 *
 * @since 0.1.0
 */
public final class MySqlProtocolProxy implements AutoCloseable {

	private static final int COM_QUERY = 0x03;

	private static final int CLIENT_SSL = 0x0800;

	private static final int CLIENT_COMPRESS = 0x0020;

	private static final int SOCKET_BUFFER = 64 * 1024;

	private final InetSocketAddress target;

	private final ServerSocket serverSocket;

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger tlsRefused = new AtomicInteger();

	private volatile boolean closed;

	private MySqlProtocolProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.serverSocket = new ServerSocket();
		// Small fixed buffers: the proxy must not hold megabytes the real wire would not
		// (a slow consumer's server must still block and hit net_write_timeout)
		this.serverSocket.setReceiveBufferSize(SOCKET_BUFFER);
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		Thread acceptor = new Thread(this::accept, "mysql-protocol-proxy-" + this.serverSocket.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Start a proxy in front of a server, on a free loopback port.
	 * @param target the server
	 * @return the running proxy
	 */
	public static MySqlProtocolProxy start(InetSocketAddress target) {
		try {
			return new MySqlProtocolProxy(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the MySQL protocol proxy", ex);
		}
	}

	/**
	 * Return the host the proxy listens on.
	 * @return the loopback address
	 */
	public String host() {
		return this.serverSocket.getInetAddress().getHostAddress();
	}

	/**
	 * Return the port the proxy listens on.
	 * @return the port
	 */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Answer the statements matching a pattern with an error packet, instead of sending
	 * them to the server.
	 * @param statement the statement text to match (a regular expression, found anywhere
	 * in the text, case-insensitive)
	 * @param error the error to answer with
	 * @param times how many statements to answer so, or {@code -1} for every one
	 * @param thenClose whether to close the connection after the error (as a server that
	 * shuts down does)
	 * @return the rule, which counts its matches
	 */
	public Rule answerWithError(String statement, MySqlErrorPacket error, int times, boolean thenClose) {
		Rule rule = new Rule(Pattern.compile(statement, Pattern.CASE_INSENSITIVE), error, thenClose, times, null, false);
		this.rules.add(rule);
		return rule;
	}

	/**
	 * Send the statements matching a pattern to the server, let it execute them, and cut
	 * the connection as soon as its answer starts, before any of it reaches the client.
	 * @param statement the statement text to match (a regular expression, found anywhere
	 * in the text, case-insensitive)
	 * @param times how many statements to cut so, or {@code -1} for every one
	 * @return the rule, which counts its matches
	 */
	public Rule cutAfterExecution(String statement, int times) {
		Rule rule = new Rule(Pattern.compile(statement, Pattern.CASE_INSENSITIVE), null, true, times, null, false);
		this.rules.add(rule);
		return rule;
	}

	/**
	 * Send the statements matching a pattern to the server and hold its answer back for a
	 * while before passing it on (a slow network or server, at the exact statement), or
	 * for ever with {@code null}: the client waits for its own socket timeout.
	 * @param statement the statement text to match (a regular expression, found anywhere
	 * in the text, case-insensitive)
	 * @param delay how long to hold the answer back, or {@code null} to drop it
	 * @param times how many statements to delay so, or {@code -1} for every one
	 * @return the rule, which counts its matches
	 */
	public Rule delayAnswer(String statement, @Nullable Duration delay, int times) {
		Rule rule = new Rule(Pattern.compile(statement, Pattern.CASE_INSENSITIVE), null, false, times, delay,
				delay == null);
		this.rules.add(rule);
		return rule;
	}

	/**
	 * Remove every rule.
	 */
	public void clearRules() {
		this.rules.clear();
	}

	/**
	 * Return how many clients asked for TLS and were disconnected.
	 * @return the count
	 */
	public int tlsRefused() {
		return this.tlsRefused.get();
	}

	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.serverSocket);
		this.sockets.forEach(MySqlProtocolProxy::closeQuietly);
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.serverSocket.accept();
				client.setSendBufferSize(SOCKET_BUFFER);
				Socket server = new Socket();
				server.setReceiveBufferSize(SOCKET_BUFFER);
				server.connect(this.target);
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(server);
				new Session(client, server).start();
			}
			catch (IOException ex) {
				// Closed, or the server is not there: the client sees its connection closed
			}
		}
	}

	private @Nullable Rule match(String statement) {
		for (Rule rule : this.rules) {
			if (rule.pattern.matcher(statement).find() && rule.claim()) {
				return rule;
			}
		}
		return null;
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Closed already
		}
	}

	/**
	 * A rule of the proxy: which statements it matches, what it does, how often.
	 */
	public static final class Rule {

		private final Pattern pattern;

		private final @Nullable MySqlErrorPacket error;

		private final boolean close;

		private final AtomicInteger remaining;

		private final AtomicInteger matched = new AtomicInteger();

		private final @Nullable Duration delay;

		private final boolean drop;

		private Rule(Pattern pattern, @Nullable MySqlErrorPacket error, boolean close, int times,
				@Nullable Duration delay, boolean drop) {
			this.pattern = pattern;
			this.error = error;
			this.close = close;
			this.remaining = new AtomicInteger((times < 0) ? Integer.MAX_VALUE : times);
			this.delay = delay;
			this.drop = drop;
		}

		private boolean claim() {
			if (this.remaining.getAndUpdate((left) -> (left > 0) ? left - 1 : 0) > 0) {
				this.matched.incrementAndGet();
				return true;
			}
			return false;
		}

		/**
		 * Return how many statements this rule acted on.
		 * @return the count
		 */
		public int matched() {
			return this.matched.get();
		}

	}

	/**
	 * One client connection and its server connection: the client's packets are read
	 * one by one, the server's bytes are forwarded as they come, unless a rule says
	 * otherwise.
	 */
	private final class Session {

		private final Socket client;

		private final Socket server;

		private final Object clientOutput = new Object();

		private volatile boolean cutOnAnswer;

		private volatile boolean dropAnswers;

		private volatile long delayNextAnswerNanos;

		Session(Socket client, Socket server) {
			this.client = client;
			this.server = server;
		}

		void start() {
			Thread up = new Thread(this::clientToServer, "mysql-protocol-proxy-up");
			Thread down = new Thread(this::serverToClient, "mysql-protocol-proxy-down");
			up.setDaemon(true);
			down.setDaemon(true);
			up.start();
			down.start();
		}

		private void clientToServer() {
			try (InputStream in = this.client.getInputStream(); OutputStream out = this.server.getOutputStream()) {
				boolean handshakeResponseSeen = false;
				byte[] header = new byte[4];
				while (readFully(in, header)) {
					int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
					int sequence = header[3] & 0xFF;
					byte[] payload = new byte[length];
					if (!readFully(in, payload)) {
						break;
					}
					if (!handshakeResponseSeen && sequence == 1 && length >= 4) {
						handshakeResponseSeen = true;
						int capabilities = (payload[0] & 0xFF) | (payload[1] & 0xFF) << 8;
						if ((capabilities & (CLIENT_SSL | CLIENT_COMPRESS)) != 0) {
							MySqlProtocolProxy.this.tlsRefused.incrementAndGet();
							break;
						}
					}
					if (sequence == 0 && length > 0 && (payload[0] & 0xFF) == COM_QUERY) {
						String statement = new String(payload, 1, length - 1, StandardCharsets.UTF_8);
						Rule rule = match(statement);
						if (rule != null && rule.error != null) {
							answer(rule.error);
							if (rule.close) {
								break;
							}
							continue;
						}
						if (rule != null && rule.close) {
							this.cutOnAnswer = true;
						}
						else if (rule != null && rule.drop) {
							this.dropAnswers = true;
						}
						else if (rule != null && rule.delay != null) {
							this.delayNextAnswerNanos = rule.delay.toNanos();
						}
					}
					out.write(header);
					out.write(payload);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Either side closed
			}
			finally {
				closeBoth();
			}
		}

		private void serverToClient() {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = this.server.getInputStream(); OutputStream out = this.client.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (this.cutOnAnswer) {
						// The server executed the statement and answers: the client never hears it
						break;
					}
					if (this.dropAnswers) {
						continue;
					}
					long delay = this.delayNextAnswerNanos;
					if (delay > 0) {
						this.delayNextAnswerNanos = 0;
						sleep(delay);
					}
					synchronized (this.clientOutput) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// Either side closed
			}
			finally {
				closeBoth();
			}
		}

		private static void sleep(long nanos) {
			try {
				TimeUnit.NANOSECONDS.sleep(nanos);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void answer(MySqlErrorPacket error) throws IOException {
			byte[] packet = error.toPacket(1);
			synchronized (this.clientOutput) {
				OutputStream out = this.client.getOutputStream();
				out.write(packet);
				out.flush();
			}
		}

		private void closeBoth() {
			closeQuietly(this.client);
			closeQuietly(this.server);
			MySqlProtocolProxy.this.sockets.remove(this.client);
			MySqlProtocolProxy.this.sockets.remove(this.server);
		}

		private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
			int offset = 0;
			while (offset < buffer.length) {
				int read = in.read(buffer, offset, buffer.length - offset);
				if (read == -1) {
					return false;
				}
				offset += read;
			}
			return true;
		}

	}

}
