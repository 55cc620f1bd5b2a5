package io.github.mysqlresilience.test.proxy;

import java.io.BufferedOutputStream;
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
import java.util.Map;
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
 * Rules match the statement text of a command by a regular expression: a
 * {@code COM_QUERY}'s, a {@code COM_STMT_PREPARE}'s, and a {@code COM_STMT_EXECUTE}'s
 * (the text its statement was prepared with). The server's answers are followed packet by
 * packet to their end (OK, ERR, text and binary result sets, with or without
 * {@code CLIENT_DEPRECATE_EOF}, multi-packet payloads), so an effect applies to the
 * answer of the command it matched, the server's errors can be rewritten
 * ({@link #rewriteError}), and idle connections can be sent an unsolicited error and closed
 * ({@link #disconnectClients}). Connections must not use TLS: a client that asks for it
 * is disconnected and counted in {@link #tlsRefused()} (the test kit's servers and URLs
 * run without TLS). Compression is not supported either; nor are server-side cursors
 * ({@code COM_STMT_FETCH} is forwarded, its answer not followed).
 *
 * @since 0.1.0
 */
public final class MySqlProtocolProxy implements AutoCloseable {

	private static final int COM_QUERY = 0x03;

	private static final int COM_STMT_PREPARE = 0x16;

	private static final int COM_STMT_EXECUTE = 0x17;

	private static final long CLIENT_DEPRECATE_EOF = 0x01000000L;

	private static final int CLIENT_SSL = 0x0800;

	private static final int CLIENT_COMPRESS = 0x0020;

	private static final int SOCKET_BUFFER = 64 * 1024;

	private final InetSocketAddress target;

	private final ServerSocket serverSocket;

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

	private final List<ErrorRewrite> rewrites = new CopyOnWriteArrayList<>();

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
	 * Rewrite the server's errors of one code into another error on their way to the
	 * client (for example MariaDB's read-only 1290 into MySQL's {@code --super-read-only}
	 * wording, or any server error into one only MySQL sends).
	 * @param serverCode the code of the server's error
	 * @param replacement the error the client gets instead
	 * @param times how many errors to rewrite, or {@code -1} for every one
	 */
	public void rewriteError(int serverCode, MySqlErrorPacket replacement, int times) {
		this.rewrites.add(new ErrorRewrite(serverCode, replacement,
				new AtomicInteger((times < 0) ? Integer.MAX_VALUE : times)));
	}

	/**
	 * Send every client connection an error it did not ask for and close it, as MySQL
	 * 8.0.24+ does to a connection idle past {@code wait_timeout} (4031) and a server
	 * that shuts down does to its clients (1053). Idle connections get it at once; a
	 * connection waiting for an answer gets it as soon as the answer is complete.
	 * @param error the error
	 * @return how many connections were idle and closed at once
	 */
	public int disconnectClients(MySqlErrorPacket error) {
		int idle = 0;
		for (Session session : this.sessions) {
			if (session.isIdle()) {
				idle++;
			}
			session.disconnectWhenIdle(error);
		}
		return idle;
	}

	/**
	 * Return how many client connections are idle: logged in, with no answer under way
	 * and none expected.
	 * @return the count
	 */
	public int idleConnections() {
		return (int) this.sessions.stream().filter(Session::isIdle).count();
	}

	/**
	 * Return how many client connections the proxy holds.
	 * @return the count
	 */
	public int connections() {
		return this.sessions.size();
	}

	/**
	 * Remove every rule and error rewrite.
	 */
	public void clearRules() {
		this.rules.clear();
		this.rewrites.clear();
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
				Session session = new Session(client, server);
				this.sessions.add(session);
				session.start();
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

	private @Nullable ErrorRewrite rewriteOf(int code) {
		for (ErrorRewrite rewrite : this.rewrites) {
			if (rewrite.code() == code && rewrite.remaining().getAndUpdate((left) -> (left > 0) ? left - 1 : 0) > 0) {
				return rewrite;
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

		boolean injectsError() {
			return this.error != null;
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
	 * One client connection and its server connection. Both directions are read packet by
	 * packet: the client's commands are matched against the rules before they are
	 * forwarded, and the server's answers are followed to their end (OK, ERR, result
	 * sets with or without EOF packets, prepared statements), so that the proxy knows
	 * which command an answer belongs to and when the connection is idle.
	 */
	private final class Session {

		private final Socket client;

		private final Socket server;

		/**
		 * Guards the client's output and the answers' order: a server packet is taken,
		 * forwarded and, if it completes an answer, followed by the errors injected in
		 * its place, all under this lock.
		 */
		private final Object clientOutput = new Object();

		private final OutputStream toClient;

		private final ServerAnswers answers = new ServerAnswers();

		private final Map<Long, String> preparedStatements = new ConcurrentHashMap<>();

		private volatile @Nullable String lastPrepared;

		private volatile @Nullable MySqlErrorPacket disconnectWhenIdle;

		Session(Socket client, Socket server) throws IOException {
			this.client = client;
			this.server = server;
			this.toClient = new BufferedOutputStream(client.getOutputStream(), SOCKET_BUFFER);
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
			try (InputStream in = this.client.getInputStream();
					OutputStream out = new BufferedOutputStream(this.server.getOutputStream(), SOCKET_BUFFER)) {
				Packet.Reader packets = new Packet.Reader(in, SOCKET_BUFFER);
				boolean handshakeResponseSeen = false;
				Packet packet;
				while ((packet = packets.next()) != null) {
					byte[] payload = packet.payload();
					if (!handshakeResponseSeen && packet.sequence() == 1 && payload.length >= 4) {
						handshakeResponseSeen = true;
						long capabilities = (payload[0] & 0xFFL) | (payload[1] & 0xFFL) << 8
								| (payload[2] & 0xFFL) << 16 | (payload[3] & 0xFFL) << 24;
						if ((capabilities & (CLIENT_SSL | CLIENT_COMPRESS)) != 0) {
							MySqlProtocolProxy.this.tlsRefused.incrementAndGet();
							break;
						}
						this.answers.deprecateEof = (capabilities & CLIENT_DEPRECATE_EOF) != 0;
					}
					if (packet.sequence() == 0 && payload.length > 0 && this.answers.isAuthenticated()) {
						Command command = command(payload);
						Rule rule = (command.statement() != null) ? match(command.statement()) : null;
						if (rule != null && rule.error != null) {
							if (inject(command.withRule(rule))) {
								break;
							}
							if (!packets.hasBuffered()) {
								// What came before (a pipelined prepare) must reach the server now
								out.flush();
							}
							continue;
						}
						this.answers.expect(command.withRule(rule));
					}
					packet.writeTo(out);
					if (!packets.hasBuffered()) {
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

		/**
		 * The command a client packet starts, with the statement text the rules match: a
		 * query's, or an execute's (the text its statement was prepared with; an execute
		 * names the statement by the id its prepare got). A prepare itself executes
		 * nothing and matches no rule.
		 */
		private Command command(byte[] payload) {
			int type = payload[0] & 0xFF;
			if (type == COM_QUERY) {
				return new Command(type, new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8), null, null);
			}
			if (type == COM_STMT_PREPARE) {
				String prepared = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
				this.lastPrepared = prepared;
				return new Command(type, null, prepared, null);
			}
			if (type == COM_STMT_EXECUTE && payload.length >= 5) {
				long id = (payload[1] & 0xFFL) | (payload[2] & 0xFFL) << 8 | (payload[3] & 0xFFL) << 16
						| (payload[4] & 0xFFL) << 24;
				// MariaDB Connector/J pipelines a prepare and its execute, naming "the last one"
				String statement = (id == 0xFFFFFFFFL) ? null : this.preparedStatements.get(id);
				return new Command(type, (statement != null) ? statement : this.lastPrepared, null, null);
			}
			return new Command(type, null, null, null);
		}

		/**
		 * Answer a command with an injected error: at once if no answer is under way or
		 * expected, or else in its turn, after the answers before it.
		 * @return whether the connection is to be closed now
		 */
		private boolean inject(Command command) throws IOException {
			synchronized (this.clientOutput) {
				if (!this.answers.isIdle()) {
					this.answers.expect(command);
					return false;
				}
				Rule rule = command.rule();
				answer(rule.error, 1);
				return rule.close;
			}
		}

		private void serverToClient() {
			try (InputStream in = this.server.getInputStream()) {
				Packet.Reader packets = new Packet.Reader(in, SOCKET_BUFFER);
				Packet packet;
				while ((packet = packets.next()) != null) {
					if (!forward(packet, packets)) {
						break;
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

		/**
		 * Forward one server packet as the rules say.
		 * @return whether to go on
		 */
		private boolean forward(Packet packet, Packet.Reader packets) throws IOException {
			synchronized (this.clientOutput) {
				ServerAnswers.Step step = this.answers.accept(packet.payload());
				Command answered = step.command();
				Rule rule = (answered != null) ? answered.rule() : null;
				if (step.first() && rule != null) {
					if (rule.close) {
						// The server executed the statement and answers: the client never hears it
						return false;
					}
					if (rule.delay != null) {
						this.toClient.flush();
						sleep(rule.delay.toNanos());
					}
				}
				if (step.preparedId() >= 0 && answered != null && answered.prepared() != null) {
					this.preparedStatements.put(step.preparedId(), answered.prepared());
				}
				if (rule == null || !rule.drop) {
					rewritten(packet).writeTo(this.toClient);
				}
				if (step.complete()) {
					Command injected;
					while ((injected = this.answers.nextInjected()) != null) {
						Rule injecting = injected.rule();
						answer(injecting.error, 1);
						if (injecting.close) {
							return false;
						}
					}
				}
				if (this.disconnectWhenIdle != null && this.answers.isIdle()) {
					answer(this.disconnectWhenIdle, 0);
					return false;
				}
				if (!packets.hasBuffered()) {
					this.toClient.flush();
				}
				return true;
			}
		}

		private Packet rewritten(Packet packet) {
			byte[] payload = packet.payload();
			if (payload.length < 3 || (payload[0] & 0xFF) != 0xFF) {
				return packet;
			}
			int code = (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8;
			ErrorRewrite rewrite = rewriteOf(code);
			return (rewrite != null) ? Packet.of(rewrite.replacement.toPacket(packet.sequence())) : packet;
		}

		boolean isIdle() {
			return this.answers.isIdle();
		}

		/**
		 * Send an error the client did not ask for and close, as MySQL does to an idle
		 * connection (4031) or when it shuts down (1053); a busy connection gets it once its
		 * answer is complete.
		 */
		void disconnectWhenIdle(MySqlErrorPacket error) {
			synchronized (this.clientOutput) {
				this.disconnectWhenIdle = error;
				if (!this.answers.isIdle()) {
					return;
				}
				try {
					answer(error, 0);
				}
				catch (IOException ex) {
					// Closed already
				}
			}
			closeBoth();
		}

		private static void sleep(long nanos) {
			try {
				TimeUnit.NANOSECONDS.sleep(nanos);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void answer(@Nullable MySqlErrorPacket error, int sequence) throws IOException {
			if (error == null) {
				return;
			}
			synchronized (this.clientOutput) {
				this.toClient.write(error.toPacket(sequence));
				this.toClient.flush();
			}
		}

		private void closeBoth() {
			closeQuietly(this.client);
			closeQuietly(this.server);
			MySqlProtocolProxy.this.sockets.remove(this.client);
			MySqlProtocolProxy.this.sockets.remove(this.server);
			MySqlProtocolProxy.this.sessions.remove(this);
		}

	}

	/**
	 * A server error rewritten into another on its way to the client.
	 */
	private record ErrorRewrite(int code, MySqlErrorPacket replacement, AtomicInteger remaining) {
	}

}
