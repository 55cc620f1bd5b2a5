package io.github.mysqlresilience.autoconfigure;

import io.github.mysqlresilience.error.MySqlErrorClassifier;

/**
 * The one way the auto-configurations build their classifier from the properties.
 */
final class ErrorClassifiers {

	private ErrorClassifiers() {
	}

	static MySqlErrorClassifier from(MySqlResilienceProperties properties) {
		return new MySqlErrorClassifier(properties.getErrors().isIncludeValues());
	}

}
