package io.github.mysqlresilience.sample.bank;

import org.springframework.data.repository.CrudRepository;

/**
 * Spring Data JDBC repository of accounts.
 */
public interface AccountRepository extends CrudRepository<Account, Long> {

}
