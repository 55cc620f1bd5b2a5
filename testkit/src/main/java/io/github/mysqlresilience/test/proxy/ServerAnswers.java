package io.github.mysqlresilience.test.proxy;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.jspecify.annotations.Nullable;

/**
 * Follows the server's answers packet by packet, to know which command each belongs to,
 * where it starts, and when it is complete: the handshake up to its OK, OK and ERR
 * packets, text and binary result sets (column definitions, the EOF packets or, with
 * {@code CLIENT_DEPRECATE_EOF}, their absence, rows up to the terminator), further result
 * sets announced by {@code SERVER_MORE_RESULTS_EXISTS}, and a prepare's parameter and
 * column definitions. The client's thread queues the commands; the server's thread feeds
 * the packets.
 */
final class ServerAnswers {

	private static final int SERVER_MORE_RESULTS_EXISTS = 0x0008;

	private static final int SERVER_STATUS_CURSOR_EXISTS = 0x0040;

	private static final int MAX_PART = 0xFFFFFF;

	volatile boolean deprecateEof;

	private final Deque<Command> pending = new ConcurrentLinkedDeque<>();

	private volatile boolean authenticated;

	private volatile @Nullable Command current;

	private Phase phase = Phase.HANDSHAKE;

	private long remaining;

	private long columnsAfterParameters;

	/**
	 * Queue a command whose answer is expected (commands without an answer are not).
	 * @param command the command
	 */
	void expect(Command command) {
		if (!hasNoAnswer(command.type())) {
			this.pending.add(command);
		}
	}

	/**
	 * Take the next command if it is one the proxy answers itself (an injected error),
	 * once the answers before it are complete.
	 * @return the command, or {@code null}
	 */
	@Nullable Command nextInjected() {
		Command next = this.pending.peek();
		if (this.current == null && next != null && next.rule() != null && next.rule().injectsError()) {
			return this.pending.poll();
		}
		return null;
	}

	boolean isAuthenticated() {
		return this.authenticated;
	}

	boolean isIdle() {
		return this.authenticated && this.current == null && this.pending.isEmpty();
	}

	/**
	 * Take the server's next packet.
	 * @param payload its payload
	 * @return where the packet stands in the answers
	 */
	Step accept(byte[] payload) {
		int header = (payload.length > 0) ? payload[0] & 0xFF : -1;

		if (this.phase == Phase.HANDSHAKE) {
			if (header == 0x00) {
				this.authenticated = true;
				this.phase = Phase.NONE;
			}
			return new Step(null, false, false, this.authenticated && this.pending.isEmpty(), -1);
		}
		boolean first = false;
		Command command = this.current;
		if (command == null) {
			command = this.pending.poll();
			if (command == null) {
				// Unsolicited: an error the server sends before it closes the connection
				return new Step(null, false, false, false, -1);
			}
			this.current = command;
			this.phase = firstPhase(command.type());
			first = true;
		}
		long preparedId = -1;
		boolean complete = false;
		switch (this.phase) {
			case ONE -> complete = true;
			case AUTH -> complete = header == 0x00 || header == 0xFF;
			case FIRST -> {
				if (header == 0x00) {
					complete = !moreResults(okStatus(payload));
				}
				else if (header == 0xFF) {
					complete = true;
				}
				else if (header != 0xFB) {
					this.remaining = lengthEncoded(payload, 0);
					this.phase = Phase.COLUMNS;
				}
			}
			case COLUMNS -> {
				if (--this.remaining <= 0) {
					this.phase = this.deprecateEof ? Phase.ROWS : Phase.COLUMNS_EOF;
				}
			}
			case COLUMNS_EOF -> {
				if ((eofStatus(payload) & SERVER_STATUS_CURSOR_EXISTS) != 0) {
					complete = true;
				}
				else {
					this.phase = Phase.ROWS;
				}
			}
			case ROWS -> {
				if (header == 0xFF) {
					complete = true;
				}
				else if (isTerminator(header, payload.length)) {
					int status = this.deprecateEof ? okStatus(payload) : eofStatus(payload);
					if (moreResults(status)) {
						this.phase = Phase.FIRST;
					}
					else {
						complete = true;
					}
				}
			}
			case PREPARE -> {
				if (header == 0x00 && payload.length >= 9) {
					preparedId = (payload[1] & 0xFFL) | (payload[2] & 0xFFL) << 8 | (payload[3] & 0xFFL) << 16
							| (payload[4] & 0xFFL) << 24;
					long columns = (payload[5] & 0xFF) | (payload[6] & 0xFF) << 8;
					long parameters = (payload[7] & 0xFF) | (payload[8] & 0xFF) << 8;
					this.columnsAfterParameters = columns;
					if (parameters > 0) {
						this.remaining = parameters;
						this.phase = Phase.PARAMETERS;
					}
					else {
						complete = startPreparedColumns();
					}
				}
				else {
					complete = true;
				}
			}
			case PARAMETERS -> {
				if (--this.remaining <= 0) {
					if (this.deprecateEof) {
						complete = startPreparedColumns();
					}
					else {
						this.phase = Phase.PARAMETERS_EOF;
					}
				}
			}
			case PARAMETERS_EOF -> complete = startPreparedColumns();
			case PREPARED_COLUMNS -> {
				if (--this.remaining <= 0) {
					if (this.deprecateEof) {
						complete = true;
					}
					else {
						this.phase = Phase.PREPARED_COLUMNS_EOF;
					}
				}
			}
			case PREPARED_COLUMNS_EOF, FIELDS -> complete = this.phase == Phase.PREPARED_COLUMNS_EOF
					|| header == 0xFE || header == 0xFF;
			default -> complete = true;
		}
		if (complete) {
			this.current = null;
			this.phase = Phase.NONE;
		}
		return new Step(command, first, complete, complete && this.pending.isEmpty(), preparedId);
	}

