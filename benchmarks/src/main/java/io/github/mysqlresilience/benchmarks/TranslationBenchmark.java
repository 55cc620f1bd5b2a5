package io.github.mysqlresilience.benchmarks;

import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.mysql.cj.exceptions.MysqlErrorNumbers;
import com.mysql.cj.jdbc.exceptions.SQLError;
import io.github.mysqlresilience.error.MySqlErrors;
import io.github.mysqlresilience.translate.MySqlExceptionTranslator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Classification and translation of the exception chains of docs/errors.md, shallow (the
 * driver's exception) and deep (behind a pool's borrow failure and next exceptions),
 * against Spring Framework 7's default translator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class TranslationBenchmark {

	@Param({ "duplicate-key", "deadlock", "connection-lost" })
	public String failure;

	@Param({ "shallow", "deep" })
	public String depth;

	private SQLException exception;

	private final SQLExceptionTranslator spring = new SQLExceptionSubclassTranslator();

	private final SQLExceptionTranslator mySql = new MySqlExceptionTranslator();

	@Setup
	public void create() {
		SQLException driver = switch (this.failure) {
			case "duplicate-key" -> server(1062, "Duplicate entry 'alice@example.com' for key 'users.email'");
			case "deadlock" -> server(1213, "Deadlock found when trying to get lock; try restarting transaction");
			default -> SQLError.createCommunicationsException("Communications link failure", new EOFException(
					"Can not read response from server. Expected to read 4 bytes, read 0 bytes"), null);
		};
		this.exception = "shallow".equals(this.depth) ? driver : deep(driver);
	}

	private static SQLException server(int code, String message) {
		return SQLError.createSQLException(message, MysqlErrorNumbers.mysqlToSqlstate(code), code, null);
	}

	/**
	 * The driver's exception three levels down: a batch failure whose next exceptions
	 * hold a pool exception caused by the driver's.
	 */
	private static SQLException deep(SQLException driver) {
		SQLException batch = new SQLException("Batch entry 0 failed");
		SQLException next = new SQLException("Batch entry 1 failed");
		batch.setNextException(next);
		next.setNextException(new SQLTransientConnectionException("pool wrapper", driver.getSQLState(),
				driver.getErrorCode(), driver));
		return batch;
	}

	@Benchmark
	public Object classify() {
		return MySqlErrors.classify(this.exception);
	}

	@Benchmark
	public DataAccessException mySqlTranslator() {
		return this.mySql.translate("task", "SELECT 1", this.exception);
	}

	@Benchmark
	public DataAccessException springDefaultTranslator() {
		return this.spring.translate("task", "SELECT 1", this.exception);
	}

}
