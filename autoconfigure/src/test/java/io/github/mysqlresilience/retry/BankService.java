package io.github.mysqlresilience.retry;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfers and writes with {@code @Retryable} and {@code @Transactional}, counting the
 * attempts of each method.
 */
@Service
public class BankService {

	private final AtomicInteger attempts = new AtomicInteger();

	private final JdbcTemplate jdbc;

	private final BankService self;

	BankService(JdbcTemplate jdbc, @org.springframework.context.annotation.Lazy BankService self) {
		this.jdbc = jdbc;
		this.self = self;
	}

	/**
	 * Return the counter of attempts (a method, so that it reaches the target through
	 * the proxy).
	 * @return the counter
	 */
	public AtomicInteger attempts() {
		return this.attempts;
	}

	/**
	 * Transfer, holding the first row's lock for a while: two opposite transfers at once
	 * deadlock. Six retries, so that the jittered retries separate them.
	 * @param from the account to debit
	 * @param to the account to credit
	 * @param amount the amount
	 * @param pauseMillis how long to hold the first lock
	 */
	@Retryable(maxRetries = 6)
	@Transactional
	public void transfer(long from, long to, int amount, long pauseMillis) {
		this.attempts.incrementAndGet();
		this.jdbc.update("UPDATE app.account SET balance = balance - ? WHERE id = ?", amount, from);
		pause(pauseMillis);
		this.jdbc.update("UPDATE app.account SET balance = balance + ? WHERE id = ?", amount, to);
	}

	@Retryable
	@Transactional
	public void auditThenUpdate(long id, String note) {
		this.attempts.incrementAndGet();
		this.jdbc.update("INSERT INTO app.audit (note) VALUES (?)", note);
		this.jdbc.execute("SET SESSION innodb_lock_wait_timeout = 1");
		this.jdbc.update("UPDATE app.account SET balance = balance + 1 WHERE id = ?", id);
	}

	@Retryable
	@Transactional
	public void write(long id) {
		this.attempts.incrementAndGet();
		this.jdbc.update("UPDATE app.account SET balance = balance + 1 WHERE id = ?", id);
	}

	@Transactional
	public void writeInsideOuterTransaction(long id) {
		this.self.write(id);
	}

	@Retryable
	@Transactional
	public void retryableOuterTransaction(long id) {
		this.self.write(id);
	}

	@Retryable(includes = DataAccessException.class)
	public void insertAccount(long id, String email) {
		this.attempts.incrementAndGet();
		this.jdbc.update("INSERT INTO app.account (id, email, balance) VALUES (?, ?, 0)", id, email);
	}

	@Transactional
	public void insertAccountInTransaction(long id, String email) {
		this.jdbc.update("INSERT INTO app.account (id, email, balance) VALUES (?, ?, 0)", id, email);
	}

	@Retryable
	public void insertPayment(String key, int amount) {
		this.attempts.incrementAndGet();
		this.jdbc.update("INSERT INTO app.payment (idempotency_key, amount) VALUES (?, ?)", key, amount);
	}

	@Retryable
	@Idempotent
	public void insertPaymentOnce(String key, int amount) {
		this.attempts.incrementAndGet();
		try {
			this.jdbc.update("INSERT INTO app.payment (idempotency_key, amount) VALUES (?, ?)", key, amount);
		}
		catch (DuplicateKeyException ex) {
			// Already done: a previous attempt committed before its connection was lost
		}
	}

	@Retryable
	@Transactional(readOnly = true)
	public int balance(long id) {
		this.attempts.incrementAndGet();
		Integer balance = this.jdbc.queryForObject("SELECT balance FROM app.account WHERE id = ?", Integer.class, id);
		return (balance != null) ? balance : 0;
	}

	/**
	 * Read a balance without retry.
	 * @param id the account
	 * @return the balance
	 */
	public int plainBalance(long id) {
		Integer balance = this.jdbc.queryForObject("SELECT balance FROM app.account WHERE id = ?", Integer.class, id);
		return (balance != null) ? balance : 0;
	}

	/**
	 * Read a balance with enough retries to wait for a restarting server within the
	 * deadline.
	 * @param id the account
	 * @return the balance
	 */
	@Retryable(maxRetries = 20)
	@Transactional(readOnly = true)
	public int patientBalance(long id) {
		return plainBalance(id);
	}

	/**
	 * Count payments, which warms the pool.
	 * @return the number of payments
	 */
	public int plainPaymentCount() {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM app.payment", Integer.class);
		return (count != null) ? count : 0;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