	private boolean startPreparedColumns() {
		if (this.columnsAfterParameters > 0) {
			this.remaining = this.columnsAfterParameters;
			this.phase = Phase.PREPARED_COLUMNS;
			return false;
		}
		return true;
	}

	private boolean isTerminator(int header, int length) {
		return header == 0xFE && (this.deprecateEof ? length < MAX_PART : length < 9);
	}

	private static boolean moreResults(int status) {
		return (status & SERVER_MORE_RESULTS_EXISTS) != 0;
	}

	private static int eofStatus(byte[] payload) {
		return (payload.length >= 5) ? (payload[3] & 0xFF) | (payload[4] & 0xFF) << 8 : 0;
	}

	private static int okStatus(byte[] payload) {
		int offset = 1;
		offset += lengthEncodedSize(payload, offset);
		offset += lengthEncodedSize(payload, offset);
		return (payload.length >= offset + 2) ? (payload[offset] & 0xFF) | (payload[offset + 1] & 0xFF) << 8 : 0;
	}

	private static int lengthEncodedSize(byte[] payload, int offset) {
		if (offset >= payload.length) {
			return 1;
		}
		return switch (payload[offset] & 0xFF) {
			case 0xFC -> 3;
			case 0xFD -> 4;
			case 0xFE -> 9;
			default -> 1;
		};
	}

	private static long lengthEncoded(byte[] payload, int offset) {
		int size = lengthEncodedSize(payload, offset);
		if (size == 1) {
			return payload[offset] & 0xFF;
		}
		long value = 0;
		for (int i = size - 1; i >= 1; i--) {
			value = (value << 8) | (payload[offset + i] & 0xFF);
		}
		return value;
	}

	private static boolean hasNoAnswer(int type) {
		// COM_QUIT, COM_STMT_SEND_LONG_DATA, COM_STMT_CLOSE
		return type == 0x01 || type == 0x18 || type == 0x19;
	}

	private static Phase firstPhase(int type) {
		return switch (type) {
			case 0x03, 0x17 -> Phase.FIRST;
			case 0x16 -> Phase.PREPARE;
			case 0x1C -> Phase.ROWS;
			case 0x04 -> Phase.FIELDS;
			case 0x11 -> Phase.AUTH;
			default -> Phase.ONE;
		};
	}

	private enum Phase {

		HANDSHAKE, NONE, ONE, AUTH, FIRST, COLUMNS, COLUMNS_EOF, ROWS, PREPARE, PARAMETERS, PARAMETERS_EOF,
		PREPARED_COLUMNS, PREPARED_COLUMNS_EOF, FIELDS

	}

	/**
	 * Where a server packet stands.
	 *
	 * @param command the command it answers, or {@code null} (the handshake, or an
	 * unsolicited packet)
	 * @param first whether it starts the command's answer
	 * @param complete whether it completes the command's answer
	 * @param idle whether it completes the last answer expected
	 * @param preparedId the statement id a prepare's answer gives, or -1
	 */
	record Step(@Nullable Command command, boolean first, boolean complete, boolean idle, long preparedId) {
	}

}
