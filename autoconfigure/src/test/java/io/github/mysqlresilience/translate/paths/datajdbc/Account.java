package io.github.mysqlresilience.translate.paths.datajdbc;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An account, mapped by Spring Data JDBC.
 *
 * @param id the id
 * @param email the email
 * @param balance the balance
 */
@Table("account")
public record Account(@Id Long id, String email, int balance) {
}
