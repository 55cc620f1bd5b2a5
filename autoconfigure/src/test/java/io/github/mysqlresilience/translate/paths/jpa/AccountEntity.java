package io.github.mysqlresilience.translate.paths.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account, mapped by JPA.
 */
@Entity
@Table(name = "account")
public class AccountEntity {

	@Id
	private Long id;

	private String email;

	private int balance;

	protected AccountEntity() {
	}

	public AccountEntity(Long id, String email, int balance) {
		this.id = id;
		this.email = email;
		this.balance = balance;
	}

	public Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

	public int getBalance() {
		return this.balance;
	}

}
