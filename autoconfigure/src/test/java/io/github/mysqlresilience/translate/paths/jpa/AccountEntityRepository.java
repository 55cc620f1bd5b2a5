package io.github.mysqlresilience.translate.paths.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data JPA repository of accounts.
 */
public interface AccountEntityRepository extends JpaRepository<AccountEntity, Long> {

}
