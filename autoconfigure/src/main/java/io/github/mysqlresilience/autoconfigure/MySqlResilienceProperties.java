package io.github.mysqlresilience.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for MySQL resilience.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mysql.resilience")
public class MySqlResilienceProperties {

	private final Errors errors = new Errors();

	private final Translation translation = new Translation();

	public Errors getErrors() {
		return this.errors;
	}

	public Translation getTranslation() {
		return this.translation;
	}

	/**
	 * Error classification properties.
	 */
	public static class Errors {

		/**
		 * Whether error messages keep user data, such as the value of a duplicate entry.
		 * Off by default, so that exception messages, logs and meters carry no user data.
		 */
		private boolean includeValues;

		public boolean isIncludeValues() {
			return this.includeValues;
		}

		public void setIncludeValues(boolean includeValues) {
			this.includeValues = includeValues;
		}

	}

	/**
	 * Exception translation properties.
	 */
	public static class Translation {

		/**
		 * Whether to translate MySQL and MariaDB failures into specific Spring exceptions
		 * on every data-access path (JdbcTemplate, JdbcClient, Spring Data JDBC, JPA, the
		 * JDBC transaction manager and jOOQ).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
