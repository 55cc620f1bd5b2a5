package io.github.mysqlresilience.sample.bank;

import java.util.Optional;

import io.github.mysqlresilience.retry.Idempotent;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfers money, the article's example of an operation that must neither fail nor
 * happen twice. Each transfer carries an idempotency key held by a unique column: a
 * duplicate key on it means "already done", so the transfer can be retried safely even
 * when the outcome of an attempt is unknown.
 */
@Service
public class TransferService {

	private final JdbcClient jdbc;

	private final AccountRepository accounts;

	TransferService(JdbcClient jdbc, AccountRepository accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
	}

	/**
	 * Transfer, at most once per idempotency key.
	 * @param transfer the transfer
	 * @return whether this call did it ({@code false}: it was already done)
	 */
	@Retryable(maxRetries = 2, delay = 100)
	@Idempotent
	@Transactional
	public boolean transfer(Transfer transfer) {
		try {
			this.jdbc.sql("INSERT INTO transfer (idempotency_key, from_account, to_account, amount) VALUES (?, ?, ?, ?)")
				.params(transfer.idempotencyKey(), transfer.from(), transfer.to(), transfer.amount())
				.update();
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		this.jdbc.sql("UPDATE account SET balance = balance - ? WHERE id = ?")
			.params(transfer.amount(), transfer.from())
			.update();
		this.jdbc.sql("UPDATE account SET balance = balance + ? WHERE id = ?")
			.params(transfer.amount(), transfer.to())
			.update();
		return true;
	}

	/**
	 * Deposit money, a write with no idempotency key: done twice it would count twice. A
	 * COMMIT lost in flight is looked up by the starter's commit-outcome resolution
	 * instead of being refused or repeated. The reference is only a label (not unique).
	 * @param account the account to credit
	 * @param amount the amount
	 * @param reference a label of the deposit
	 */
	@Retryable(maxRetries = 2, delay = 100)
	@Transactional
	public void deposit(long account, long amount, String reference) {
		this.jdbc.sql("UPDATE account SET balance = balance + ? WHERE id = ?").params(amount, account).update();
		this.jdbc.sql("INSERT INTO deposit (account, amount, reference) VALUES (?, ?, ?)")
			.params(account, amount, reference)
			.update();
	}

	/**
	 * Return an account.
	 * @param id the account's id
	 * @return the account
	 */
	@Retryable(maxRetries = 2, delay = 100)
	@Transactional(readOnly = true)
	public Optional<Account> account(long id) {
		return this.accounts.findById(id);
	}

	/**
	 * Return the sum of all balances, slowly (a report that takes 100 ms).
	 * @return the total
	 */
	@Retryable(maxRetries = 2, delay = 100)
	@Transactional(readOnly = true)
	public long report() {
		return this.jdbc.sql("SELECT COALESCE(SUM(balance), 0) + SLEEP(0.1) FROM account").query(Long.class).single();
	}

	/**
	 * Return the sum of all balances, which transfers never change (deposits do).
	 * @return the total
	 */
	@Retryable(maxRetries = 2, delay = 100)
	@Transactional(readOnly = true)
	public long totalBalance() {
		return this.jdbc.sql("SELECT COALESCE(SUM(balance), 0) FROM account").query(Long.class).single();
	}

}
