package io.github.mysqlresilience.test;

/**
 * A user name and password for a {@link MySqlTestServer}.
 *
 * @param username the user name
 * @param password the password
 * @since 0.1.0
 */
public record MySqlCredentials(String username, String password) {

	@Override
	public String toString() {
		return "MySqlCredentials[username=" + this.username + ", password=******]";
	}

}
