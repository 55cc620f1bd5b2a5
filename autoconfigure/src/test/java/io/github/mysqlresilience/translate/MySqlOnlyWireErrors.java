package io.github.mysqlresilience.translate;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.mysqlresilience.error.MySqlErrorCategory;
import io.github.mysqlresilience.error.RetrySafety;
import io.github.mysqlresilience.test.JdbcDriver;
import io.github.mysqlresilience.test.proxy.MySqlErrorPacket;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.dao.DataAccessException;

/**
 * The MySQL-only errors of docs/errors.md as the protocol-aware proxy injects them, with
 * what the starter makes of each: the real-wire tests of translation and of the pool read
 * the same table.
 *
 * @param packet the error packet
 * @param thenClose whether the server closes the connection after it (as for 1053 and 4031)
 * @param category the category it is classified as
 * @param safety its retry safety
 * @param translated the exception it is translated into
 */
public record MySqlOnlyWireErrors(MySqlErrorPacket packet, boolean thenClose, MySqlErrorCategory category,
		RetrySafety safety, Class<? extends DataAccessException> translated) {

	private static final List<MySqlOnlyWireErrors> ALL = List.of(
			new MySqlOnlyWireErrors(MySqlErrorPacket.SERVER_SHUTDOWN, true, MySqlErrorCategory.SERVER_SHUTDOWN,
					RetrySafety.OUTCOME_UNKNOWN, MySqlServerShutdownException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.QUERY_TIMEOUT, false, MySqlErrorCategory.QUERY_TIMEOUT,
					RetrySafety.NEVER, MySqlQueryTimeoutException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.SUPER_READ_ONLY, false, MySqlErrorCategory.READ_ONLY,
					RetrySafety.SAFE, MySqlReadOnlyException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.READ_ONLY_MODE, false, MySqlErrorCategory.READ_ONLY,
					RetrySafety.SAFE, MySqlReadOnlyException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.GROUP_REPLICATION_ROLLBACK, false, MySqlErrorCategory.DEADLOCK,
					RetrySafety.TRANSACTION_ROLLED_BACK, MySqlDeadlockException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.WSREP_NOT_READY, false, MySqlErrorCategory.CONNECTION_LOST,
					RetrySafety.OUTCOME_UNKNOWN, MySqlConnectionAbortedException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.PROXYSQL_NO_BACKEND, false, MySqlErrorCategory.CANNOT_CONNECT,
					RetrySafety.SAFE, MySqlCannotConnectException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.LOCK_NOWAIT, false, MySqlErrorCategory.LOCK_NOWAIT,
					RetrySafety.NEVER, MySqlLockNowaitException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.CHECK_CONSTRAINT_VIOLATED, false,
					MySqlErrorCategory.DATA_INTEGRITY, RetrySafety.NEVER, MySqlDataIntegrityViolationException.class),
			new MySqlOnlyWireErrors(MySqlErrorPacket.IDLE_DISCONNECT, true, MySqlErrorCategory.CONNECTION_LOST,
					RetrySafety.SAFE, MySqlConnectionLostException.class));

	/**
	 * Every error with every driver, as test arguments.
	 * @param arguments the arguments of one case
	 * @return the cases
	 */
	public static Stream<Arguments> withBothDrivers(Function<MySqlOnlyWireErrors, Object[]> arguments) {
		return Stream.of(JdbcDriver.values())
			.flatMap((driver) -> ALL.stream().map((error) -> {
				Object[] rest = arguments.apply(error);
				Object[] all = new Object[rest.length + 1];
				all[0] = driver;
				System.arraycopy(rest, 0, all, 1, rest.length);
				return Arguments.of(all);
			}));
	}

}
