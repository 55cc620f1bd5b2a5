package io.github.mysqlresilience.sample.bank;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A bank account.
 *
 * @param id the id
 * @param owner who owns it
 * @param balance its balance, in cents
 */
@Table("account")
public record Account(@Id Long id, String owner, long balance) {
}
