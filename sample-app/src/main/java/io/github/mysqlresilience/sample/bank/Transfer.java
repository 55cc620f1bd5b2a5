package io.github.mysqlresilience.sample.bank;

/**
 * A transfer between two accounts, identified by the idempotency key the client chose.
 *
 * @param idempotencyKey the client's key: the same key twice is the same transfer
 * @param from the account debited
 * @param to the account credited
 * @param amount the amount, in cents
 */
public record Transfer(String idempotencyKey, long from, long to, long amount) {
}
